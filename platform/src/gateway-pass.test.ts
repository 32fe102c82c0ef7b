import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GATEWAY_PASS_PARAM,
  GatewayPassSigner,
  GatewayPassVerifier,
  type NonceStore,
  PASS_MAX_AGE_MS,
  validClientRequestId,
} from './gateway-pass.js';

const SECRET = 'a-gateway-secret-of-at-least-32-characters';
const viewer = { subject: 'analyst-1', roles: ['analyst'] as const, regionCode: '330000' };
const body = JSON.stringify({ query: '{ coverageStats { organizations } }' });

function memoryNonces(): NonceStore {
  const seen = new Set<string>();
  return {
    async firstUse(nonce) {
      if (seen.has(nonce)) return false;
      seen.add(nonce);
      return true;
    },
  };
}

/** Checks a pass as a subgraph does: the header, then the body and the nonce. */
async function admit(verifier: GatewayPassVerifier, pass: string, content = body) {
  const verified = verifier.verifyRequestHeader(pass);
  await verifier.checkContent(verified.pass, content);
  return verified;
}

describe('the gateway pass', () => {
  afterEach(() => vi.useRealTimers());
  const signer = new GatewayPassSigner(SECRET);

  it('carries the viewer and both request ids to the subgraph', async () => {
    const verifier = new GatewayPassVerifier(SECRET, memoryNonces());
    const pass = signer.forRequest(viewer, body, { requestId: 'gw-1', clientRequestId: 'client-7' });
    const verified = await admit(verifier, pass);
    expect(verified.viewer).toMatchObject({ subject: 'analyst-1', roles: ['analyst'], regionCode: '330000' });
    expect(verified).toMatchObject({ requestId: 'gw-1', clientRequestId: 'client-7' });
  });

  it('refuses a pass signed with another secret, an edited one, and none', async () => {
    const verifier = new GatewayPassVerifier(SECRET, memoryNonces());
    const forged = new GatewayPassSigner('another-secret-of-at-least-32-characters!').forRequest(
      viewer,
      body,
      {
        requestId: 'x',
      },
    );
    const [version, payload, mac] = signer.forRequest(viewer, body, { requestId: 'x' }).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, r: ['admin'], g: null })).toString('base64url');
    for (const pass of [forged, `${version}.${widened}.${mac}`, '', undefined, 'Bearer x.y.z']) {
      expect(() => verifier.verifyRequestHeader(pass)).toThrowError(/answers only the gateway/);
    }
  });

  it('refuses a replayed pass and one whose body was changed', async () => {
    const verifier = new GatewayPassVerifier(SECRET, memoryNonces());
    const pass = signer.forRequest(viewer, body, { requestId: 'once' });
    await admit(verifier, pass);
    await expect(admit(verifier, pass)).rejects.toThrowError(/answers only the gateway/);
    const other = signer.forRequest(viewer, body, { requestId: 'changed' });
    await expect(admit(verifier, other, body.replace('organizations', 'blankSpots'))).rejects.toThrowError(
      /answers only the gateway/,
    );
  });

  it('refuses a request pass older than its age, and a connection pass past its expiry', async () => {
    const verifier = new GatewayPassVerifier(SECRET, memoryNonces());
    const pass = signer.forRequest(viewer, body, { requestId: 'late' });
    const connection = signer.forConnection(viewer, Date.now() + 2 * PASS_MAX_AGE_MS);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + PASS_MAX_AGE_MS + 1);
    expect(() => verifier.verifyRequestHeader(pass)).toThrowError(/answers only the gateway/);
    expect(verifier.verifyConnection({ [GATEWAY_PASS_PARAM]: connection }).subject).toBe('analyst-1');
    vi.setSystemTime(Date.now() + PASS_MAX_AGE_MS);
    expect(() => verifier.verifyConnection({ [GATEWAY_PASS_PARAM]: connection })).toThrowError(
      /answers only the gateway/,
    );
  });

  it('does not take a request pass for a connection, nor a connection pass for a request', () => {
    const verifier = new GatewayPassVerifier(SECRET, memoryNonces());
    const request = signer.forRequest(viewer, body, { requestId: 'r' });
    const connection = signer.forConnection(viewer, Date.now() + 60_000);
    expect(() => verifier.verifyConnection({ [GATEWAY_PASS_PARAM]: request })).toThrowError();
    expect(() => verifier.verifyRequestHeader(connection)).toThrowError();
    expect(() => verifier.verifyConnection({ authorization: 'Bearer a-user-token' })).toThrowError();
  });

  it('keeps a client request id only when it is a plain identifier of at most 64 characters', () => {
    expect(validClientRequestId('trace-0001')).toBe('trace-0001');
    expect(validClientRequestId('forged-by-client; DROP TABLE x')).toBeNull();
    expect(validClientRequestId('x'.repeat(65))).toBeNull();
    expect(validClientRequestId(undefined)).toBeNull();
  });
});
