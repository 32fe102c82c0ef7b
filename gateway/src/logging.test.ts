import { createLogger } from '@pb/platform/logger';
import { describe, expect, it, vi } from 'vitest';
import { hiveLogger, redactSecrets } from './logging.js';

describe("the runtime's logs", () => {
  it('carry no credential of a connection or a request, and the rest unchanged', () => {
    const attrs = {
      connectionParams: { authorization: 'Bearer abc', gatewayPass: 'pass', client: 'wall' },
      headers: { authorization: 'Bearer def', accept: 'application/json' },
      subgraph: 'organization',
    };
    expect(redactSecrets(attrs)).toEqual({
      connectionParams: { authorization: '[Redacted]', gatewayPass: '[Redacted]', client: 'wall' },
      headers: { authorization: '[Redacted]', accept: 'application/json' },
      subgraph: 'organization',
    });
    // the caller's object is left as it was
    expect(attrs.headers.authorization).toBe('Bearer def');
    const plain = { subgraph: 'party-work', headers: { accept: 'text/html' } };
    expect(redactSecrets(plain)).toBe(plain);
  });

  it('write through our logger, redacted, from a child logger too', () => {
    const logger = createLogger('gateway', 'debug');
    const debug = vi.spyOn(logger, 'debug').mockImplementation(() => undefined);
    const child = hiveLogger(logger).child({ requestId: 'r1' });
    child.debug({ headers: { authorization: 'Bearer secret-token' } }, 'fetching');
    expect(debug).toHaveBeenCalledTimes(1);
    const written = JSON.stringify(debug.mock.calls[0]);
    expect(written).toContain('fetching');
    expect(written).toContain('[Redacted]');
    expect(written).not.toContain('secret-token');
  });
});
