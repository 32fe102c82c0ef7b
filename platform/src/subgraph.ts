import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { WebSocketServer } from 'ws';
import { isUserError } from './errors.js';
import { GATEWAY_PASS_HEADER, type GatewayPassVerifier, type VerifiedRequest } from './gateway-pass.js';
import type { Logger } from './logger.js';
import { checkOperationLimits, type OperationLimits, subgraphLimits } from './operation-limits.js';
import type { Viewer } from './viewer.js';

/** Federation 2 directives our subgraphs use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires"])';

/**
 * Builds a federated subgraph schema from type-graphql resolvers: type-graphql emits the SDL with its
 * directives (graphql's own printer would drop `@key`), `@apollo/subgraph` adds the federation fields,
 * and each entity's `__resolveReference` is merged in beside the generated resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: IResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as IResolvers;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(typeResolvers as object) };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers: resolvers as never,
  });
}

/** What every resolver receives; services are added by each subgraph. */
export interface BaseContext {
  viewer: Viewer;
  /** The gateway's id of the request (one per graphql-ws connection): logs and the audit trail name it. */
  requestId: string;
  /** The client's own `x-request-id`, when it sent a valid one; kept beside, never instead of, ours. */
  clientRequestId?: string | null;
  /**
   * Aborted when the caller goes away (the gateway gave up, or its client left) or the operation runs
   * past its time: no further field is resolved for it.
   */
  signal?: AbortSignal;
}

/** A request body over this is refused: the largest is a bulk import's file, at most about 3.5 MB. */
const MAX_BODY_BYTES = 5_000_000;
/** An operation still running after this is abandoned: the gateway has given up on it by then (30 s). */
const EXECUTION_TIMEOUT_MS = 35_000;
/** On stop, requests in flight get this long to finish before their connections are cut. */
const DRAIN_MS = 5_000;
/** Clients slow to send a request are cut after these (Node's defaults are 60 s and 300 s). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  /** Checks that each request and connection comes from the gateway (gateway-pass.ts). */
  gatewayPass: GatewayPassVerifier;
  logger: Logger;
  /** Builds the per-request (or per-subscription) context from the verified viewer. */
  context(base: BaseContext): TContext;
  /** Extra readiness check for `/readyz` (database, Redis). */
  ready?(): Promise<boolean>;
  /** The gateway's limits; the subgraph applies them with room for what the gateway adds (defence in depth). */
  limits: OperationLimits;
  /** In production errors suggest no field names. */
  production: boolean;
}

export interface RunningServer {
  port: number;
  url: string;
}

/**
 * One HTTP server carrying a subgraph: GraphQL over HTTP (Apollo Server) and graphql-ws on `/graphql`,
 * `/healthz` and `/readyz`. Every operation needs the gateway's pass (gateway-pass.ts); errors a user
 * did not cause are masked with a request id that the log carries.
 */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>) {
  const { logger } = options;
  const limits = subgraphLimits(options.limits);
  const httpServer: Server = createServer({
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: 1_000,
  });
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  let wsCleanup: { dispose(): void | Promise<void> } | undefined;

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    hideSchemaDetailsFromClientErrors: options.production,
    // the parser's own token limit; the other limits were checked before Apollo saw the request
    parseOptions: { maxTokens: limits.maxTokens },
    // traces are for Apollo's hosted studio, which this platform does not use
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      errorMasking<TContext>(logger),
      cancellation<TContext>(),
    ],
    formatError: (formatted, error) => maskError(formatted, error, logger),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
    if (url.pathname === '/readyz') {
      const ready = (await options.ready?.().catch(() => false)) ?? true;
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    if (url.pathname !== '/graphql')
      return sendJson(res, 404, { error: 'not found; GraphQL is at /graphql' });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    // the gateway's pass before the body: anything else costs a header check, not a read and a parse
    let verified: ReturnType<GatewayPassVerifier['verifyRequestHeader']>;
    try {
      verified = options.gatewayPass.verifyRequestHeader(headers.get(GATEWAY_PASS_HEADER));
    } catch (error) {
      return sendErrors(res, 401, error as GraphQLError);
    }
    // a body announced too large is refused without reading it; one that turns out too large, when read
    const read =
      Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES
        ? TOO_LARGE
        : req.method === 'POST'
          ? await readBody(req)
          : { text: url.search, json: undefined };
    if (read !== TOO_LARGE) {
      // the pass names this body and is used once: a replayed or altered request stops here
      try {
        await options.gatewayPass.checkContent(verified.pass, read.text);
      } catch (error) {
        return sendErrors(res, 401, error as GraphQLError);
      }
    }
    const body = read === TOO_LARGE ? TOO_LARGE : read.json;
    if (body === TOO_LARGE) {
      res.setHeader('connection', 'close');
      return sendErrors(
        res,
        413,
        new GraphQLError(`The request body is over ${MAX_BODY_BYTES} bytes.`, {
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        }),
      );
    }
    const refusal = checkOperationLimits(options.schema, limits, operationRequest(body, url));
    if (refusal) return sendErrors(res, 400, refusal);

    const { viewer, requestId, clientRequestId } = verified satisfies VerifiedRequest;
    // the caller going away, or the operation outliving its time, stops the resolvers
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(new Error('execution timeout')), EXECUTION_TIMEOUT_MS);
    res.once('close', () => {
      clearTimeout(deadline);
      if (!res.writableFinished) abort.abort(new Error('the caller went away'));
    });
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => options.context({ viewer, requestId, clientRequestId, signal: abort.signal }),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    async start(port = 0, host = '127.0.0.1'): Promise<RunningServer> {
      await apollo.start();
      httpServer.on('request', (req, res) => {
        handle(req, res).catch((error) => {
          logger.error({ err: error }, 'request failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
          else res.end();
        });
      });
      wsCleanup = useServer<Record<string, unknown>, { context?: TContext }>(
        {
          schema: options.schema,
          onConnect: async (ctx) => {
            try {
              const viewer = options.gatewayPass.verifyConnection(ctx.connectionParams);
              ctx.extra.context = options.context({ viewer, requestId: randomUUID() });
              return true;
            } catch {
              return false;
            }
          },
          context: (ctx) => ctx.extra.context as TContext,
          onSubscribe: (_ctx, _id, payload) => {
            const refusal = checkOperationLimits(options.schema, limits, payload);
            return refusal ? [refusal] : undefined;
          },
          onNext: (_ctx, _id, _payload, _args, result) => {
            if (!('errors' in result) || !result.errors) return;
            return {
              ...result,
              errors: result.errors.map((error) => maskError(error.toJSON(), error, logger)),
            } as never;
          },
        },
        wsServer,
      );
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      logger.info({ port: address.port }, `${options.name} subgraph listening`);
      return { port: address.port, url: `http://${host}:${address.port}/graphql` };
    },

    /**
     * Stops accepting, tells WebSocket clients to go elsewhere (1001, going away: they reconnect), lets
     * HTTP requests in flight finish for up to {@link DRAIN_MS}, then stops Apollo.
     */
    async stop(): Promise<void> {
      if (!httpServer.listening) return;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // a kept-alive connection goes as soon as its request is answered, not after its idle timeout
      const closeIdle = setInterval(() => httpServer.closeIdleConnections(), 50);
      httpServer.closeIdleConnections();
      // a client that does not answer the close frame within a second is dropped
      const dropSilent = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
      }, 1_000);
      await wsCleanup?.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      clearTimeout(dropSilent);
      const cut = setTimeout(() => httpServer.closeAllConnections(), DRAIN_MS);
      await closed;
      clearTimeout(cut);
      clearInterval(closeIdle);
      await apollo.stop();
    },
  };
}

export type SubgraphServer = ReturnType<typeof createSubgraphServer>;

function maskError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (isUserError(original) || isUserError(error)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const code = formatted.extensions?.code;
  // errors of the GraphQL layer itself (a bad query, a wrong variable) are the caller's to fix
  if (code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT') {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const errorId = randomUUID();
  logger.error({ err: original, errorId, path: formatted.path }, 'internal error');
  return {
    message: `Internal error; quote error id ${errorId} when reporting it.`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}

/** Logs each failed operation with its request id, so a user's report can be traced. */
function errorMasking<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors, operationName }) {
          const internal = errors.filter((e) => !isUserError(e.originalError ?? e));
          if (internal.length > 0) {
            logger.warn(
              { requestId: contextValue?.requestId, operationName },
              'operation had internal errors',
            );
          }
        },
      };
    },
  };
}

const TOO_LARGE = Symbol('body over the limit');

/** The body as sent (its pass names it) and parsed as JSON (the text itself when it is not JSON). */
async function readBody(req: IncomingMessage): Promise<{ text: string; json: unknown } | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return { text, json: undefined };
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    return { text, json: text };
  }
}

/** The operation a request carries: its JSON body, or a GET's parameters. */
function operationRequest(
  body: unknown,
  url: URL,
): { query?: unknown; variables?: unknown; operationName?: unknown } {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  const variables = url.searchParams.get('variables');
  let parsed: unknown;
  try {
    parsed = variables ? JSON.parse(variables) : undefined;
  } catch {
    parsed = undefined;
  }
  return {
    query: url.searchParams.get('query') ?? undefined,
    variables: parsed,
    operationName: url.searchParams.get('operationName') ?? undefined,
  };
}

/** A refusal before execution, in the GraphQL response shape. */
function sendErrors(res: ServerResponse, status: number, error: GraphQLError): void {
  const { http: _http, ...extensions } = error.extensions ?? {};
  sendJson(res, status, { errors: [{ message: error.message, extensions }] });
}

/**
 * Stops resolving fields of an operation whose caller has gone or whose time is up: each field checks
 * the request's signal first, so a large result stops growing within one field's work.
 */
function cancellation<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ contextValue }) {
              if (contextValue.signal?.aborted) {
                throw new GraphQLError('The operation was cancelled.', { extensions: { code: 'CANCELLED' } });
              }
            },
          };
        },
      };
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
