import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { DEVELOPMENT_GATEWAY_SECRET } from '@pb/platform/config';
import { GatewayPassSigner } from '@pb/platform/gateway-pass';
import { ROLES } from '@pb/platform/viewer';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type System, startSystem } from './utils/system.js';

/**
 * The front door: every attack of the classes a public GraphQL endpoint meets (OWASP's GraphQL cheat
 * sheet) is refused with a client error in well under 2 s, before the work it asks for, and every server
 * is healthy afterwards with its memory back near where it started. The limits are the defaults: the
 * system runs exactly as `pnpm start` does, except that slow clients are cut after 2 s instead of 10 s so
 * the test need not wait.
 */
describe('the front door', () => {
  let system: System;
  let wall: string;
  let analyst: string;

  beforeAll(async () => {
    system = await startSystem({ organizations: 30, env: { HTTP_HEADERS_TIMEOUT_MS: '2000' } });
    wall = await system.token('wall');
    analyst = await system.token('analyst');
  });
  afterAll(async () => {
    await system?.stopAll();
  });

  /** POSTs a body through the gateway; returns the status, the error code and the time it took. */
  async function post(body: string, headers: Record<string, string> = {}) {
    const started = performance.now();
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    return {
      status: response.status,
      headers: response.headers,
      json,
      code: json.errors?.[0]?.extensions?.code,
      ms,
    };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const query = (text: string, token = wall) => post(JSON.stringify({ query: text }), bearer(token));

  /** Resident memory of a process of the system, in MB. */
  async function rssMb(name: string): Promise<number> {
    const pid = system.processes.get(name)!.child.pid;
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  }
  let memoryBefore: Record<string, number>;

  it('starts with every server healthy, and the limits leave the wall and analysts alone', async () => {
    memoryBefore = {
      gateway: await rssMb('gateway'),
      organization: await rssMb('organization'),
      'party-work': await rssMb('party-work'),
    };
    const figures = await query('{ coverageStats { organizations } memberStats { fullMembers } }');
    expect(figures.json.errors).toBeUndefined();
    const saved = await readFile(
      new URL('../gateway/saved-queries/01-eligible-not-established.graphql', import.meta.url),
      'utf8',
    );
    const analystRead = await query(saved, analyst);
    expect(analystRead.json.errors).toBeUndefined();
  });

  it('refuses a deep query before the subgraph works on it', async () => {
    let nested = 'code';
    for (let level = 0; level < 20; level++) nested = `children { parent { ${nested} } }`;
    const refused = await query(`{ region(code: "330000") { ${nested} } }`);
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('DEPTH_LIMIT_EXCEEDED');
    expect(refused.json.errors?.[0]?.message).toMatch(/depth limit of \d+/);
    expect(refused.ms).toBeLessThan(2000);
    // within the depth, the fan-out of lists still counts: children of children of … cost too much
    const wide = await query(
      '{ region(code: "000000") { children { children { children { children { code } } } } } }',
    );
    expect(wide.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('refuses an oversized body without a token from its headers alone, without reading or parsing it', async () => {
    // the body is announced at 11 MB and never sent: an answer can only come from the headers
    const started = performance.now();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(11 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(2000);
    // a body within the size but without a token is refused before parsing: nonsense is not a syntax error
    const anonymous = await post('{"query": "{ this is not GraphQL"}');
    expect(anonymous.status).toBe(401);
    expect(anonymous.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a million fields, thousands of aliases or directives, and a megabyte of comment', async () => {
    const fields = await query(`{ ${'__typename '.repeat(90_000)}}`);
    expect([400, 413]).toContain(fields.status);
    expect(['TOKEN_LIMIT_EXCEEDED', 'DOCUMENT_SIZE_LIMIT_EXCEEDED', 'PAYLOAD_TOO_LARGE']).toContain(
      fields.code,
    );
    const manyAliases = await query(
      `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
    );
    expect(['TOKEN_LIMIT_EXCEEDED', 'DOCUMENT_SIZE_LIMIT_EXCEEDED']).toContain(manyAliases.code);
    const fewAliases = await query(
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: coverageStats { organizations }`).join(' ')} }`,
    );
    expect(fewAliases.code).toBe('ALIAS_LIMIT_EXCEEDED');
    expect(fewAliases.json.errors?.[0]?.message).toMatch(/alias limit of 15 \(found 16\)/);
    const manyDirectives = await query(`{ __typename ${'@skip(if: false) '.repeat(3000)}}`);
    expect(['TOKEN_LIMIT_EXCEEDED', 'DOCUMENT_SIZE_LIMIT_EXCEEDED']).toContain(manyDirectives.code);
    const someDirectives = await query(`{ __typename ${'@skip(if: false) '.repeat(21)}}`);
    expect(someDirectives.code).toBe('DIRECTIVE_LIMIT_EXCEEDED');
    // three tokens and a megabyte of comment: the size is refused before the parser (and its cache)
    const comment = await query(`# ${'x'.repeat(900_000)}\n{ __typename }`);
    expect(comment.code).toBe('DOCUMENT_SIZE_LIMIT_EXCEEDED');
    for (const refused of [fields, manyAliases, fewAliases, manyDirectives, someDirectives, comment]) {
      expect(refused.ms).toBeLessThan(2000);
    }
  });

  it('refuses pages of pages: the cost counts each list by its first', async () => {
    const nested =
      '{ socialOrganizations(first: 500) { edges { node { name partyMembers(first: 500) { edges { node { name } } } } } } }';
    const one = await query(nested, analyst);
    expect(one.code).toBe('COST_LIMIT_EXCEEDED');
    expect(one.json.errors?.[0]?.message).toMatch(/cost limit of \d+ \(found \d+\).*first/);
    const forty = await query(
      `{ ${Array.from({ length: 40 }, (_, i) => `o${i}: ${nested.slice(2, -2)}`).join(' ')} }`,
      analyst,
    );
    expect(['TOKEN_LIMIT_EXCEEDED', 'ALIAS_LIMIT_EXCEEDED', 'COST_LIMIT_EXCEEDED']).toContain(forty.code);
    // the variables decide: the same query with a small page passes
    const small = await post(
      JSON.stringify({
        query:
          'query ($n: Int) { socialOrganizations(first: $n) { edges { node { name partyMembers(first: $n) { totalCount } } } } }',
        variables: { n: 5 },
      }),
      bearer(analyst),
    );
    expect(small.json.errors).toBeUndefined();
  });

  it('asks a burst on one token to wait (429 with Retry-After) while another token is served', async () => {
    const burster = await system.token('analyst', '330000');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let round = 0; round < 40 && !statuses.includes(429); round++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => query('{ coverageStats { organizations } }', burster)),
      );
      for (const answer of answers) {
        statuses.push(answer.status);
        if (answer.status === 429) {
          retryAfter = answer.headers.get('retry-after');
          expect(answer.code).toBe('RATE_LIMITED');
        }
      }
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const other = await query('{ coverageStats { organizations } }', analyst);
    expect(other.status).toBe(200);
    expect(other.json.errors).toBeUndefined();
  });

  it('counts each operation of a batch as a request, and refuses an over-long batch whole', async () => {
    const batcher = await system.token('wall', null, 'batching-wall');
    const batch = (length: number) =>
      post(
        JSON.stringify(Array(length).fill({ query: '{ coverageStats { organizations } }' })),
        bearer(batcher),
      );
    const tooLong = await batch(21);
    expect(tooLong.status).toBe(413);
    expect(tooLong.code).toBe('BATCH_TOO_LARGE');
    expect(tooLong.ms).toBeLessThan(2000);

    // 16 batches of 20 at once: 320 operations against the token's 300 per window
    const batches = await Promise.all(Array.from({ length: 16 }, () => batch(20)));
    // a batch refused at the door (429) answers once for its 20 operations; one admitted answers each
    const answers = batches.flatMap((answer) =>
      Array.isArray(answer.json) ? (answer.json as Array<typeof answer.json>) : Array(20).fill(answer.json),
    );
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code);
    const served = codes.filter((code) => code === undefined).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(300);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(320 - served);
  });

  it('executes only JSON POSTs, and answers other origins no CORS grant', async () => {
    const form = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...bearer(analyst) },
      body: `query=${encodeURIComponent('mutation { __typename }')}`,
    });
    expect(form.status).toBe(415);
    const preflight = await fetch(system.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets only the roles that write queries introspect the schema', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const byWall = await query(introspection, wall);
    expect(byWall.json.errors?.[0]?.message).toMatch(/introspection/i);
    const byAnalyst = await query(introspection, analyst);
    expect(byAnalyst.json.errors).toBeUndefined();
  });

  it('limits WebSockets: a token, connections per token, operations per connection', async () => {
    const closeOf = (connectionParams: Record<string, unknown>) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const client = createClient({
          url: system.gatewayWsUrl,
          webSocketImpl: WebSocket,
          connectionParams,
          retryAttempts: 0,
          lazy: false,
          on: { closed: (event) => resolve(event as { code: number; reason: string }) },
          onNonLazyError: () => undefined,
        });
        setTimeout(() => void client.dispose(), 10_000).unref();
      });
    expect((await closeOf({})).code).toBe(4403);

    const own = await system.token('analyst', '440000');
    const clients = Array.from({ length: 9 }, () =>
      createClient({
        url: system.gatewayWsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${own}` },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
      }),
    );
    const outcomes = await Promise.all(
      clients.map(
        (client) =>
          new Promise<string>((resolve) => {
            client.on('connected', () => resolve('connected'));
            client.on('closed', (event) => resolve(`closed ${(event as { code: number }).code}`));
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(8);
    expect(outcomes).toContain('closed 1013');

    // one connection: 50 operations run at once, the 51st is refused with a code
    const live = clients[outcomes.indexOf('connected')]!;
    const results: Array<Promise<string>> = [];
    const disposers: Array<() => void> = [];
    for (let i = 0; i < 51; i++) {
      results.push(
        new Promise<string>((resolve) => {
          disposers.push(
            live.subscribe(
              { query: 'subscription { coverageStatsChanged { organizations } }' },
              {
                next: () => undefined,
                error: (errors) =>
                  resolve(String((errors as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code)),
                complete: () => resolve('complete'),
              },
            ),
          );
          if (i < 50) setTimeout(() => resolve('running'), 3000).unref();
        }),
      );
    }
    expect(await results[50]).toBe('TOO_MANY_SUBSCRIPTIONS');
    for (const dispose of disposers) dispose();
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('cuts a client that sends its headers too slowly', async () => {
    const { port } = new URL(system.gatewayUrl);
    const started = performance.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\n');
      });
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(performance.now() - started));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(new Error('still open after 15 s')), 15_000).unref();
    });
    expect(closedAfter).toBeGreaterThan(1500);
    expect(closedAfter).toBeLessThan(8000);
  });

  it('applies the same limits in each subgraph, whatever sent the query', async () => {
    let nested = 'code';
    for (let level = 0; level < 20; level++) nested = `children { parent { ${nested} } }`;
    // as the gateway would send it, signed: the subgraph answers nothing else
    const deep = await system.subgraph('organization', 'wall', `{ region(code: "330000") { ${nested} } }`);
    expect(deep.errors?.[0]?.extensions?.code).toBe('DEPTH_LIMIT_EXCEEDED');
    const anonymous = await fetch(system.subgraphUrl('party-work'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ this is not GraphQL"}',
    });
    expect(anonymous.status).toBe(401);
  });

  describe('behind it, the subgraphs answer only the gateway', () => {
    const subgraphs = ['organization', 'party-work'] as const;
    // what a caller around the gateway would want most: federation's own fields and the schema
    const probes = [
      '{ _service { sdl } }',
      '{ __schema { queryType { name } } }',
      '{ _entities(representations: [{ __typename: "SocialOrganization", id: "1" }]) { __typename } }',
    ];

    /** POSTs `body` to a subgraph with `headers`; the status and the error code. */
    async function direct(name: string, body: string, headers: Record<string, string> = {}) {
      const response = await fetch(system.subgraphUrl(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      const json = (await response.json().catch(() => ({}))) as {
        data?: unknown;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      return { status: response.status, code: json.errors?.[0]?.extensions?.code, data: json.data };
    }

    it('refuses valid user tokens of every role, and no credentials, with 401', async () => {
      for (const name of subgraphs) {
        for (const probe of probes) {
          const body = JSON.stringify({ query: probe });
          expect(await direct(name, body), `${name} without credentials`).toMatchObject({
            status: 401,
            code: 'UNAUTHENTICATED',
            data: undefined,
          });
          for (const role of ROLES) {
            const token = await system.token(role);
            expect(await direct(name, body, bearer(token)), `${name} with a ${role} token`).toMatchObject({
              status: 401,
              code: 'UNAUTHENTICATED',
              data: undefined,
            });
          }
        }
      }
    });

    it('refuses a forged pass, a replayed one and one whose body was changed', async () => {
      const body = JSON.stringify({ query: '{ _service { sdl } }' });
      const viewer = { subject: 'test-admin', roles: ['admin'] as const, regionCode: null };
      const forged = new GatewayPassSigner('not-the-gateway-secret-but-long-enough-anyway');
      for (const name of subgraphs) {
        expect(
          await direct(name, body, forged.headersFor(viewer, body, 'forged')),
          `${name}, forged`,
        ).toMatchObject({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        // a pass the gateway really made, used once by the gateway and then again by someone else
        const real = new GatewayPassSigner(DEVELOPMENT_GATEWAY_SECRET).headersFor(viewer, body, 'replayed');
        const first = await direct(name, body, real);
        expect(first.status, `${name}, first use`).toBe(200);
        expect(await direct(name, body, real), `${name}, replayed`).toMatchObject({ status: 401 });
        const other = new GatewayPassSigner(DEVELOPMENT_GATEWAY_SECRET).headersFor(viewer, body, 'changed');
        const changed = JSON.stringify({ query: '{ __schema { types { name } } }' });
        expect(await direct(name, changed, other), `${name}, body changed`).toMatchObject({ status: 401 });
      }
    });

    it('refuses a graphql-ws connection with a user token or a forged pass', async () => {
      const admin = await system.token('admin');
      const forged = new GatewayPassSigner('not-the-gateway-secret-but-long-enough-anyway').forConnection(
        { subject: 'test-admin', roles: ['admin'], regionCode: null },
        Date.now() + 60_000,
      );
      for (const name of subgraphs) {
        for (const connectionParams of [{ authorization: `Bearer ${admin}` }, { gatewayPass: forged }, {}]) {
          const client = createClient({
            url: system.subgraphUrl(name).replace('http://', 'ws://'),
            webSocketImpl: WebSocket,
            connectionParams,
            lazy: false,
            retryAttempts: 0,
          });
          const closed = await new Promise<number>((resolve) => {
            client.on('closed', (event) => resolve((event as { code: number }).code));
          });
          await client.dispose();
          expect(closed, `${name} with ${Object.keys(connectionParams).join() || 'nothing'}`).toBe(4403);
        }
      }
    });

    it('still serves everything through the gateway, as the viewer the gateway verified', async () => {
      const result = await system.graphql<{
        _service?: unknown;
        socialOrganizations: { totalCount: number };
      }>(
        '{ socialOrganizations(first: 1) { totalCount edges { node { id fullMemberCount } } } }',
        {},
        { role: 'analyst' },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.socialOrganizations.totalCount).toBeGreaterThan(0);
    });
  });

  it('leaves every server healthy, with its memory back near where it started', async () => {
    for (const name of ['gateway', 'organization', 'party-work']) {
      const url =
        name === 'gateway'
          ? `${system.baseUrl}/healthz`
          : system.subgraphUrl(name).replace('/graphql', '/healthz');
      expect((await fetch(url)).status, name).toBe(200);
      const after = await rssMb(name);
      console.log(
        `${name}: resident ${memoryBefore[name]!.toFixed(0)} MB before the attacks, ${after.toFixed(0)} MB after`,
      );
      expect(after, `${name}: ${memoryBefore[name]} MB before, ${after} MB after`).toBeLessThan(
        memoryBefore[name]! + 150,
      );
    }
    const figures = await query('{ coverageStats { organizations } }', analyst);
    expect(figures.json.errors).toBeUndefined();
  });
});
