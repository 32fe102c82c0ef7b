import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevelopmentToken, TokenVerifier } from '@pb/platform/viewer';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createGateway, type Gateway, type GatewayAddress } from './app.js';
import { type GatewayConfig, readGatewayConfig } from './config.js';
import {
  composeSupergraph,
  startOrganizationSubgraph,
  startPartyWorkSubgraph,
  type TestSubgraph,
} from './testing/subgraphs.js';

let dir: string;
let supergraphPath: string;
let config: GatewayConfig;
let organization: TestSubgraph;
let partyWork: TestSubgraph;
let gateway: Gateway;
let address: GatewayAddress;
let analystToken: string;
const clients: Client[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pb-gateway-'));
  supergraphPath = join(dir, 'supergraph.graphql');
  // composed at the default URLs (4001, 4002): the overrides must point the gateway at the real ports
  await writeFile(supergraphPath, composeSupergraph());
  const auth = readGatewayConfig({ NODE_ENV: 'test' }).auth;
  [organization, partyWork] = await Promise.all([
    startOrganizationSubgraph(auth),
    startPartyWorkSubgraph(auth),
  ]);
  config = readGatewayConfig({
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: supergraphPath,
    DASHBOARD_DIST: join(dir, 'no-dashboard'),
    ORGANIZATION_URL: organization.url,
    PARTY_WORK_URL: partyWork.url,
  });
  gateway = createGateway(config);
  address = await gateway.start(0);
  analystToken = await tokenFor('analyst-1');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await gateway?.stop();
  await Promise.all([organization?.stop(), partyWork?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

function tokenFor(subject: string, roles: Array<'analyst' | 'wall'> = ['analyst']): Promise<string> {
  return signDevelopmentToken({ subject, roles }, config.auth);
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function graphql(query: string, token?: string): Promise<GraphQLResponse> {
  const response = await fetch(`${address.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GraphQLResponse;
}

function wsClient(token: string): Client {
  const client = createClient({
    url: `${address.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('GraphQL over HTTP', () => {
  it('joins both subgraphs for a viewer with a token', async () => {
    const result = await graphql('{ things { id name memberCount } }', analystToken);
    expect(result).toEqual({ data: { things: [{ id: 'thing-1', name: 'First thing', memberCount: 3 }] } });
  });

  it('forwards the verified viewer to every subgraph it calls, in a pass signed for each request', async () => {
    const result = await graphql('{ authorizationSeen things { checkedWith } }', analystToken);
    expect(result).toEqual({
      data: { authorizationSeen: 'viewer:analyst-1', things: [{ checkedWith: 'viewer:analyst-1' }] },
    });
    expect(organization.httpAuthorizations).not.toContain('refused');
    expect(partyWork.httpAuthorizations).not.toContain('refused');
  });

  it('refuses a request without a valid token before calling any subgraph', async () => {
    const before = organization.httpAuthorizations.length;
    for (const token of [undefined, 'not-a-jwt']) {
      const result = await graphql('{ things { id } }', token);
      expect(result.data ?? undefined).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(organization.httpAuthorizations.length).toBe(before);
  });
});

describe('batched requests', () => {
  /** A gateway of its own whose tokens may make 6 requests an hour, so the test never meets a window's end. */
  let limited: Gateway;
  let limitedAddress: GatewayAddress;

  beforeAll(async () => {
    limited = createGateway({
      ...config,
      frontDoor: { ...config.frontDoor, requestsPerToken: 6, rateWindowSeconds: 3600 },
    });
    limitedAddress = await limited.start(0);
  });
  afterAll(() => limited?.stop());

  async function batch(
    queries: string[],
    token: string,
    url = address.url,
  ): Promise<{ status: number; body: GraphQLResponse | GraphQLResponse[] }> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(queries.map((query) => ({ query }))),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse | GraphQLResponse[] };
  }
  const codesOf = (answers: GraphQLResponse[]) =>
    answers.map((answer) => answer.errors?.[0]?.extensions?.code);

  it('answers each operation on its own, in order, with the operation limits applied to each', async () => {
    const tooManyAliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: authorizationSeen`).join(' ')} }`;
    const { status, body } = await batch(
      ['{ things { id memberCount } }', tooManyAliases, '{ authorizationSeen }'],
      analystToken,
    );
    expect(status).toBe(200);
    const answers = body as GraphQLResponse[];
    expect(answers).toHaveLength(3);
    expect(answers[0]).toEqual({ data: { things: [{ id: 'thing-1', memberCount: 3 }] } });
    expect(codesOf(answers)).toEqual([undefined, 'ALIAS_LIMIT_EXCEEDED', undefined]);
    expect(answers[2]).toEqual({ data: { authorizationSeen: 'viewer:analyst-1' } });
  });

  it('counts each operation against the rate limits: a token near its limit is refused the rest', async () => {
    const token = await tokenFor('analyst-batching');
    for (let i = 0; i < 3; i++) {
      const single = await batch(['{ authorizationSeen }'], token, limitedAddress.url);
      expect(codesOf(single.body as GraphQLResponse[])).toEqual([undefined]);
    }
    // 3 of 6 used: the request and two more operations fit, the last two do not
    const { status, body } = await batch(Array(5).fill('{ authorizationSeen }'), token, limitedAddress.url);
    expect(status).toBe(200);
    const answers = body as GraphQLResponse[];
    expect(codesOf(answers)).toEqual([undefined, undefined, undefined, 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(answers[3]?.errors?.[0]?.message).toMatch(
      /^Too many requests from this token \(at most 6 in 3600 s\)/,
    );
    expect(answers[3]?.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    // and the next request is refused at the front door, before its body is read
    const next = await batch(['{ authorizationSeen }'], token, limitedAddress.url);
    expect(next.status).toBe(429);
    expect(codesOf([next.body as GraphQLResponse])).toEqual(['RATE_LIMITED']);
    // another token is served meanwhile
    const other = await batch(['{ authorizationSeen }'], await tokenFor('analyst-other'), limitedAddress.url);
    expect(codesOf(other.body as GraphQLResponse[])).toEqual([undefined]);
  });

  it('refuses a batch longer than the limit whole, with BATCH_TOO_LARGE, before any subgraph is called', async () => {
    const calls = organization.httpAuthorizations.length + partyWork.httpAuthorizations.length;
    const { status, body } = await batch(Array(21).fill('{ things { id } }'), analystToken);
    expect(status).toBe(413);
    const refusal = body as GraphQLResponse;
    expect(refusal.errors).toEqual([
      {
        message: 'This request batches 21 operations; the limit is 20. Send the rest in another request.',
        extensions: { code: 'BATCH_TOO_LARGE' },
      },
    ]);
    expect(organization.httpAuthorizations.length + partyWork.httpAuthorizations.length).toBe(calls);
    const full = await batch(Array(20).fill('{ things { id } }'), analystToken);
    expect(codesOf(full.body as GraphQLResponse[])).toEqual(Array(20).fill(undefined));
  });
});

describe('CSV export', () => {
  async function exportCsv(body: unknown, token?: string, method = 'POST') {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    if (method === 'GET') {
      const params = new URLSearchParams(body as Record<string, string>);
      return fetch(`${address.url}/graphql.csv?${params}`, { headers });
    }
    return fetch(`${address.url}/graphql.csv`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  async function errorsOf(response: Response) {
    expect(response.headers.get('content-type')).toContain('application/json');
    return ((await response.json()) as GraphQLResponse).errors?.map((e) => e.extensions?.code);
  }

  it("answers the first list of a query as CSV, through both subgraphs, with the caller's token", async () => {
    const response = await exportCsv(
      { query: 'query Things { things { id name memberCount checkedWith } }', operationName: 'Things' },
      analystToken,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="Things.csv"');
    expect(response.headers.get('x-row-count')).toBe('1');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      'id,name,memberCount,checkedWith\r\nthing-1,First thing,3,viewer:analyst-1\r\n',
    );
  });

  it('takes GET with the query in the URL, named after the list when the operation has no name', async () => {
    const response = await exportCsv({ query: '{ things { id } }' }, analystToken, 'GET');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="things.csv"');
    // text() drops the BOM, as a UTF-8 decoder should
    expect(await response.text()).toBe('id\r\nthing-1\r\n');
  });

  it('refuses a caller without a valid token before any subgraph is called', async () => {
    const before = organization.httpAuthorizations.length;
    for (const token of [undefined, 'not-a-jwt']) {
      const response = await exportCsv({ query: '{ things { id } }' }, token);
      expect(response.status).toBe(401);
      expect(await errorsOf(response)).toEqual(['UNAUTHENTICATED']);
    }
    expect(organization.httpAuthorizations.length).toBe(before);
  });

  it('says so when the result has no list, and passes GraphQL errors on with their codes', async () => {
    const noList = await exportCsv({ query: '{ authorizationSeen }' }, analystToken);
    expect(noList.status).toBe(422);
    expect(await errorsOf(noList)).toEqual(['CSV_NO_LIST']);
    const invalid = await exportCsv({ query: '{ things { nope } }' }, analystToken);
    expect(invalid.status).toBe(400);
    expect(await errorsOf(invalid)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses mutations, malformed requests and other methods with a code saying which', async () => {
    const mutation = await exportCsv({ query: 'mutation { addThing(name: "x") { id } }' }, analystToken);
    expect(mutation.status).toBe(400);
    expect(await errorsOf(mutation)).toEqual(['CSV_QUERY_ONLY']);
    expect(await errorsOf(await exportCsv('{"query":', analystToken))).toEqual(['BAD_USER_INPUT']);
    expect(await errorsOf(await exportCsv({ variables: {} }, analystToken))).toEqual(['BAD_USER_INPUT']);
    const put = await exportCsv({ query: '{ things { id } }' }, analystToken, 'PUT');
    expect(put.status).toBe(405);
    expect(await errorsOf(put)).toEqual(['METHOD_NOT_ALLOWED']);
    // the mutation above never ran
    expect(await graphql('{ things { id } }', analystToken)).toEqual({
      data: { things: [{ id: 'thing-1' }] },
    });
  });
});

describe('GraphQL over WebSocket', () => {
  it('closes a connection without a token with 4403 and says what to send', async () => {
    const socket = new WebSocket(`${address.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.once('close', (closeCode, closeReason) => resolve([closeCode, closeReason.toString()])),
    );
    expect(code).toBe(4403);
    expect(reason).toContain('connectionParams.authorization');
  });

  it('delivers a subscription event with a field from the other subgraph, one execution per scope and roles', async () => {
    const [tokenA, tokenB, tokenC] = await Promise.all([
      tokenFor('analyst-a'),
      tokenFor('analyst-b'),
      tokenFor('wall-c', ['wall']),
    ]);
    const query = 'subscription { thingAdded { id name memberCount checkedWith } }';
    const subscriptions = [tokenA, tokenB, tokenC].map((token) => wsClient(token).iterate({ query }));
    const nextEvents = subscriptions.map((subscription) => subscription.next());
    // the two analysts (same scope, same roles) share one upstream subscription; the wall has its own
    await eventually(async () => expect(organization.subscribers()).toBe(2));

    const added = await graphql('mutation { addThing(name: "Second thing") { id } }', analystToken);
    expect(added.errors).toBeUndefined();

    const [eventA, eventB, eventC] = await Promise.all(nextEvents);
    const thing = { id: 'thing-2', name: 'Second thing', memberCount: 3 };
    const analysts = (eventA?.value as { data: { thingAdded: { checkedWith: string } } }).data.thingAdded;
    expect(['viewer:analyst-a', 'viewer:analyst-b']).toContain(analysts.checkedWith);
    expect(eventA?.value).toEqual({ data: { thingAdded: { ...thing, checkedWith: analysts.checkedWith } } });
    expect(eventB?.value).toEqual(eventA?.value);
    expect(eventC?.value).toEqual({ data: { thingAdded: { ...thing, checkedWith: 'viewer:wall-c' } } });
    // each upstream connection carries the pass of the viewer it was opened for
    expect(organization.wsAuthorizations).toEqual(
      expect.arrayContaining([analysts.checkedWith, 'viewer:wall-c']),
    );
    await Promise.all(subscriptions.map((subscription) => subscription.return?.()));
  });
});

describe('the supergraph file', () => {
  it('is reloaded when it changes, and a bad one keeps the last good supergraph', async () => {
    const before = await graphql('{ motto }', analystToken);
    expect(before.errors?.[0]?.message).toContain('motto');

    // replaced by rename, as editors do: the watcher must follow the name, not the old file
    await writeFile(`${supergraphPath}.new`, composeSupergraph({ motto: true }));
    await rename(`${supergraphPath}.new`, supergraphPath);
    await eventually(async () =>
      expect(await graphql('{ motto }', analystToken)).toEqual({ data: { motto: 'Serve the people' } }),
    );

    await writeFile(supergraphPath, 'this is not a supergraph {');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await graphql('{ motto }', analystToken)).toEqual({ data: { motto: 'Serve the people' } });
    expect((await fetch(`${address.url}/readyz`)).status).toBe(200);
    await writeFile(supergraphPath, composeSupergraph({ motto: true }));
  });

  it('keeps live subscriptions through a reload, and ends only those the new one cannot serve, saying why', async () => {
    interface Watched {
      events: GraphQLResponse[];
      completed: boolean;
    }
    const [tokenA, tokenB] = await Promise.all([tokenFor('analyst-reload-a'), tokenFor('analyst-reload-b')]);
    const watch = (token: string, query: string): Watched => {
      const watched: Watched = { events: [], completed: false };
      wsClient(token).subscribe(
        { query },
        {
          next: (result) => watched.events.push(result as GraphQLResponse),
          error: (error) => watched.events.push({ errors: [{ message: String(error) }] }),
          complete: () => {
            watched.completed = true;
          },
        },
      );
      return watched;
    };
    const counts = 'subscription Counts { thingAdded { id memberCount } }';
    // two identical subscriptions share one upstream; the one on `name` has its own
    const [countsA, countsB, names] = [
      watch(tokenA, counts),
      watch(tokenB, counts),
      watch(tokenA, 'subscription Names { thingAdded { id name } }'),
    ];
    const upstreamBefore = organization.subscribers();
    await eventually(async () => expect(organization.subscribers()).toBe(upstreamBefore + 2));
    const added = async (name: string) => {
      const result = await graphql(`mutation { addThing(name: "${name}") { id } }`, analystToken);
      expect(result.errors).toBeUndefined();
      return (result.data?.addThing as { id: string }).id;
    };

    // a supergraph that adds or drops `motto` (whichever it has now): every subscription goes on, on
    // the same upstream subscriptions, and a query in flight finishes on the supergraph it started on
    const hasMotto = async () => (await graphql('{ motto }', analystToken)).data?.motto !== undefined;
    const motto = !(await hasMotto());
    let reloaded = false;
    const inFlight = graphql('{ slowEcho(ms: 1500) }', analystToken).then((result) => ({ result, reloaded }));
    await writeFile(supergraphPath, composeSupergraph({ motto }));
    await eventually(async () => expect(await hasMotto()).toBe(motto));
    reloaded = true;
    expect(await inFlight).toEqual({ result: { data: { slowEcho: 'after 1500 ms' } }, reloaded: true });
    const first = await added('Across a reload');
    await eventually(async () => {
      for (const watched of [countsA, countsB, names]) expect(watched.events).toHaveLength(1);
    });
    expect(countsA.events[0]).toEqual({ data: { thingAdded: { id: first, memberCount: 3 } } });
    expect(countsB.events[0]).toEqual(countsA.events[0]);
    expect(names.events[0]).toEqual({ data: { thingAdded: { id: first, name: 'Across a reload' } } });
    expect([countsA, countsB, names].map((watched) => watched.completed)).toEqual([false, false, false]);
    expect(organization.subscribers()).toBe(upstreamBefore + 2);

    // a supergraph without `Thing.name`: the subscription selecting it ends with an error saying so
    await writeFile(supergraphPath, composeSupergraph({ motto, thingName: false }));
    await eventually(async () => expect(names.completed).toBe(true));
    expect(names.events).toHaveLength(2);
    const [ended] = names.events[1]?.errors ?? [];
    expect(ended?.extensions?.code).toBe('SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE');
    expect(ended?.message).toContain('Cannot query field "name" on type "Thing"');
    await eventually(async () => expect(organization.subscribers()).toBe(upstreamBefore + 1));
    const second = await added('After the removal');
    await eventually(async () => {
      for (const watched of [countsA, countsB]) expect(watched.events).toHaveLength(2);
    });
    expect(countsA.events[1]).toEqual({ data: { thingAdded: { id: second, memberCount: 3 } } });
    expect(countsB.events[1]).toEqual(countsA.events[1]);
    expect([countsA.completed, countsB.completed]).toEqual([false, false]);

    await writeFile(supergraphPath, composeSupergraph({ motto: true }));
    await eventually(async () =>
      expect((await graphql('{ things { name } }', analystToken)).errors).toBeUndefined(),
    );
  });
});

describe('operational endpoints', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${address.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the supergraph is loaded and every subgraph answers', async () => {
    const response = await fetch(`${address.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: { organization: 'up', 'party-work': 'up' },
      sdl: { organization: 'matches the supergraph', 'party-work': 'matches the supergraph' },
    });
  });

  it('hands wall screens a national development token with the wall role', async () => {
    const response = await fetch(`${address.url}/wall-config.json`);
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const viewer = await (await TokenVerifier.create(config.auth)).viewerFromHeader(`Bearer ${token}`);
    expect({ roles: viewer.roles, regionCode: viewer.regionCode }).toEqual({
      roles: ['wall'],
      regionCode: null,
    });
  });

  it('serves GraphiQL with its assets inlined, a development token and graphql-ws subscriptions', async () => {
    const response = await fetch(`${address.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toMatch(/"connectionParams":\{"authorization":"Bearer ey/);
  });

  it('offers the saved queries and an Export CSV button, with nothing fetched from another host', async () => {
    const html = await (await fetch(`${address.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    // every URL the page could load: attributes, CSS url(), imports and fetches in its scripts
    const urls = [
      ...html.matchAll(/(?:src|href|action)\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/url\(\s*["']?([^"')]+)/gi),
      ...html.matchAll(/(?:import|fetch)\s*\(\s*["'`]([^"'`]+)/g),
    ].map((match) => match[1]!);
    expect(urls.filter((url) => /^(https?:)?\/\//i.test(url))).toEqual([]);
    expect(html).toContain('id="pb-export"');
    expect(html).toContain('导出 CSV · Export CSV');
    for (const name of ['EligibleNotEstablished', 'BranchesBehindCompliance', 'CoverageByCity']) {
      expect(html).toContain(`query ${name}(`);
    }
    expect(html).toContain('"csvPath":"/graphql.csv"');
  });

  it('says how to build the dashboard when it is missing', async () => {
    const response = await fetch(`${address.url}/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('pnpm build');
  });

  it('refuses to start on a port in use', async () => {
    await expect(createGateway(config).start(address.port)).rejects.toThrow('EADDRINUSE');
  });

  it('reports a stopped subgraph on /readyz', async () => {
    await partyWork.stop();
    const response = await fetch(`${address.url}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs.organization).toBe('up');
    expect(body.subgraphs['party-work']).toMatch(/^down: /);
  });

  it('tells a client that a stopped subgraph is unavailable, without its address', async () => {
    const result = await graphql('{ things { id memberCount } }', analystToken);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(error?.message).toMatch(/unavailable/);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost|:\d{4,5}/);
  });

  it('lets a request in flight finish when it stops, and leaves signals to runService', async () => {
    const signalsBefore = process.listeners('SIGTERM').length;
    const draining = createGateway(config);
    const { url } = await draining.start(0);
    const seenBefore = organization.httpAuthorizations.length;
    const slow = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${analystToken}` },
      body: JSON.stringify({ query: '{ slowEcho(ms: 800) }' }),
    }).then((response) => response.json());
    // the request reaches the subgraph before the stop begins
    await eventually(async () => expect(organization.httpAuthorizations.length).toBeGreaterThan(seenBefore));
    const stopped = draining.stop();
    expect(await slow).toEqual({ data: { slowEcho: 'after 800 ms' } });
    await stopped;
    // the runtime's own SIGTERM handler, which would abort that request, is not left behind
    expect(process.listeners('SIGTERM').length).toBe(signalsBefore);
  });

  it('frees its port and its upstream connections on stop', async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await gateway.stop();
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(address.port, () => probe.close(() => resolve()));
    });
    await eventually(async () => expect(organization.openSockets()).toBe(0));
  });
});

describe('in production', () => {
  async function startProduction(env: Record<string, string>) {
    const production = createGateway(
      readGatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'a-production-secret-that-is-long-enough',
        GATEWAY_SECRET: 'a-production-gateway-secret-that-is-long-enough',
        SUPERGRAPH_PATH: supergraphPath,
        ...env,
      }),
    );
    const { url } = await production.start(0);
    return { url, stop: () => production.stop() };
  }

  it('serves no wall token unless WALL_TOKEN is set', async () => {
    const without = await startProduction({});
    try {
      expect((await fetch(`${without.url}/wall-config.json`)).status).toBe(404);
    } finally {
      await without.stop();
    }
    const withToken = await startProduction({ WALL_TOKEN: 'the-wall-token' });
    try {
      expect(await (await fetch(`${withToken.url}/wall-config.json`)).json()).toEqual({
        token: 'the-wall-token',
      });
    } finally {
      await withToken.stop();
    }
  });

  it('serves GraphiQL only behind an analyst or admin token, and prefills none', async () => {
    const production = await startProduction({});
    const sign = (roles: Array<'analyst' | 'wall'>) =>
      signDevelopmentToken(
        { subject: 'p', roles },
        { ...config.auth, secret: 'a-production-secret-that-is-long-enough' },
      );
    const page = (token?: string) =>
      fetch(`${production.url}/graphql`, {
        headers: { accept: 'text/html', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    try {
      expect((await page()).status).toBe(401);
      expect((await page(await sign(['wall']))).status).toBe(403);
      const html = await (await page(await sign(['analyst']))).text();
      expect(html).toContain('<html');
      expect(html).not.toContain('Bearer');
    } finally {
      await production.stop();
    }
  });

  it('suggests no field names in its errors', async () => {
    const production = await startProduction({
      ORGANIZATION_URL: organization.url,
      PARTY_WORK_URL: partyWork.url,
    });
    const token = await signDevelopmentToken(
      { subject: 'p', roles: ['analyst'] },
      { ...config.auth, secret: 'a-production-secret-that-is-long-enough' },
    );
    try {
      const response = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ thing { id } }' }),
      });
      const body = (await response.json()) as GraphQLResponse;
      expect(body.errors?.[0]?.message).toMatch(/Cannot query field "thing"/);
      expect(JSON.stringify(body)).not.toMatch(/Did you mean|things/);
    } finally {
      await production.stop();
    }
  });
});

describe('the dashboard', () => {
  let dashboard: Gateway;
  let url: string;

  beforeAll(async () => {
    const dist = join(dir, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>wall</title>');
    await writeFile(join(dist, 'assets', 'app-1a2b3c.js'), 'console.log("wall")');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    dashboard = createGateway({ ...config, dashboardDist: dist });
    ({ url } = await dashboard.start(0));
  });

  afterAll(() => dashboard?.stop());

  it('serves index.html uncached at /', async () => {
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>wall</title>');
  });

  it('serves fingerprinted assets with a long cache', async () => {
    const response = await fetch(`${url}/assets/app-1a2b3c.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves other files with their content type', async () => {
    const response = await fetch(`${url}/favicon.svg`);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html for app routes, not for missing files', async () => {
    const route = await fetch(`${url}/regions/330000`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>wall</title>');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/%2e%2e/supergraph.graphql`)).status).toBe(404);
  });
});
