import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { unauthenticated } from './errors.js';
import { ROLES, type Role, Viewer } from './viewer.js';

/**
 * The gateway pass: how a subgraph knows that a request comes from the gateway, and for whom.
 *
 * The subgraphs sit behind the gateway, which applies the limits, verifies the user's token and keeps
 * introspection to those allowed it. A subgraph that trusted user tokens could be called around all of
 * that by anyone who reaches its port. So the gateway, once it has verified the user, signs what it
 * forwards with a secret only it and the subgraphs hold (`GATEWAY_SECRET`), and a subgraph refuses
 * anything else with 401 before it reads the body.
 *
 * - Over HTTP each request carries its own pass in the {@link GATEWAY_PASS_HEADER} header: the viewer,
 *   the gateway's request id (and the client's own, validated), the time, a nonce, and the SHA-256 of
 *   the body. The subgraph checks the MAC, that the pass is fresh ({@link PASS_MAX_AGE_MS}), that the
 *   body is the one signed, and that the nonce was never seen (kept in Redis, so every replica knows):
 *   a captured request replayed, or its body changed, is refused.
 * - Over graphql-ws the pass is in the connection params. It cannot be one-shot: graphql-ws sends the
 *   same params again when it reconnects (a subgraph restarted, a network blip), and the gateway keys
 *   its upstream connections by them. So it names the viewer and lasts as long as the user's token,
 *   which is what a captured bearer token gives today; it is still unforgeable without the secret.
 *
 * Tools that read a subgraph directly (resync, the gateway's readiness probe, schema checks, tests)
 * sign their own pass with the same secret, as a named service viewer; there is no other door.
 */

/** The header a request to a subgraph carries its pass in. */
export const GATEWAY_PASS_HEADER = 'x-pb-gateway-pass';
/** The connection param a graphql-ws connection to a subgraph carries its pass in. */
export const GATEWAY_PASS_PARAM = 'gatewayPass';
/**
 * How old a request's pass may be when it arrives (clock skew between hosts, a request queued under
 * load), and how long its nonce is remembered: after that the age alone refuses a replay.
 */
export const PASS_MAX_AGE_MS = 60_000;

/** Who a pass speaks for: the viewer as the gateway verified it. */
export interface PassViewer {
  subject: string;
  roles: readonly Role[];
  regionCode: string | null;
}

interface RequestPayload {
  k: 'request';
  s: string;
  r: readonly Role[];
  g: string | null;
  /** the gateway's request id */
  q: string;
  /** the client's own request id, validated, or null */
  c: string | null;
  /** issued at, ms since the epoch */
  t: number;
  n: string;
  /** SHA-256 of what the request carries (its body; a GET's query string), base64url */
  h: string;
}

interface ConnectionPayload {
  k: 'connection';
  s: string;
  r: readonly Role[];
  g: string | null;
  /** expires at, ms since the epoch */
  e: number;
}

/** What a verified request pass tells the subgraph. */
export interface VerifiedRequest {
  viewer: Viewer;
  requestId: string;
  clientRequestId: string | null;
}

/** The hash a request pass binds: of the body when there is one, of the query string otherwise. */
export function passContentHash(content: string): string {
  return createHash('sha256').update(content).digest('base64url');
}

/** Signs passes; the gateway holds one, and so does each tool that reads a subgraph directly. */
export class GatewayPassSigner {
  constructor(private readonly secret: string) {}

  /** The pass for one HTTP request whose body (or GET query string) is `content`. */
  forRequest(
    viewer: PassViewer,
    content: string,
    ids: { requestId: string; clientRequestId?: string | null },
  ): string {
    const payload: RequestPayload = {
      k: 'request',
      s: viewer.subject,
      r: viewer.roles,
      g: viewer.regionCode,
      q: ids.requestId,
      c: ids.clientRequestId ?? null,
      t: Date.now(),
      n: randomBytes(12).toString('base64url'),
      h: passContentHash(content),
    };
    return sign(this.secret, payload);
  }

  /**
   * The pass for a graphql-ws connection, valid until `expiresAt` (the user's token's expiry). The same
   * viewer and expiry give the same pass, so the gateway's upstream connections stay shared per viewer.
   */
  forConnection(viewer: PassViewer, expiresAt: number): string {
    const payload: ConnectionPayload = {
      k: 'connection',
      s: viewer.subject,
      r: viewer.roles,
      g: viewer.regionCode,
      e: expiresAt,
    };
    return sign(this.secret, payload);
  }

  /** Headers for a tool's own POST of `body` to a subgraph. */
  headersFor(viewer: PassViewer, body: string, requestId: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      [GATEWAY_PASS_HEADER]: this.forRequest(viewer, body, { requestId }),
    };
  }
}

/** Remembers nonces, so a pass works once; Redis in the subgraphs, so every replica refuses a replay. */
export interface NonceStore {
  /** True the first time `nonce` is offered within `ttlMs`, false after. */
  firstUse(nonce: string, ttlMs: number): Promise<boolean>;
}

export function redisNonceStore(redis: Redis, namespace: string): NonceStore {
  return {
    async firstUse(nonce, ttlMs) {
      return (await redis.set(`${namespace}:gateway-pass:${nonce}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}

const REFUSED =
  'This subgraph answers only the gateway: send the request to the gateway with your token (pnpm run token prints one).';

/** A subgraph's check of the passes it receives; every refusal is UNAUTHENTICATED with one message. */
export class GatewayPassVerifier {
  constructor(
    private readonly secret: string,
    private readonly nonces: NonceStore,
  ) {}

  /**
   * Checks a request's pass before its body is read: the MAC and the age. Returns the pass's claims and
   * what {@link checkContent} needs; throws UNAUTHENTICATED.
   */
  verifyRequestHeader(header: string | null | undefined): VerifiedRequest & { pass: RequestPayload } {
    const payload = verify<RequestPayload>(this.secret, header);
    if (payload?.k !== 'request' || !isFresh(payload.t)) throw unauthenticated(REFUSED);
    return {
      pass: payload,
      viewer: viewerOf(payload),
      requestId: payload.q,
      clientRequestId: payload.c,
    };
  }

  /** Checks that the body (or query string) is the one signed and that the pass was not used before. */
  async checkContent(pass: RequestPayload, content: string): Promise<void> {
    const expected = Buffer.from(pass.h);
    const actual = Buffer.from(passContentHash(content));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      throw unauthenticated(REFUSED);
    }
    if (!(await this.nonces.firstUse(pass.n, PASS_MAX_AGE_MS * 2))) throw unauthenticated(REFUSED);
  }

  /** The viewer of a graphql-ws connection from its connection params; throws UNAUTHENTICATED. */
  verifyConnection(params: Readonly<Record<string, unknown>> | undefined): Viewer {
    const value = params?.[GATEWAY_PASS_PARAM];
    const payload = verify<ConnectionPayload>(this.secret, typeof value === 'string' ? value : null);
    if (payload?.k !== 'connection' || !(payload.e > Date.now())) throw unauthenticated(REFUSED);
    return viewerOf(payload);
  }
}

function sign(secret: string, payload: RequestPayload | ConnectionPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `v1.${body}.${mac(secret, body)}`;
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');
}

/** The payload of a well-formed pass whose MAC is right, or undefined. */
function verify<T>(secret: string, pass: string | null | undefined): T | undefined {
  if (!pass || pass.length > 4096) return undefined;
  const [version, body, signature, extra] = pass.split('.');
  if (version !== 'v1' || !body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, body));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

function isFresh(issuedAt: number): boolean {
  return typeof issuedAt === 'number' && Math.abs(Date.now() - issuedAt) <= PASS_MAX_AGE_MS;
}

function viewerOf(payload: { s: string; r: readonly Role[]; g: string | null }): Viewer {
  // the MAC says the gateway wrote these; the check keeps a role a newer gateway knows from meaning
  // anything here
  const roles = Array.isArray(payload.r) ? payload.r.filter((role) => ROLES.includes(role)) : [];
  return new Viewer(String(payload.s), roles, payload.g ?? null);
}

/**
 * A client's own `x-request-id`, kept only when it is a plain identifier of at most 64 characters; the
 * gateway's id is the one that names a request in logs and the audit trail.
 */
export function validClientRequestId(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9._:-]{1,64}$/.test(value) ? value : null;
}
