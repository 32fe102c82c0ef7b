import type { GatewayContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { TokenVerifier, Viewer } from '@pb/platform';

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
export function fromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Puts the viewer and the token in the context of every operation. The front door has verified them
 * before parsing for `/graphql` and graphql-ws (they arrive in the server context); anything else that
 * reaches the runtime (the CSV export's inner request) is verified here. Without a valid token the
 * operation fails with `UNAUTHENTICATED` before anything reaches a subgraph.
 */
export function useBearerAuth(verifier: TokenVerifier): GatewayPlugin<AuthContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      const gatewayContext = context as Partial<GatewayContext & AuthContext>;
      if (gatewayContext.viewer && gatewayContext.authorization) return;
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
