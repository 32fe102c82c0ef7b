import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type GatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@pb/platform/logger';
import type { Viewer } from '@pb/platform/viewer';
import { GraphQLError } from 'graphql';
import { CloseCode, type Context as WsContext } from 'graphql-ws';
import { type Extra, useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import { type AuthContext, fromConnectionParams } from './auth.js';
import { type Admitted, type FrontDoor, Refusal, refusalBody, refusalError } from './front-door.js';
import { SharedSubscriptions, type SubscriptionParams } from './shared-subscriptions.js';

/** What each graphql-ws connection keeps: its admission, once `ConnectionInit` passed the front door. */
type ConnectionExtra = Extra & {
  admitted?: Admitted & { release(): void };
  [key: PropertyKey]: unknown;
};

/** What an operation on a socket carries in its context, beyond the runtime's own. */
interface SocketOperationContext {
  params: SubscriptionParams;
  viewer?: Viewer;
  socket: WebSocket;
  /** The id the client gave the operation; a shared subscription's frames are sent under it. */
  operationId: string;
}

/** 1013 "try again later": a connection refused by a limit; graphql-ws clients retry it with backoff. */
const TRY_AGAIN_LATER = 1013;
/** Close reasons travel in one WebSocket frame: at most 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123;

export interface SocketServer {
  wsServer: WebSocketServer;
  /** The subscriptions being shared. */
  sharing: SharedSubscriptions;
  /** Says goodbye (1001, "going away": clients reconnect, to another replica if there is one). */
  dispose(): Promise<void>;
}

/**
 * graphql-ws at `path` on the gateway's HTTP server, behind the front door: an upgrade from an address
 * holding too many sockets is refused with 429 before the WebSocket exists; `ConnectionInit` must carry
 * a valid token (4403 otherwise) within the token's connection limit (4429); each subscribe counts
 * against the token's and the address's request rate and the connection's operation limit.
 */
export function attachSocketServer(
  server: Server,
  path: string,
  runtime: GatewayRuntime<AuthContext>,
  frontDoor: FrontDoor,
  logger: Logger,
): SocketServer {
  // permessage-deflate stays off: the shared subscriptions write whole frames to the TCP socket beside
  // `ws`, which is sound only while `ws` never holds a frame back to compress it
  const wsServer = new WebSocketServer({
    noServer: true,
    maxPayload: frontDoor.config.maxBodyBytes,
    perMessageDeflate: false,
  });
  /** Each WebSocket's TCP socket, where shared subscriptions write their frames. */
  const connections = new WeakMap<WebSocket, Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://gateway');
    if (pathname !== path) {
      refuseUpgrade(socket, new Refusal(404, 'NOT_FOUND', `WebSockets are served at ${path}.`));
      return;
    }
    const refusal = frontDoor.admitSocket(req);
    if (refusal) {
      refuseUpgrade(socket, refusal);
      return;
    }
    wsServer.handleUpgrade(req, socket, head, (ws) => {
      connections.set(ws, socket);
      const release = frontDoor.openSocket(req);
      ws.once('close', release);
      wsServer.emit('connection', ws, req);
    });
  });

  const runtimeOptions = getGraphQLWSOptions<AuthContext, ConnectionExtra>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    // `request` lets the runtime's plugins treat a socket operation like an HTTP one
    request: upgradeRequest(ctx.extra.request),
    // admitted at ConnectionInit: the runtime's auth plugin takes these instead of verifying again
    viewer: ctx.extra.admitted?.viewer,
    authorization: ctx.extra.admitted?.authorization,
  }));
  const sharing = new SharedSubscriptions();
  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      ...runtimeOptions,
      // identical subscriptions (operation, variables, viewer scope and roles) share one execution,
      // whose results the shared stream writes to each subscriber's connection under its operation id
      subscribe: (args) => {
        const context = args.contextValue as SocketOperationContext;
        const start = () => runtimeOptions.subscribe!(args);
        const connection = connections.get(context.socket);
        // every WebSocket here came through the upgrade above; one that did not is served alone
        if (!connection) return start();
        return sharing.subscribe(
          context.params,
          context.viewer,
          { socket: context.socket, connection, operationId: context.operationId },
          start,
        );
      },
      onConnect: async (ctx) => {
        try {
          ctx.extra.admitted = await frontDoor.admitConnection(
            ctx.extra.request,
            fromConnectionParams(ctx.connectionParams),
          );
          return true;
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          const code = error.status === 401 ? CloseCode.Forbidden : TRY_AGAIN_LATER;
          ctx.extra.socket.close(code, shorten(error.message));
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const admitted = ctx.extra.admitted;
        if (!admitted)
          return [new GraphQLError('Not admitted.', { extensions: { code: 'UNAUTHENTICATED' } })];
        try {
          // graphql-ws has already entered this operation in `subscriptions`
          await frontDoor.admitOperation(
            ctx.extra.request,
            admitted,
            Object.keys(ctx.subscriptions).length - 1,
          );
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return [refusalError(error)];
        }
        const args = await runtimeOptions.onSubscribe!(
          ctx as WsContext<Record<string, unknown> | undefined, ConnectionExtra>,
          id,
          payload,
        );
        // a shared subscription's frames are written under this id (a refusal comes back as its errors)
        if (args && 'document' in args) (args.contextValue as SocketOperationContext).operationId = id;
        return args;
      },
      onClose: (ctx) => ctx.extra.admitted?.release(),
    },
    wsServer,
  );
  logger.debug({ path }, 'graphql-ws attached');
  return {
    wsServer,
    sharing,
    async dispose() {
      await cleanup.dispose();
    },
  };
}

function shorten(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > MAX_CLOSE_REASON_BYTES) text = text.slice(0, -1);
  return text;
}

/** Answers an upgrade that will not become a WebSocket with a plain HTTP response, then closes. */
function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = refusalBody(refusal);
  const lines = [
    `HTTP/1.1 ${refusal.status} ${refusal.status === 429 ? 'Too Many Requests' : 'Not Found'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(refusal.retryAfter ? [`Retry-After: ${refusal.retryAfter}`] : []),
    'Connection: close',
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** A Fetch API view of a WebSocket upgrade request, which the runtime expects as `context.request`. */
function upgradeRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'gateway'}`), { headers });
}
