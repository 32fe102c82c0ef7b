import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayPassSigner } from '@pb/platform/gateway-pass';
import { print } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkReadiness, SDL_CHECK_INTERVAL_MS, sdlDifferences } from './readiness.js';
import { parseSupergraph, type SupergraphFile } from './supergraph.js';
import { composeSupergraph, organizationTypeDefs, partyWorkTypeDefs } from './testing/subgraphs.js';

describe('sdlDifferences', () => {
  it('finds nothing between a supergraph and the SDL it was composed from', () => {
    const supergraph = composeSupergraph();
    expect(sdlDifferences(supergraph, 'ORGANIZATION', print(organizationTypeDefs()))).toEqual([]);
    expect(sdlDifferences(supergraph, 'PARTY_WORK', print(partyWorkTypeDefs))).toEqual([]);
  });

  it('names a field served live but not composed, and one composed but no longer served', () => {
    expect(
      sdlDifferences(composeSupergraph(), 'ORGANIZATION', print(organizationTypeDefs({ motto: true }))),
    ).toEqual(['Query.motto: String! is live, not in the supergraph']);
    expect(
      sdlDifferences(composeSupergraph({ motto: true }), 'ORGANIZATION', print(organizationTypeDefs())),
    ).toEqual(['Query.motto: String! is in the supergraph, not live']);
  });
});

describe('checkReadiness', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    vi.useRealTimers();
  });

  /** One subgraph answering every request with the organization SDL (motto included); counts the SDL reads. */
  async function subgraph({ refuse = false } = {}): Promise<{ url: string; sdlReads: () => number }> {
    let reads = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const sdl = body.includes('_service');
        if (sdl) reads++;
        res.setHeader('content-type', 'application/json');
        if (refuse) {
          res.statusCode = 401;
          res.end(JSON.stringify({ errors: [{ message: 'This subgraph answers only the gateway' }] }));
          return;
        }
        res.end(
          JSON.stringify(
            sdl
              ? { data: { _service: { sdl: print(organizationTypeDefs({ motto: true })) } } }
              : { data: { __typename: 'Query' } },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/graphql`, sdlReads: () => reads };
  }

  it('reports drift without becoming unready, and reads the SDL at most once per interval', async () => {
    const { url, sdlReads } = await subgraph();
    const file = {
      path: 'supergraph.graphql',
      problem: undefined,
      current: parseSupergraph(composeSupergraph(), { ORGANIZATION: url, PARTY_WORK: url }),
    } as unknown as SupergraphFile;
    const token = new GatewayPassSigner('a-gateway-secret-of-at-least-32-characters');
    vi.useFakeTimers({ toFake: ['Date'] });

    const first = await checkReadiness(file, token);
    expect(first.status).toBe('ready');
    expect(first.sdl?.organization).toBe(
      'differs from the supergraph: Query.motto: String! is live, not in the supergraph',
    );
    expect(first.sdl?.['party-work']).toMatch(/^differs from the supergraph: /);
    expect(sdlReads()).toBe(2);

    await checkReadiness(file, token);
    expect(sdlReads()).toBe(2);
    vi.setSystemTime(Date.now() + SDL_CHECK_INTERVAL_MS);
    await checkReadiness(file, token);
    expect(sdlReads()).toBe(4);
  });

  it('says why it did not compare when a subgraph refuses its pass', async () => {
    const { url } = await subgraph({ refuse: true });
    const file = {
      path: 'supergraph.graphql',
      current: parseSupergraph(composeSupergraph(), { ORGANIZATION: url, PARTY_WORK: url }),
    } as unknown as SupergraphFile;
    const readiness = await checkReadiness(
      file,
      new GatewayPassSigner('another-secret-of-at-least-32-characters'),
    );
    expect(readiness.status).toBe('ready');
    expect(readiness.sdl?.organization).toBe('not compared: This subgraph answers only the gateway');
  });
});
