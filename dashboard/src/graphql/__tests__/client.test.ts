import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWallClients, sameOriginEndpoints } from '../client';
import { OrganizationFiguresDocument } from '../generated/graphql';
import type { TokenSource } from '../token';

/** Just enough of a browser WebSocket for graphql-ws; the test plays the gateway. */
class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  readonly sent: Array<{ type: string; payload?: unknown }> = [];
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: true });
  }

  // the gateway's side
  accept(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.({});
  }
  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  refuse(): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onerror?.({ type: 'error' });
    this.onclose?.({ code: 1006, reason: '', wasClean: false });
  }
  drop(code: number, reason = ''): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason, wasClean: false });
  }
}

function latestSocket(): FakeWebSocket {
  const socket = FakeWebSocket.instances.at(-1);
  if (!socket) throw new Error('no socket opened');
  return socket;
}

function fakeTokens(token = 't1') {
  const source: TokenSource & { invalidations: number } = {
    invalidations: 0,
    get: async () => token,
    invalidate: () => {
      source.invalidations++;
    },
  };
  return source;
}

async function connect(socket: FakeWebSocket): Promise<void> {
  socket.accept();
  await vi.advanceTimersByTimeAsync(0); // connectionParams is async
  socket.receive({ type: 'connection_ack' });
}

describe('createWallClients', () => {
  const disposers: Array<() => void> = [];

  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.instances = [];
  });
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose();
    vi.useRealTimers();
  });

  function create(overrides: Partial<Parameters<typeof createWallClients>[0]> = {}) {
    const tokens = fakeTokens();
    const problems: string[] = [];
    const clients = createWallClients({
      tokens,
      httpUrl: 'http://wall.test/graphql',
      wsUrl: 'ws://wall.test/graphql',
      webSocketImpl: FakeWebSocket,
      onProblem: (message) => problems.push(message),
      ...overrides,
    });
    disposers.push(() => void clients.socket.dispose());
    return { ...clients, tokens, problems };
  }

  it('connects at once and sends the bearer token in connectionParams', async () => {
    const { socket } = create();
    const connected = vi.fn();
    socket.on('connected', connected);

    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(latestSocket().url).toBe('ws://wall.test/graphql');
    await connect(latestSocket());

    expect(latestSocket().sent[0]).toEqual({
      type: 'connection_init',
      payload: { authorization: 'Bearer t1' },
    });
    expect(connected).toHaveBeenCalledTimes(1);
  });

  it('keeps retrying while the gateway is down, and reconnects after it restarts', async () => {
    const { socket } = create();
    const connected = vi.fn();
    socket.on('connected', connected);
    await connect(latestSocket());

    latestSocket().drop(1001, 'Going Away');
    for (let attempt = 0; attempt < 20; attempt++) {
      await vi.advanceTimersByTimeAsync(5_000); // the backoff never waits longer
      latestSocket().refuse();
    }
    expect(FakeWebSocket.instances).toHaveLength(21);
    expect(FakeWebSocket.instances.every((ws) => ws.readyState === FakeWebSocket.CLOSED)).toBe(true);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(FakeWebSocket.instances).toHaveLength(22);
    await connect(latestSocket());
    expect(connected).toHaveBeenCalledTimes(2);
    expect(connected.mock.calls[1]?.[2]).toBe(true); // wasRetry
  });

  it('drops a socket whose pongs stopped coming and opens a new one', async () => {
    create({ keepAliveMs: 10_000, pongTimeoutMs: 5_000 });
    const first = latestSocket();
    await connect(first);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(first.sent.at(-1)).toEqual({ type: 'ping' });
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(FakeWebSocket.instances.length).toBeGreaterThan(1);
  });

  it('keeps a socket that answers its pings', async () => {
    create({ keepAliveMs: 10_000, pongTimeoutMs: 5_000 });
    const first = latestSocket();
    await connect(first);
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(10_000);
      first.receive({ type: 'pong' });
    }
    await vi.advanceTimersByTimeAsync(4_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('forgets a rejected token so the next connection reads it again', async () => {
    const { tokens, problems } = create();
    await connect(latestSocket());
    latestSocket().drop(4401, 'Unauthorized');
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.invalidations).toBe(1);
    expect(problems.join()).toContain('4401');
  });

  it('sends the queries asked together in one batched POST, with the bearer token', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
      const operations = JSON.parse(String(init?.body)) as Array<{
        variables: { regionCode: string | null };
      }>;
      const answers = operations.map(({ variables }) => ({
        data: {
          coverageStats: {
            __typename: 'CoverageStats',
            version: '3',
            organizations: variables.regionCode === null ? 12 : 5,
          },
        },
      }));
      return new Response(JSON.stringify(answers), { headers: { 'content-type': 'application/json' } });
    });
    const { apollo } = create({ fetch });

    const asked = [null, '330000'].map((regionCode) =>
      apollo.query({
        query: OrganizationFiguresDocument,
        variables: { regionCode },
        fetchPolicy: 'network-only',
      }),
    );
    // the batch goes once its window has passed
    await vi.advanceTimersByTimeAsync(10);
    const [national, province] = await Promise.all(asked);

    expect(national?.data.coverageStats.organizations).toBe(12);
    expect(province?.data.coverageStats.organizations).toBe(5);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('http://wall.test/graphql');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer t1');
    expect(JSON.parse(String(init?.body))).toMatchObject([
      { operationName: 'OrganizationFigures', variables: { regionCode: null } },
      { operationName: 'OrganizationFigures', variables: { regionCode: '330000' } },
    ]);
  });

  it('sends the queries asked so far at once when told, without waiting for the batch window', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async (_url, init) => {
      const operations = JSON.parse(String(init?.body)) as unknown[];
      const answer = {
        data: { coverageStats: { __typename: 'CoverageStats', version: '1', organizations: 3 } },
      };
      return new Response(JSON.stringify(operations.map(() => answer)), {
        headers: { 'content-type': 'application/json' },
      });
    });
    const { apollo, sendQueriesNow } = create({ fetch });
    const asked = [null, '330000'].map((regionCode) =>
      apollo.query({
        query: OrganizationFiguresDocument,
        variables: { regionCode },
        fetchPolicy: 'no-cache',
      }),
    );
    sendQueriesNow();
    // microtasks only (the token is read): no timer has run, the batch window has not closed
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(fetch.mock.calls[0]?.[1]?.body))).toHaveLength(2);
    await Promise.all(asked);
    // the window's own timer finds nothing left to send
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('forgets the token when HTTP answers 401', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(
      async () => new Response(JSON.stringify({ errors: [{ message: 'Unauthorized' }] }), { status: 401 }),
    );
    const { apollo, tokens } = create({ fetch });
    const asked = apollo.query({ query: OrganizationFiguresDocument, variables: { regionCode: null } });
    const refused = expect(asked).rejects.toThrow();
    await vi.advanceTimersByTimeAsync(10);
    await refused;
    expect(tokens.invalidations).toBe(1);
  });
});

describe('sameOriginEndpoints', () => {
  it('puts HTTP and WebSocket on /graphql of the page origin', () => {
    expect(sameOriginEndpoints({ href: 'http://10.0.0.5:4000/?token=x', protocol: 'http:' })).toEqual({
      httpUrl: 'http://10.0.0.5:4000/graphql',
      wsUrl: 'ws://10.0.0.5:4000/graphql',
    });
    expect(sameOriginEndpoints({ href: 'https://wall.example/wall/', protocol: 'https:' })).toEqual({
      httpUrl: 'https://wall.example/graphql',
      wsUrl: 'wss://wall.example/graphql',
    });
  });
});
