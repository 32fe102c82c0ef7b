import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createGatewayRuntime,
  type GatewayRuntime,
  getGraphQLWSOptions,
  Logger as HiveLogger,
  type LogLevel,
} from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { createLogger, type Logger, signDevelopmentToken, TokenVerifier } from '@pb/platform';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type AuthContext, authorizeConnection, useBearerAuth } from './auth.js';
import type { GatewayConfig } from './config.js';
import { createDashboardHandler } from './dashboard.js';
import { createErrorMasker } from './errors.js';
import { CSV_PATH, createCsvExport } from './export.js';
import { type AnalystGraphiQLOptions, renderAnalystGraphiQL } from './graphiql.js';
import { checkReadiness } from './readiness.js';
import { loadSavedQueries, type SavedQuery } from './saved-queries.js';
import { SupergraphFile } from './supergraph.js';

/** GraphQL over HTTP and graphql-ws share this path. */
const GRAPHQL_PATH = '/graphql';
/** A subgraph call slower than this fails rather than holding the client (subscriptions excepted). */
const UPSTREAM_TIMEOUT_MS = 30_000;
/** On stop, in-flight HTTP requests get this long to finish before their connections are cut. */
const HTTP_DRAIN_MS = 5_000;
/** On stop, WebSocket clients get this long to answer the close frame before they are dropped. */
const WS_CLOSE_MS = 1_000;

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
  wsServer: WebSocketServer;
  wsCleanup: { dispose(): void | Promise<void> };
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
  let running: Running | undefined;

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    { runtime, supergraph, exportCsv }: Running,
  ): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://gateway');
    if (pathname === GRAPHQL_PATH) return runtime.requestListener(req, res);
    if (pathname === CSV_PATH) return exportCsv(req, res);
    if (pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/readyz') {
      const readiness = await checkReadiness(supergraph);
      return sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
    }
    if (pathname === '/wall-config.json') {
      const token = await wallToken(config);
      if (!token) return sendJson(res, 404, { error: 'No wall token: set WALL_TOKEN.' });
      return sendJson(res, 200, { token });
    }
    return serveDashboard(req, res);
  }

  return {
    async start(port = config.port) {
      if (running) throw new Error('the gateway is already started');
      const verifier = await TokenVerifier.create(config.auth);
      const supergraph = new SupergraphFile(config.supergraphPath, config.subgraphUrls, logger);
      const savedQueries = await loadSavedQueries(config.savedQueriesDir);
      await supergraph.load();
      const runtime = createRuntime(config, verifier, supergraph, logger, savedQueries);
      supergraph.watch(() => runtime.invalidateUnifiedGraph());
      if (supergraph.current) {
        // build the federated schema now, so the first request does not wait for it
        await Promise.resolve(runtime.getSchema()).catch((error) =>
          logger.error({ err: error }, 'the supergraph loaded but the runtime rejected it'),
        );
      }

      const server = createServer();
      const wsServer = new WebSocketServer({ server, path: GRAPHQL_PATH });
      const wsCleanup = useServer<Record<string, unknown> | undefined>(
        {
          // the runtime's own graphql-ws handlers, as Hive's CLI wires them; `request` lets the
          // runtime's plugins treat a socket operation like an HTTP one
          ...getGraphQLWSOptions<AuthContext, Extra>(runtime, (ctx) => ({
            req: ctx.extra.request,
            socket: ctx.extra.socket,
            request: upgradeRequest(ctx.extra.request),
          })),
          onConnect: (ctx) => authorizeConnection(verifier, ctx),
        },
        wsServer,
      );
      // the export goes through the runtime like any /graphql request: same auth, limits and masking
      const exportCsv = createCsvExport((request) => Promise.resolve(runtime.fetch(request)));
      const current: Running = { server, wsServer, wsCleanup, runtime, supergraph, exportCsv };
      server.on('request', (req, res) => {
        route(req, res, current).catch((error) => {
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
        await listen(server, port);
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

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Stops watching, closes WebSockets and HTTP connections, then disposes the runtime, which ends its
 * upstream graphql-ws connections. The runtime's own SIGTERM handler disposes it too, but neither
 * closes our server nor exits the process.
 */
async function shutDown({ server, wsServer, wsCleanup, runtime, supergraph }: Running): Promise<void> {
  await supergraph.close();
  // graphql-ws says goodbye (1001) to each client; one that does not answer is dropped
  const dropSilentClients = setTimeout(() => {
    for (const client of wsServer.clients) client.terminate();
  }, WS_CLOSE_MS);
  await wsCleanup.dispose();
  clearTimeout(dropSilentClients);
  await closeHttpServer(server);
  await runtime.dispose();
}

function createRuntime(
  config: GatewayConfig,
  verifier: TokenVerifier,
  supergraph: SupergraphFile,
  logger: Logger,
  savedQueries: SavedQuery[],
): GatewayRuntime<AuthContext> {
  return createGatewayRuntime<AuthContext>({
    supergraph: () => {
      if (!supergraph.current) throw new Error(`no valid supergraph at ${supergraph.path}`);
      return supergraph.current.sdl;
    },
    // given, not left to the runtime's dynamic import, which pnpm's strict layout would not resolve
    transports: { http: httpTransport, ws: wsTransport },
    transportEntries: {
      '*.http': {
        // `{context.authorization}` is the token useBearerAuth verified; executors are keyed by the
        // interpolated values, so each token gets its own upstream WebSocket, never shared
        headers: [['authorization', '{context.authorization}']],
        options: {
          // our subgraphs (Apollo Server + graphql-ws) do not speak SSE, the runtime's default
          subscriptions: {
            kind: 'ws',
            options: { connectionParams: { authorization: '{context.authorization}' } },
          },
        },
      },
    },
    plugins: () => [useBearerAuth(verifier)],
    upstreamTimeout: ({ executionRequest }) =>
      executionRequest?.operationType === 'subscription' ? undefined : UPSTREAM_TIMEOUT_MS,
    graphiql: () => graphiqlOptions(config, savedQueries),
    // the runtime's default GraphiQL loads from a CDN; this one inlines its assets and adds the
    // analysts' bar (saved queries, Export CSV)
    renderGraphiQL: (options) => renderAnalystGraphiQL(options as AnalystGraphiQLOptions),
    landingPage: false,
    // masked errors stay masked in development too: no stack or SQL reaches a client
    maskedErrors: { isDev: false, maskError: createErrorMasker(logger) },
    logging: hiveLogger(logger),
  });
}

/**
 * GraphiQL over graphql-ws at the same path, with the saved queries and CSV export. Outside production
 * its headers are prefilled with a fresh analyst token, and the same token goes in the connection
 * params (GraphiQL sends its headers editor over HTTP only).
 */
async function graphiqlOptions(
  config: GatewayConfig,
  savedQueries: SavedQuery[],
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
    const token = await signDevelopmentToken({ subject: 'dev-analyst', roles: ['analyst'] }, config.auth);
    const authorization = `Bearer ${token}`;
    options.headers = JSON.stringify({ Authorization: authorization }, null, 2);
    options.connectionParams = { authorization };
  }
  return options;
}

/** `WALL_TOKEN`; outside production a fresh national development token with the `wall` role. */
async function wallToken(config: GatewayConfig): Promise<string | undefined> {
  if (config.wallToken) return config.wallToken;
  if (config.environment === 'production') return undefined;
  return signDevelopmentToken({ subject: 'dev-wall', roles: ['wall'], regionCode: null }, config.auth);
}

/** The runtime's logger writing through our pino logger, with tokens redacted from its debug logs. */
function hiveLogger(logger: Logger): HiveLogger {
  const level: LogLevel | false =
    logger.level === 'silent' ? false : logger.level === 'fatal' ? 'error' : (logger.level as LogLevel);
  return new HiveLogger({
    level,
    redact: ['connectionParams.authorization', 'headers.authorization'],
    writers: [
      {
        write(logLevel, attrs, message) {
          logger[logLevel](Array.isArray(attrs) ? { attrs } : (attrs ?? {}), message ?? undefined);
        },
      },
    ],
  });
}

/** A Fetch API view of a WebSocket upgrade request, which the runtime expects as `context.request`. */
function upgradeRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(req.url ?? GRAPHQL_PATH, `http://${req.headers.host ?? 'gateway'}`), {
    headers,
  });
}

async function closeHttpServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cutInFlight = setTimeout(() => server.closeAllConnections(), HTTP_DRAIN_MS);
  await closed;
  clearTimeout(cutInFlight);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
