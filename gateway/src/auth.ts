import type { GatewayContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { TokenVerifier, Viewer } from '@pb/platform';
import { CloseCode, type Context as WsContext } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';

/** What {@link useBearerAuth} adds to the context of every operation. */
export interface AuthContext {
  viewer: Viewer;
  /**
   * The verified `Authorization` value, forwarded to the subgraphs (which verify it again): the
   * transport entries interpolate it as `{context.authorization}`.
   */
  authorization: string;
}

/** The token a graphql-ws client sent in its `ConnectionInit` payload, under either spelling. */
function fromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Verifies the bearer token of every operation (HTTP: the `Authorization` header; graphql-ws: the
 * connection params) and puts the viewer and the token in the context; without a valid token the
 * operation fails with `UNAUTHENTICATED` before anything reaches a subgraph.
 */
export function useBearerAuth(verifier: TokenVerifier): GatewayPlugin<AuthContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const gatewayContext = context as Partial<GatewayContext>;
      // over graphql-ws the upgrade request's headers are not the client's to choose (browsers
      // cannot set them), so only the connection params count there
      const authorization = gatewayContext.connectionParams
        ? fromConnectionParams(gatewayContext.connectionParams)
        : (gatewayContext.request?.headers.get('authorization') ?? undefined);
      const viewer = await verifier.viewerFromHeader(authorization);
      extendContext({ viewer, authorization });
    },
  };
}

/** Close reasons travel in one WebSocket frame: at most 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * graphql-ws `onConnect`: accepts a connection only with a valid token in its connection params,
 * else closes it with 4403 and a reason that says what to send (returning `false` alone would
 * close with a bare "Forbidden").
 */
export async function authorizeConnection(
  verifier: TokenVerifier,
  ctx: WsContext<Record<string, unknown> | undefined, Extra>,
): Promise<boolean> {
  const authorization = fromConnectionParams(ctx.connectionParams);
  let reason = authorization
    ? await verifier.viewerFromHeader(authorization).then(
        () => undefined,
        (error: Error) => error.message,
      )
    : 'Send connectionParams.authorization: "Bearer <token>" (pnpm token prints one).';
  if (reason === undefined) return true;
  while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1);
  ctx.extra.socket.close(CloseCode.Forbidden, reason);
  return false;
}
