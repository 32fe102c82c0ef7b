import { ApolloClient, InMemoryCache, type NormalizedCacheObject, split } from '@apollo/client/core';
import type { OperationBatcher } from '@apollo/client/link/batch';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { type Client, createClient } from 'graphql-ws';
import { t } from '@/i18n';
import { backoffDelay, sleep } from '@/utils/backoff';
import type { TokenSource } from './token';

/** Options of {@link createWallClients}. */
export interface WallClientsOptions {
  tokens: TokenSource;
  /** GraphQL over HTTP, e.g. `https://wall.example/graphql`. */
  httpUrl: string;
  /** GraphQL over WebSocket at the same path, e.g. `wss://wall.example/graphql`. */
  wsUrl: string;
  /**
   * Interval between pings to the gateway.
   * @default 10_000
   */
  keepAliveMs?: number;
  /**
   * How long to wait for a pong before dropping the socket and reconnecting; a wall behind a NAT or
   * proxy that silently dropped the connection would otherwise wait for TCP to notice.
   * @default 5_000
   */
  pongTimeoutMs?: number;
  /** Told about errors graphql-ws gives up on (it does not retry some close codes). */
  onProblem?: (message: string) => void;
  /**
   * WebSocket implementation, for tests.
   * @default globalThis.WebSocket
   */
  webSocketImpl?: unknown;
  /**
   * fetch implementation, for tests.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/** The Apollo client the wall queries with and the graphql-ws client carrying its subscriptions. */
export interface WallClients {
  apollo: ApolloClient<NormalizedCacheObject>;
  socket: Client;
  /**
   * Sends the queries asked so far at once instead of when the batch window closes. The wall calls it
   * as it finishes mounting: the window's timer would only run after the browser has laid out and
   * painted the new wall (~100 ms on a wall PC), and the first queries would wait for that.
   */
  sendQueriesNow(): void;
}

/**
 * Builds both clients. The socket connects at once (`lazy: false`), pings, and retries forever with
 * capped, jittered backoff; `connected` events tell the feed when to re-read the snapshot.
 */
export function createWallClients(options: WallClientsOptions): WallClients {
  const { tokens } = options;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pongTimeoutMs = options.pongTimeoutMs ?? 5_000;

  const socket = createClient({
    url: options.wsUrl,
    lazy: false,
    keepAlive: options.keepAliveMs ?? 10_000,
    // a gateway that accepts the socket but never acknowledges it must not stall the wall
    connectionAckWaitTimeout: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // the default retries only close events; a refused connection arrives as an error event
    shouldRetry: () => true,
    retryWait: (retries) => sleep(backoffDelay(retries)),
    // read on every (re)connect, so a token re-read after a rejection is used
    connectionParams: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
    onNonLazyError: (error) => options.onProblem?.(t('problem.aborted', { reason: describeClose(error) })),
    webSocketImpl: options.webSocketImpl,
  });

  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('ping', (received) => {
    if (received) return;
    clearTimeout(pongTimer);
    // terminate() is not fatal: graphql-ws closes with 4499 and reconnects
    pongTimer = setTimeout(() => socket.terminate(), pongTimeoutMs);
  });
  socket.on('pong', (received) => {
    if (received) clearTimeout(pongTimer);
  });
  socket.on('closed', (event) => {
    clearTimeout(pongTimer);
    const code = closeCodeOf(event);
    // 4401 Unauthorized / 4403 Forbidden: the token may have been rotated in wall-config.json
    if (code === 4401 || code === 4403) tokens.invalidate();
  });

  // The wall asks ~20 queries at once when it opens (or changes region); as separate POSTs they queue
  // behind the browser's 6 connections per host. Batched, they go as one POST the gateway answers per
  // operation. 20 is the gateway's default batch limit (GATEWAY_MAX_BATCH_OPERATIONS), so a batch is
  // never refused for its length; 10 ms gathers the panels that mount in the same few ticks without
  // delaying a lone refetch noticeably.
  const http = new BatchHttpLink({
    uri: options.httpUrl,
    batchMax: 20,
    batchInterval: 10,
    // one batch for every query (one URL, no per-operation headers), under a key sendQueriesNow names
    batchKey: () => QUERIES,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${await tokens.get()}`);
      const response = await fetchImpl(input, { ...init, headers });
      if (response.status === 401) tokens.invalidate();
      return response;
    },
  });

  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(socket),
    http,
  );

  // Apollo has no public way to close a batch early: its BatchLink keeps an OperationBatcher (an
  // exported class, in a private field) whose consumeQueue sends what is queued. Should an upgrade move
  // it, this does nothing and the batch goes when its window closes, as before; client.test.ts says so.
  const batcher = (http as unknown as { batcher?: { batcher?: OperationBatcher } }).batcher?.batcher;
  const sendQueriesNow = () => batcher?.consumeQueue(QUERIES);

  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), socket, sendQueriesNow };
}

/** The key of the wall's one batch of queries. */
const QUERIES = 'queries';

/** HTTP and WebSocket URLs of `/graphql` at the page's own origin (the gateway serves both). */
export function sameOriginEndpoints(location: Pick<Location, 'href' | 'protocol'>): {
  httpUrl: string;
  wsUrl: string;
} {
  const http = new URL('/graphql', location.href);
  const ws = new URL(http);
  ws.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return { httpUrl: http.href, wsUrl: ws.href };
}

/** The close code of a graphql-ws `closed` event, when it carries one. */
export function closeCodeOf(event: unknown): number | undefined {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number'
    ? event.code
    : undefined;
}

function describeClose(error: unknown): string {
  const code = closeCodeOf(error);
  if (code !== undefined) {
    const reason =
      typeof error === 'object' && error !== null && 'reason' in error ? String(error.reason) : '';
    return `${code} ${reason}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}
