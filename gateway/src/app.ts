import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { GATEWAY_PASS_PARAM, GatewayPassSigner } from '@pb/platform/gateway-pass';
import { createLogger, type Logger } from '@pb/platform/logger';
import { signDevelopmentToken, TokenVerifier } from '@pb/platform/viewer';
import { type AuthContext, useBearerAuth } from './auth.js';
import { useBatchLimits } from './batches.js';
import type { GatewayConfig } from './config.js';
import { createDashboardHandler } from './dashboard.js';
import { createErrorMasker, useOneErrorPerFailedCall } from './errors.js';
import { CSV_PATH, createCsvExport } from './export.js';
import { type Admitted, FrontDoor, Refusal, sendRefusal } from './front-door.js';
import {
  type AnalystGraphiQLOptions,
  createGraphiQLAssetHandler,
  GRAPHIQL_ASSETS_PATH,
  renderAnalystGraphiQL,
  sendGraphiQLPage,
} from './graphiql.js';
import { mayIntrospect, useNoFieldSuggestions, useOperationLimits } from './limits.js';
import { hiveLogger } from './logging.js';
import { ReadCache, useReadCache } from './read-cache.js';
import { checkReadiness } from './readiness.js';
import { loadSavedQueries, type SavedQuery } from './saved-queries.js';
import { servingUntilIdle, useSubscriptionsAcrossReloads } from './schema-reload.js';
import { attachSocketServer, type SocketServer } from './sockets.js';
import { SupergraphFile } from './supergraph.js';
import { releasingSignals } from './upstream-signals.js';

/** GraphQL over HTTP and graphql-ws share this path. */
const GRAPHQL_PATH = '/graphql';
/** A subgraph call slower than this fails rather than holding the client (subscriptions excepted). */
const UPSTREAM_TIMEOUT_MS = 30_000;
/** On stop, in-flight HTTP requests get this long to finish before their connections are cut. */
const HTTP_DRAIN_MS = 5_000;
/** On stop, WebSocket clients get this long to answer the close frame before they are dropped. */
const WS_CLOSE_MS = 1_000;
/** How often Node looks for clients slow to send their request (its default, 30 s, lets them linger). */
const SLOW_CLIENT_CHECK_MS = 1_000;

/** Where a started gateway listens. */
export interface GatewayAddress {
  port: number;
  /** The base URL: the dashboard at `/`, GraphQL (HTTP and graphql-ws) at `/graphql`, CSV at `/graphql.csv`. */
  url: string;
}

/** The gateway server; `index.ts` starts it, tests start it on port 0. */
export interface Gateway {
  /** Loads the supergraph and listens; `port` 0 takes a free port. @default config.port */
  start(port?: number): Promise<GatewayAddress>;
  /** Closes WebSockets and HTTP connections, disposes the runtime (and its upstream connections). */
  stop(): Promise<void>;
}

interface Running {
  server: Server;
  readCache: ReadCache;
  sockets: SocketServer;
  frontDoor: FrontDoor;
  runtime: GatewayRuntime<AuthContext>;
  supergraph: SupergraphFile;
  exportCsv: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * Builds the gateway: one HTTP server carrying the Hive Gateway runtime (GraphQL over HTTP and
 * graphql-ws at `/graphql`, GraphiQL served offline with the saved queries), `/graphql.csv`,
 * `/healthz`, `/readyz`, `/wall-config.json` and the built dashboard at `/`.
 */
export function createGateway(config: GatewayConfig): Gateway {
  const logger = createLogger('gateway', config.logLevel);
  const serveDashboard = createDashboardHandler(config.dashboardDist);
  const serveGraphiQLAsset = createGraphiQLAssetHandler();
  // what the subgraphs know the gateway's requests by (gateway-pass.ts)
  const passSigner = new GatewayPassSigner(config.auth.gatewaySecret);
  let running: Running | undefined;

  async function route(req: IncomingMessage, res: ServerResponse, running: Running): Promise<void> {
    const { runtime, supergraph, exportCsv, frontDoor } = running;
    const { pathname } = new URL(req.url ?? '/', 'http://gateway');
    if (pathname === GRAPHQL_PATH || pathname === CSV_PATH) {
      // preflights carry no token by design; the runtime answers them from the CORS allow-list
      if (req.method === 'OPTIONS') return runtime.requestListener(req, res);
      // the runtime renders the page; it goes out with an ETag, its assets from the route below
      const graphiqlPage = (context?: Admitted) =>
        sendGraphiQLPage(req, res, (request) => Promise.resolve(runtime.fetch(request, context)));
      if (pathname === GRAPHQL_PATH && isGraphiQLPage(req) && config.environment !== 'production') {
        return graphiqlPage();
      }
      const admitted = await frontDoor.admitHttp(req);
      if (pathname === CSV_PATH) return exportCsv(req, res);
      if (isGraphiQLPage(req) && !mayIntrospect(admitted.viewer)) {
        throw new Refusal(
          403,
          'FORBIDDEN',
          'GraphiQL is for analysts, auditors and admins: send a token with one of those roles.',
        );
      }
      if (isGraphiQLPage(req)) return graphiqlPage(admitted);
      // the runtime's auth plugin takes the admitted viewer from here instead of verifying again
      return (runtime.requestListener as (...args: unknown[]) => Promise<void>)(req, res, admitted);
    }
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const readiness = await checkReadiness(supergraph, passSigner);
      return sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
    }
    if (pathname === '/wall-config.json') {
      const token = await wallToken(config);
      if (!token) return sendJson(res, 404, { error: 'No wall token: set WALL_TOKEN.' });
      return sendJson(res, 200, { token });
    }
    // static files, like the wall's below: fetched without a token, and public
    if (pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return serveGraphiQLAsset(req, res);
    return serveDashboard(req, res);
  }

  return {
    async start(port = config.port) {
      if (running) throw new Error('the gateway is already started');
      const verifier = await TokenVerifier.create(config.auth);
      const supergraph = new SupergraphFile(config.supergraphPath, config.subgraphUrls, logger);
      const savedQueries = await loadSavedQueries(config.savedQueriesDir);
      await supergraph.load();
      const readCache = new ReadCache({
        redisUrl: config.redisUrl,
        namespace: config.redisNamespace,
        subgraphs: () => supergraph.current?.subgraphs.map((subgraph) => subgraph.name) ?? [],
        logger,
      });
      const frontDoor = new FrontDoor(config.frontDoor, verifier, logger);
      const runtime = createRuntime(
        config,
        verifier,
        passSigner,
        supergraph,
        logger,
        savedQueries,
        readCache,
        frontDoor,
      );
      supergraph.watch(() => runtime.invalidateUnifiedGraph());
      if (supergraph.current) {
        // build the federated schema now, so the first request does not wait for it
        await Promise.resolve(runtime.getSchema()).catch((error) =>
          logger.error({ err: error }, 'the supergraph loaded but the runtime rejected it'),
        );
      }

      const server = createServer({
        headersTimeout: config.frontDoor.headersTimeoutMs,
        requestTimeout: config.frontDoor.requestTimeoutMs,
        connectionsCheckingInterval: SLOW_CLIENT_CHECK_MS,
      });
      const sockets = attachSocketServer(server, GRAPHQL_PATH, runtime, frontDoor, logger);
      // the export goes through the runtime like any /graphql request: same auth, limits and masking
      const exportCsv = createCsvExport(
        (request) => Promise.resolve(runtime.fetch(request)),
        config.operationLimits,
      );
      const current: Running = { server, readCache, sockets, frontDoor, runtime, supergraph, exportCsv };
      server.on('request', (req, res) => {
        route(req, res, current).catch((error) => {
          if (error instanceof Refusal) {
            if (!res.headersSent) sendRefusal(res, error);
            return;
          }
          // a client that went away mid-response (a closed tab, a reload) is no fault of ours
          if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
            logger.debug({ url: req.url }, 'client closed the connection early');
            return;
          }
          logger.error({ err: error, url: req.url }, 'request failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' });
          else res.end();
        });
      });
      try {
        await listen(server, port, config.host);
      } catch (error) {
        // a taken port: release the watcher and the runtime, which would keep the process alive
        await shutDown(current);
        throw error;
      }
      running = current;
      const { port: boundPort } = server.address() as AddressInfo;
      logger.info({ port: boundPort, supergraph: config.supergraphPath }, 'gateway listening');
      return { port: boundPort, url: `http://localhost:${boundPort}` };
    },

    async stop() {
      if (!running) return;
      const stopping = running;
      running = undefined;
      await shutDown(stopping);
      logger.info('gateway stopped');
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops watching and accepting, closes WebSockets, lets in-flight HTTP requests finish, then disposes the
 * runtime, which ends its upstream connections. (The runtime's own signal handler, which would dispose it
 * at once and abort those requests, is removed when it is created.)
 */
async function shutDown({ server, sockets, runtime, supergraph, readCache }: Running): Promise<void> {
  await supergraph.close();
  // stop accepting first, so a balancer sends new requests elsewhere while these finish
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // a kept-alive connection goes as soon as its request is answered, not after its idle timeout
  const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  // graphql-ws says goodbye (1001, going away) to each client, which reconnects; one that does not
  // answer is dropped
  const dropSilentClients = setTimeout(() => {
    for (const client of sockets.wsServer.clients) client.terminate();
  }, WS_CLOSE_MS);
  await sockets.dispose();
  clearTimeout(dropSilentClients);
  // requests in flight finish (up to the drain time) before the runtime and its upstreams go
  const cutInFlight = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
  await closed;
  clearTimeout(cutInFlight);
  clearInterval(closeIdle);
  await runtime.dispose();
  await readCache.close();
}

function createRuntime(
  config: GatewayConfig,
  verifier: TokenVerifier,
  passSigner: GatewayPassSigner,
  supergraph: SupergraphFile,
  logger: Logger,
  savedQueries: SavedQuery[],
  readCache: ReadCache,
  frontDoor: FrontDoor,
): GatewayRuntime<AuthContext> {
  const signalHandlers = terminateHandlers();
  const analystToken = reusedFor(ANALYST_TOKEN_REUSE_MS, () =>
    signDevelopmentToken({ subject: 'dev-analyst', roles: ['analyst'] }, config.auth),
  );
  const runtime = createGatewayRuntime<AuthContext>({
    // Hive Router's query planner (Rust, a native addon) and its executor instead of the JavaScript
    // stitching runtime: every read the read cache cannot answer is planned and run 1.7-1.9 times faster
    // (joined reads, the wall's snapshot; `pnpm bench gateway` with the cache off, docs/decisions.md)
    unifiedGraphHandler,
    supergraph: () => {
      if (!supergraph.current) throw new Error(`no valid supergraph at ${supergraph.path}`);
      return supergraph.current.sdl;
    },
    // given, not left to the runtime's dynamic import, which pnpm's strict layout would not resolve;
    // a reload lets the operations running on the old supergraph's transports finish (schema-reload.ts);
    // a subgraph request lets go of the HTTP executor's signal once answered (upstream-signals.ts)
    transports: {
      http: servingUntilIdle(releasingSignals(httpTransport)),
      ws: servingUntilIdle(wsTransport),
    },
    transportEntries: {
      '*.http': {
        // the subgraphs answer only the gateway: each HTTP request is signed where it is sent
        // (useBearerAuth's onFetch); a graphql-ws connection carries the viewer's pass, and executors
        // are keyed by the interpolated value, so each viewer gets its own upstream WebSocket;
        // `x-pb-viewer` keeps the merging of identical requests in flight to one viewer's (auth.ts)
        headers: [['x-pb-viewer', '{context.viewerKey}']],
        options: {
          // our subgraphs (Apollo Server + graphql-ws) do not speak SSE, the runtime's default
          subscriptions: {
            kind: 'ws',
            options: { connectionParams: { [GATEWAY_PASS_PARAM]: '{context.gatewayPass}' } },
          },
        },
      },
    },
    // the wall sends its panels' queries as one batch; each operation is answered, limited and
    // counted on its own (batches.ts, which refuses an over-long batch before this limit does)
    batching: { limit: config.frontDoor.operationsPerBatch },
    plugins: () => [
      useBatchLimits(frontDoor),
      useBearerAuth(verifier, passSigner),
      useOperationLimits(config.operationLimits),
      // after the limits, so a refused operation is refused again rather than served
      useReadCache(readCache),
      ...(config.environment === 'production' ? [useNoFieldSuggestions()] : []),
      useOneErrorPerFailedCall(),
      useSubscriptionsAcrossReloads(logger),
    ],
    disableIntrospection: { disableIf: ({ context }) => !mayIntrospect(context.viewer) },
    // JSON POSTs are required at the front door; a GET must carry a header a browser would preflight
    csrfPrevention: { requestHeaders: ['authorization', 'x-graphql-csrf'] },
    cors: corsOptions(config.corsOrigins),
    // a client that goes away, or a timeout, aborts the subgraph calls made for it
    upstreamCancellation: true,
    executionCancellation: true,
    upstreamTimeout: ({ executionRequest }) =>
      executionRequest?.operationType === 'subscription' ? undefined : UPSTREAM_TIMEOUT_MS,
    graphiql: () => graphiqlOptions(config, savedQueries, analystToken),
    // the runtime's default GraphiQL loads from a CDN; this one serves its assets from this gateway
    // and adds the analysts' bar (saved queries, Export CSV)
    renderGraphiQL: (options) => renderAnalystGraphiQL(options as AnalystGraphiQLOptions),
    landingPage: false,
    // masked errors stay masked in development too: no stack or SQL reaches a client
    maskedErrors: { isDev: false, maskError: createErrorMasker(logger) },
    logging: hiveLogger(logger),
  });
  // the runtime registers a SIGTERM/SIGINT handler that disposes it at once, aborting requests in
  // flight; runService stops the gateway in order instead (see shutDown)
  for (const [signal, before] of signalHandlers) {
    for (const handler of process.listeners(signal)) {
      if (!before.includes(handler)) process.removeListener(signal, handler);
    }
  }
  return runtime;
}

function terminateHandlers(): Map<NodeJS.Signals, NodeJS.SignalsListener[]> {
  return new Map((['SIGTERM', 'SIGINT'] as const).map((signal) => [signal, process.listeners(signal)]));
}

/** Same origin only unless `CORS_ORIGINS` lists others; tokens travel in a header, never in cookies. */
function corsOptions(origins: string[]) {
  if (origins.length === 0) return false as const;
  return {
    origin: origins,
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-graphql-csrf'],
    maxAge: 600,
  };
}

/**
 * A browser asking for the GraphiQL page: the runtime renders it, and executes nothing, for any GET that
 * accepts HTML (`?query=…` only fills the editor).
 */
function isGraphiQLPage(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

/**
 * GraphiQL over graphql-ws at the same path, with the saved queries and CSV export. Outside production
 * its headers are prefilled with a fresh analyst token, and the same token goes in the connection
 * params (GraphiQL sends its headers editor over HTTP only).
 */
async function graphiqlOptions(
  config: GatewayConfig,
  savedQueries: SavedQuery[],
  analystToken: () => Promise<string>,
): Promise<AnalystGraphiQLOptions> {
  const options: AnalystGraphiQLOptions = {
    title: 'Party-building gateway',
    savedQueries,
    csvPath: CSV_PATH,
    subscriptionsProtocol: 'WS',
    // a persisted header would outlive its token (12 h); the fresh one is prefilled on every load
    shouldPersistHeaders: false,
  };
  if (config.environment !== 'production') {
    const authorization = `Bearer ${await analystToken()}`;
    options.headers = JSON.stringify({ Authorization: authorization }, null, 2);
    options.connectionParams = { authorization };
  }
  return options;
}

/**
 * How long GraphiQL's development token is reused (tokens live 12 h): the page, and so its ETag, stay the
 * same between visits, which a browser then revalidates with a 304 instead of loading the page again.
 */
const ANALYST_TOKEN_REUSE_MS = 60 * 60_000;

/** `make`'s value, made again once it is `ttlMs` old. */
function reusedFor<T>(ttlMs: number, make: () => Promise<T>): () => Promise<T> {
  let made: { value: Promise<T>; at: number } | undefined;
  return () => {
    if (!made || Date.now() - made.at >= ttlMs) made = { value: make(), at: Date.now() };
    return made.value;
  };
}

/**
 * `WALL_TOKEN`; outside production a fresh national development token with the `wall` role, its own
 * for each screen, so each screen meets the per-token limits alone.
 */
async function wallToken(config: GatewayConfig): Promise<string | undefined> {
  if (config.wallToken) return config.wallToken;
  if (config.environment === 'production') return undefined;
  const subject = `dev-wall-${randomUUID()}`;
  return signDevelopmentToken({ subject, roles: ['wall'], regionCode: null }, config.auth);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
