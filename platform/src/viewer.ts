import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { AuthConfig } from './config.js';
import { badInput, forbidden, unauthenticated } from './errors.js';
import { isRegionCode, isWithinRegion } from './region-scope.js';

/**
 * Roles, from the verified token:
 * - `wall` reads aggregates only (statistics, alerts counts);
 * - `analyst` reads every record in its region, personal data masked;
 * - `operator` records data in its region (and reads it, masked);
 * - `admin` does everything, personal data included;
 * - `auditor` reads the audit log of personal-data reads in its region, and nothing else: checking who
 *   read what needs no figures or records, and an auditor who could read them would be auditing reads
 *   of the same kind as its own (regions, being public reference data, it reads as anyone does).
 */
export const ROLES = ['wall', 'analyst', 'operator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'read:aggregates'
  | 'read:records'
  | 'read:personal'
  | 'write:records'
  | 'read:audit';

const GRANTS: Record<Role, readonly Permission[]> = {
  wall: ['read:aggregates'],
  analyst: ['read:aggregates', 'read:records'],
  operator: ['read:aggregates', 'read:records', 'write:records'],
  admin: ['read:aggregates', 'read:records', 'read:personal', 'write:records', 'read:audit'],
  auditor: ['read:audit'],
};

/** The roles that grant a permission, for messages that tell a refused user which token to ask for. */
export function rolesAllowing(permission: Permission): Role[] {
  return ROLES.filter((role) => GRANTS[role].includes(permission));
}

/** Who is asking, as the token says; every read is scoped by `regionCode` (null: national). */
export class Viewer {
  constructor(
    readonly subject: string,
    readonly roles: readonly Role[],
    readonly regionCode: string | null,
  ) {}

  can(permission: Permission): boolean {
    return this.roles.some((role) => GRANTS[role].includes(permission));
  }

  /** Throws FORBIDDEN naming the missing permission and the roles that have it. */
  require(permission: Permission): void {
    if (!this.can(permission)) {
      throw forbidden(
        `Your role (${this.roles.join(', ') || 'none'}) does not allow ${permission}; ask for a token with the role ${rolesAllowing(permission).join(' or ')}.`,
      );
    }
  }

  /**
   * The region a read or write applies to: the requested one if it lies within the viewer's region,
   * the viewer's own region when none is requested.
   */
  scope(requested: string | null | undefined, field = 'regionCode'): string | null {
    if (requested === null || requested === undefined) return this.regionCode;
    if (!isRegionCode(requested)) {
      throw badInput(field, `${field} must be a 6-digit administrative division code, got "${requested}".`);
    }
    if (!isWithinRegion(requested, this.regionCode)) {
      throw forbidden(`Region ${requested} is outside your region ${this.regionCode}.`);
    }
    return requested;
  }

  /** Throws FORBIDDEN unless `code` lies within the viewer's region. */
  requireWithin(code: string): void {
    if (!isWithinRegion(code, this.regionCode)) {
      throw forbidden(`Region ${code} is outside your region ${this.regionCode}.`);
    }
  }
}

export interface TokenClaims {
  subject: string;
  roles: Role[];
  regionCode?: string | null;
}

/** Verifies bearer tokens against an HS256 secret (development) or a key set (production). */
export class TokenVerifier {
  /**
   * Tokens verified in the last minute, so a client sending the same token with every request (a wall, an
   * operator's script at 100 requests a second) costs one signature check a minute, not one per request.
   * An entry never outlives its token's expiry; a key rotation takes effect within the minute.
   */
  private readonly verified = new Map<string, { payload: JWTPayload; until: number }>();
  private static readonly REMEMBER_MS = 60_000;
  private static readonly REMEMBER_MAX = 1024;

  private constructor(
    private readonly key: Uint8Array | JWTVerifyGetKey,
    private readonly config: AuthConfig,
  ) {}

  static async create(config: AuthConfig): Promise<TokenVerifier> {
    if (config.jwks) {
      const key = config.jwks.startsWith('https://')
        ? createRemoteJWKSet(new URL(config.jwks))
        : createLocalJWKSet(JSON.parse(await readFile(config.jwks, 'utf8')));
      return new TokenVerifier(key, config);
    }
    if (!config.secret) throw new Error('auth needs JWT_SECRET or JWT_JWKS');
    return new TokenVerifier(new TextEncoder().encode(config.secret), config);
  }

  /** Builds the viewer from an `Authorization` header value; UNAUTHENTICATED when absent or invalid. */
  async viewerFromHeader(header: string | null | undefined): Promise<Viewer> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) {
      throw unauthenticated('Send a bearer token in the Authorization header (pnpm run token prints one).');
    }
    const remembered = this.verified.get(token);
    if (remembered && remembered.until > Date.now()) return viewerFromClaims(remembered.payload);
    if (remembered) this.verified.delete(token);
    let payload: JWTPayload;
    try {
      const options = { issuer: this.config.issuer, audience: this.config.audience };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, { ...options, algorithms: ['HS256'] })).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'invalid token';
      throw unauthenticated(`The bearer token was rejected (${reason}); get a new one.`);
    }
    const viewer = viewerFromClaims(payload);
    this.remember(token, payload);
    return viewer;
  }

  private remember(token: string, payload: JWTPayload): void {
    const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
    const until = Math.min(expires, Date.now() + TokenVerifier.REMEMBER_MS);
    if (this.verified.size >= TokenVerifier.REMEMBER_MAX) {
      // the oldest entry goes first (a Map iterates in insertion order)
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { payload, until });
  }
}

function viewerFromClaims(payload: JWTPayload): Viewer {
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter((r): r is Role => (ROLES as readonly unknown[]).includes(r))
    : [];
  if (!payload.sub || roles.length === 0) {
    throw unauthenticated('The token names no subject or no known role; get a new one.');
  }
  const region = payload.region;
  if (region !== undefined && region !== null && (typeof region !== 'string' || !isRegionCode(region))) {
    throw unauthenticated('The token carries an invalid region; get a new one.');
  }
  return new Viewer(payload.sub, roles, typeof region === 'string' ? region : null);
}

/** Signs an HS256 token, for development and tests only. */
export async function signDevelopmentToken(
  claims: TokenClaims,
  config: AuthConfig,
  expiresIn = '12h',
): Promise<string> {
  if (!config.secret) throw new Error('signing a development token needs JWT_SECRET');
  return new SignJWT({ roles: claims.roles, region: claims.regionCode ?? null })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.secret));
}
