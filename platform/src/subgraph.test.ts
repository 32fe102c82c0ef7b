import 'reflect-metadata';
import { request } from 'node:http';
import {
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_GATEWAY_SECRET } from './config.js';
import { GatewayPassSigner, GatewayPassVerifier, type NonceStore } from './gateway-pass.js';
import { createLogger } from './logger.js';
import { DEFAULT_OPERATION_LIMITS } from './operation-limits.js';
import { createSubgraphServer, type SubgraphServer } from './subgraph.js';

/**
 * The subgraph server's own defences, on a small schema of its own: the gateway's pass before the body,
 * the operation limits, cancellation when the caller goes away, and a stop that lets requests finish.
 */
const signer = new GatewayPassSigner(DEVELOPMENT_GATEWAY_SECRET);
const viewer = { subject: 't', roles: ['analyst'] as const, regionCode: null };
const seenNonces = new Set<string>();
const nonces: NonceStore = {
  async firstUse(nonce) {
    if (seenNonces.has(nonce)) return false;
    seenNonces.add(nonce);
    return true;
  },
};

/** Each `next` takes 100 ms and counts itself, so a test sees how far a cancelled operation went. */
let stepsResolved = 0;
const step: GraphQLObjectType = new GraphQLObjectType({
  name: 'Step',
  fields: (): Record<string, { type: GraphQLOutputType; resolve?: (parent: number) => unknown }> => ({
    n: { type: new GraphQLNonNull(GraphQLInt), resolve: (n) => n },
    next: {
      type: step,
      resolve: async (n) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        stepsResolved++;
        return n + 1;
      },
    },
  }),
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      start: { type: step, resolve: () => 0 },
      hello: { type: GraphQLString, resolve: () => 'hello' },
    },
  }),
});

/** `{ start { next { next … n } } }`, `levels` deep. */
const chain = (levels: number) => `{ start { ${'next { '.repeat(levels)}n${' }'.repeat(levels)} } }`;

let server: SubgraphServer;
let url: string;

beforeAll(async () => {
  server = createSubgraphServer({
    name: 'test',
    schema,
    gatewayPass: new GatewayPassVerifier(DEVELOPMENT_GATEWAY_SECRET, nonces),
    logger: createLogger('test', 'silent'),
    context: (base) => base,
    limits: DEFAULT_OPERATION_LIMITS,
    production: false,
  });
  ({ url } = await server.start(0));
});
afterAll(async () => {
  await server?.stop();
});

/** The headers the gateway sends with `body`: its pass, made for that body. */
const signed = (body: string) => signer.headersFor(viewer, body, 'test-request');

function post(body: string, headers: Record<string, string> = signed(body)) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a subgraph server', () => {
  it('refuses a caller without the gateway pass before reading the body', async () => {
    const response = await post('{"query": "{ this is not GraphQL"}', {});
    expect(response.status).toBe(401);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });

  it('applies the limits itself, with room for what a gateway adds', async () => {
    const deep = await post(JSON.stringify({ query: chain(20) }));
    expect(deep.status).toBe(400);
    const body = (await deep.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(body.errors[0]!.message).toMatch(/depth limit of 14 \(found \d+\)/);
    const within = await post(JSON.stringify({ query: '{ hello }' }));
    expect(await within.json()).toEqual({ data: { hello: 'hello' } });
  });

  it('stops resolving an operation whose caller went away', async () => {
    stepsResolved = 0;
    const caller = new AbortController();
    const answered = post(JSON.stringify({ query: chain(12) }));
    const abandoned = JSON.stringify({ query: chain(12) });
    const call = fetch(url, {
      method: 'POST',
      headers: signed(abandoned),
      body: abandoned,
      signal: caller.signal,
    }).catch(() => undefined);
    // both operations are under way; the second caller leaves
    await until(() => stepsResolved >= 4);
    caller.abort();
    await call;
    const full = (await (await answered).json()) as { data: unknown };
    expect(JSON.stringify(full.data)).toContain('"n":12');
    // the finished one resolved 12 steps; the abandoned one stopped within a step of its caller leaving
    expect(stepsResolved).toBeLessThan(12 + 6);
  });

  it('lets a request in flight finish when it stops', async () => {
    stepsResolved = 0;
    const body = JSON.stringify({ query: chain(5) });
    const answered = new Promise<string>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: signed(body) });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end(body);
    });
    await until(() => stepsResolved >= 1);
    const stopping = Date.now();
    const stopped = server.stop();
    expect(JSON.parse(await answered)).toEqual({
      data: { start: { next: { next: { next: { next: { next: { n: 5 } } } } } } },
    });
    await stopped;
    // it stopped once the answer was out, not after the drain time
    expect(Date.now() - stopping).toBeLessThan(3_000);
    await expect(post(JSON.stringify({ query: '{ hello }' }))).rejects.toThrow();
  });
});
