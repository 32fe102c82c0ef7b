import { createServer, type Server, type Socket } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { GATEWAY_PASS_HEADER, GatewayPassSigner } from '@pb/platform/gateway-pass';
import { createLogger } from '@pb/platform/logger';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from './config.js';
import { createErrorMasker, useOneErrorPerFailedCall } from './errors.js';
import { composeSupergraph, startOrganizationSubgraph, type TestSubgraph } from './testing/subgraphs.js';

const mask = createErrorMasker(createLogger('gateway-test', 'silent'));

/** What must never reach a client: addresses, the queries the gateway sends, stacks, OS words. */
const INTERNALS =
  /127\.0\.0\.1|localhost|http:\/\/|:\d{4,5}\b|_entities|representations|stack|ECONN|\bat \S+ \(/;

/** The upstream request the runtime puts in the extensions of a failed subgraph call. */
const upstreamRequest = {
  url: 'http://127.0.0.1:4002/graphql',
  method: 'POST',
  body: '{"query":"query($representations:[_Any!]!){_entities(representations:$representations){__typename ...on Thing{memberCount}}}"}',
};

/** An error as graphql-js hands it to the masker: located at `path`, wrapping the executor's. */
function located(inner: Error, path = ['things', 0, 'memberCount']): GraphQLError {
  return new GraphQLError(inner.message, { path, originalError: inner });
}

function shown(error: Error) {
  return JSON.parse(JSON.stringify(error)) as {
    message: string;
    path?: unknown[];
    extensions: Record<string, unknown>;
  };
}

describe('the error masker', () => {
  it('turns a subgraph call that timed out into SERVICE_UNAVAILABLE, without the URL or the query', () => {
    // as the runtime's upstreamTimeout raises it: no originalError, the upstream request in its extensions
    const timeout = new GraphQLError('The operation was aborted due to timeout', {
      extensions: {
        serviceName: 'party-work',
        request: upstreamRequest,
        code: 'GATEWAY_TIMEOUT',
        http: { status: 504 },
      },
    });
    const masked = shown(mask(located(timeout), 'Unexpected error.'));
    expect(masked.message).toBe(
      'A service behind the gateway did not answer in time; try again in a moment.',
    );
    expect(masked.path).toEqual(['things', 0, 'memberCount']);
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', errorId: expect.any(String) });
    expect(JSON.stringify(masked)).not.toMatch(INTERNALS);
  });

  it('turns a refused connection into SERVICE_UNAVAILABLE, without the address', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4002'), { code: 'ECONNREFUSED' });
    const executorError = new GraphQLError(refused.message, {
      originalError: refused,
      extensions: { request: upstreamRequest, code: 'SUBREQUEST_HTTP_ERROR', serviceName: 'party-work' },
    });
    const masked = shown(mask(located(executorError), 'Unexpected error.'));
    expect(masked.message).toBe('A service behind the gateway is unavailable; try again in a moment.');
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', errorId: expect.any(String) });
    expect(JSON.stringify(masked)).not.toMatch(INTERNALS);
  });

  it('treats an answer that is not GraphQL (a proxy error page) as unavailable, without the page', () => {
    const page = new GraphQLError('Unexpected response: "<html>502 Bad Gateway nginx at 10.0.0.7</html>"', {
      originalError: new SyntaxError('Unexpected token <'),
      extensions: { request: upstreamRequest, code: 'RESPONSE_VALIDATION_FAILED', response: { status: 502 } },
    });
    const masked = shown(mask(located(page), 'Unexpected error.'));
    expect(masked.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(masked)).not.toMatch(/nginx|10\.0\.0\.7|502/);
  });

  it('recognises a socket error the runtime passed on as a bare value', () => {
    // graphql-js wraps a thrown non-Error (a WebSocket error event) in "Unexpected error value: …"
    const wrapped = located(
      new Error('Unexpected error value: { message: "connect ECONNREFUSED 127.0.0.1:4002" }'),
    );
    expect(shown(mask(wrapped, 'Unexpected error.')).extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('gives the errors of one failed call one error id, and another failure another', () => {
    const failure = new GraphQLError('connect ECONNREFUSED 127.0.0.1:4002', {
      extensions: { request: upstreamRequest, code: 'SUBREQUEST_HTTP_ERROR' },
    });
    // the runtime copies the failure to each entity the call was for, each at its own path
    const [first, second] = [0, 1].map((i) =>
      shown(mask(located(failure, ['things', i, 'memberCount']), '')),
    );
    expect(first!.extensions.errorId).toBe(second!.extensions.errorId);
    const other = new GraphQLError(failure.message, { extensions: failure.extensions });
    expect(shown(mask(located(other), '')).extensions.errorId).not.toBe(first!.extensions.errorId);
  });

  it("passes a subgraph's deliberate error on as it is", () => {
    const forbidden = new GraphQLError('The wall role reads aggregates only.', {
      extensions: { code: 'FORBIDDEN', serviceName: 'party-work' },
    });
    const error = located(forbidden);
    expect(mask(error, 'Unexpected error.')).toBe(error);
  });

  it("passes on a subgraph's error that comes as plain JSON (a refused subscription, from Hive Router's executor)", () => {
    const refused = {
      message: 'Region 440000 is outside your region 330000.',
      locations: [{ line: 1, column: 14 }],
      path: ['coverageStatsChanged'],
      extensions: { code: 'FORBIDDEN', serviceName: 'organization' },
    };
    expect(shown(mask(refused as unknown as Error, 'Unexpected error.'))).toEqual({
      message: refused.message,
      path: refused.path,
      extensions: refused.extensions,
    });
  });

  it('masks anything else with an error id, and no stack', () => {
    const masked = shown(
      mask(located(new TypeError("Cannot read properties of undefined (reading 'id')")), 'Unexpected error.'),
    );
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) });
    expect(masked.message).toBe(
      `Unexpected error.; quote error id ${masked.extensions.errorId} when reporting it.`,
    );
    expect(JSON.stringify(masked)).not.toMatch(/properties|TypeError|stack/);
  });
});

/**
 * The masker on what the runtime really raises: organization answers, party-work either hangs (a TCP
 * server that accepts and never answers) or refuses connections. The gateway waits 30 s for a
 * subgraph; here party-work gets 500 ms, so the timeout is seen without the wait.
 */
describe('the masker in the runtime', () => {
  let organization: TestSubgraph;
  let hanging: Server;
  const held = new Set<Socket>();
  let hangingUrl: string;
  let refusingUrl: string;
  let signer: GatewayPassSigner;
  const viewer = { subject: 'masker', roles: ['analyst'] as const, regionCode: null };
  const runtimes: GatewayRuntime[] = [];

  beforeAll(async () => {
    const auth = readGatewayConfig({ NODE_ENV: 'test' }).auth;
    organization = await startOrganizationSubgraph(auth);
    signer = new GatewayPassSigner(auth.gatewaySecret);
    // three things: one failed call to party-work is about all three
    for (const name of ['Second thing', 'Third thing']) {
      const body = JSON.stringify({
        query: 'mutation ($name: String!) { addThing(name: $name) { id } }',
        variables: { name },
      });
      const added = await fetch(organization.url, {
        method: 'POST',
        headers: signer.headersFor(viewer, body, `add-${name}`),
        body,
      });
      expect(added.ok).toBe(true);
    }
    hanging = createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
    });
    hangingUrl = `http://127.0.0.1:${await listen(hanging)}/graphql`;
    // a port that was free a moment ago and has nothing on it now
    const closed = createServer();
    refusingUrl = `http://127.0.0.1:${await listen(closed)}/graphql`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
  });

  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.dispose()));
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => hanging?.close(() => resolve()));
    await organization?.stop();
  });

  /**
   * A runtime as app.ts builds it, as far as errors go: the masker and the plugin that keeps one error
   * per failed call, and a timeout for party-work.
   */
  function runtimeWithPartyWorkAt(partyWorkUrl: string): GatewayRuntime {
    const supergraph = composeSupergraph()
      .replace('http://localhost:4001/graphql', organization.url)
      .replace('http://localhost:4002/graphql', partyWorkUrl);
    const runtime = createGatewayRuntime({
      supergraph,
      transports: { http: httpTransport },
      upstreamTimeout: ({ subgraphName }) => (subgraphName === 'party-work' ? 500 : undefined),
      maskedErrors: { isDev: false, maskError: mask },
      plugins: () => [
        useOneErrorPerFailedCall(),
        // signed as the gateway signs (auth.ts), for one fixed viewer
        {
          onFetch({ options, setOptions }) {
            const body = typeof options.body === 'string' ? options.body : '';
            const pass = signer.forRequest(viewer, body, { requestId: 'masker' });
            setOptions({ ...options, headers: { ...options.headers, [GATEWAY_PASS_HEADER]: pass } });
          },
        },
      ],
      logging: false,
    });
    runtimes.push(runtime);
    return runtime;
  }

  async function ask(runtime: GatewayRuntime, query: string) {
    const response = await runtime.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      text: await response.text(),
    };
  }

  /** The organization's things with party-work's field null, and one masked error saying `message`. */
  function expectOneMaskedFailure(text: string, message: RegExp): void {
    const result = JSON.parse(text) as {
      data: { things: Array<{ id: string; name: string; checkedWith: string | null }> };
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(result.data.things).toEqual([
      { id: 'thing-1', name: 'First thing', checkedWith: null },
      { id: 'thing-2', name: 'Second thing', checkedWith: null },
      { id: 'thing-3', name: 'Third thing', checkedWith: null },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(message);
    expect(result.errors[0]?.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      errorId: expect.any(String),
    });
    expect(text).not.toMatch(INTERNALS);
  }

  it('answers the other subgraph’s fields and one masked error when a subgraph hangs', async () => {
    const started = Date.now();
    const { text } = await ask(runtimeWithPartyWorkAt(hangingUrl), '{ things { id name checkedWith } }');
    expect(Date.now() - started).toBeLessThan(10_000);
    expectOneMaskedFailure(text, /did not answer in time; try again/);
  });

  it('answers the same way when a subgraph refuses connections', async () => {
    const { text } = await ask(runtimeWithPartyWorkAt(refusingUrl), '{ things { id name checkedWith } }');
    expectOneMaskedFailure(text, /unavailable; try again/);
  });
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}
