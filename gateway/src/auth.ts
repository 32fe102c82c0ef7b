import { createHash, randomUUID } from 'node:crypto';
import type { GatewayContext, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GATEWAY_PASS_HEADER, type GatewayPassSigner, validClientRequestId } from '@pb/platform/gateway-pass';
import type { TokenVerifier, Viewer } from '@pb/platform/viewer';

/** What {@link useBearerAuth} adds to the context of every operation. */
export interface AuthContext {
  viewer: Viewer;
  /** The verified `Authorization` value (the front door keys its rate limits by it). */
  authorization: string;
  /**
   * The viewer's pass for graphql-ws connections to the subgraphs: the transport entries interpolate it
   * as `{context.gatewayPass}`, and key their upstream connections by it, so each viewer (and token
   * lifetime) has its own, never shared with another viewer.
   */
  gatewayPass: string;
  /**
   * Names the viewer (subject, roles, region) in a header of every subgraph request: the HTTP executor
   * merges identical requests in flight, keyed by body and headers, and must merge only one viewer's;
   * never another's, whose pass and audit trail differ.
   */
  viewerKey: string;
  /** This gateway's id of the operation: the subgraphs log it and write it into the audit trail. */
  requestId: string;
  /** The client's own `x-request-id`, when it is a plain identifier of at most 64 characters. */
  clientRequestId: string | null;
}

/** The token a graphql-ws client sent in its `ConnectionInit` payload, under either spelling. */
export function fromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

const DAY_MS = 86_400_000;

/**
 * The connection pass and the viewer key of each token seen lately: the same for every operation of a
 * token (a wall's, an operator's script), so made once, not per operation. Bounded; a token evicted is
 * only made again.
 */
class ViewerPasses {
  private readonly made = new Map<string, { gatewayPass: string; viewerKey: string; until: number }>();
  private static readonly MAX = 2048;

  constructor(private readonly signer: GatewayPassSigner) {}

  of(authorization: string, viewer: Viewer): { gatewayPass: string; viewerKey: string; until: number } {
    const known = this.made.get(authorization);
    // a pass that ends within the hour is made anew (a token without an expiry gets a later day's)
    if (known && known.until - Date.now() > 3_600_000) return known;
    const until = connectionPassExpiry(authorization);
    const passes = {
      until,
      gatewayPass: this.signer.forConnection(viewer, until),
      viewerKey: createHash('sha256')
        .update(JSON.stringify([viewer.subject, viewer.roles, viewer.regionCode]))
        .digest('base64url')
        .slice(0, 22),
    };
    if (!known && this.made.size >= ViewerPasses.MAX) {
      this.made.delete(this.made.keys().next().value as string);
    }
    this.made.set(authorization, passes);
    return passes;
  }
}

/**
 * Puts the viewer, its gateway pass and the request ids in the context of every operation. The front
 * door has verified the token before parsing for `/graphql` and graphql-ws (it arrives in the server
 * context); anything else that reaches the runtime (the CSV export's inner request) is verified here.
 * Without a valid token the operation fails with `UNAUTHENTICATED` before anything reaches a subgraph.
 */
export function useBearerAuth(
  verifier: TokenVerifier,
  signer: GatewayPassSigner,
): GatewayPlugin<AuthContext> {
  const viewerPasses = new ViewerPasses(signer);
  return {
    async onContextBuilding({ context, extendContext }) {
      const gatewayContext = context as Partial<GatewayContext & AuthContext>;
      let { viewer, authorization } = gatewayContext;
      if (!viewer || !authorization) {
        // over graphql-ws the upgrade request's headers are not the client's to choose (browsers
        // cannot set them), so only the connection params count there
        authorization = gatewayContext.connectionParams
          ? fromConnectionParams(gatewayContext.connectionParams)
          : (gatewayContext.request?.headers.get('authorization') ?? undefined);
        viewer = await verifier.viewerFromHeader(authorization);
      }
      extendContext({
        viewer,
        authorization: authorization as string,
        ...viewerPasses.of(authorization as string, viewer),
        requestId: randomUUID(),
        clientRequestId: gatewayContext.connectionParams
          ? null
          : validClientRequestId(gatewayContext.request?.headers.get('x-request-id')),
      });
    },
    // every HTTP request to a subgraph carries a pass naming its body, made here where the body is final
    onFetch({ context, options, setOptions }) {
      const { viewer, requestId, clientRequestId } = context as Partial<AuthContext>;
      if (!viewer || !requestId) return;
      const body = typeof options.body === 'string' ? options.body : '';
      const pass = signer.forRequest(viewer, body, { requestId, clientRequestId });
      setOptions({ ...options, headers: { ...options.headers, [GATEWAY_PASS_HEADER]: pass } });
    },
  };
}

/**
 * A connection pass lasts as long as the user's token (verified already; only its expiry is read
 * here). A token without one gets the end of the next UTC day: the same value all day, so the upstream
 * connections keyed by the pass stay shared, and never a pass that lasts for ever.
 */
function connectionPassExpiry(authorization: string): number {
  const claims = authorization.replace(/^Bearer\s+/i, '').split('.')[1] ?? '';
  try {
    const { exp } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof exp === 'number') return exp * 1000;
  } catch {
    // verified by the caller; a token whose claims are not JSON has no expiry to follow
  }
  return (Math.floor(Date.now() / DAY_MS) + 2) * DAY_MS;
}
