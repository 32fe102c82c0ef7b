import { type OperationLimits, readOperationLimits } from './operation-limits.js';

/**
 * Environment configuration, read once and validated. Every variable has a default that works on a
 * developer's machine (MariaDB and Redis on their standard ports); a wrong value is an error that names
 * the variable and says what it should look like.
 */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads typed values from an environment, collecting every problem before failing once. */
export class EnvReader {
  private readonly problems: string[] = [];
  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const raw = this.string(name, fallback);
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${raw}"`);
      }
    } catch {
      this.problems.push(`${name} must be a URL such as ${fallback}, got "${raw}"`);
    }
    return raw;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.string(name, fallback);
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one ConfigError listing every problem found, if any. */
  done(): void {
    if (this.problems.length > 0) {
      throw new ConfigError(`Invalid configuration:\n  - ${this.problems.join('\n  - ')}`);
    }
  }
}

export type Environment = 'development' | 'test' | 'production';

/** Settings every server of the platform shares. */
export interface CommonConfig {
  environment: Environment;
  logLevel: string;
  /** mysql://user:password@host:port (no database: each service names its own). */
  mysqlUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key, stream and channel of one system (tests run their own). */
  redisNamespace: string;
  auth: AuthConfig;
  /** The limits every operation meets, at the gateway and in each subgraph (`GRAPHQL_MAX_*`). */
  operationLimits: OperationLimits;
}

export interface AuthConfig {
  /** HS256 secret, used in development and test. */
  secret?: string;
  /** A JSON Web Key Set (file path or https URL), required in production. */
  jwks?: string;
  issuer: string;
  audience: string;
}

/** The development secret: a fixed value so `pnpm token` and the servers agree with no setup. */
export const DEVELOPMENT_JWT_SECRET = 'pb-development-secret-change-me-in-production';

export function readCommonConfig(reader: EnvReader): CommonConfig {
  const environment = reader.oneOf<Environment>('NODE_ENV', 'development', [
    'development',
    'test',
    'production',
  ]);
  const jwks = reader.optional('JWT_JWKS');
  let secret = reader.optional('JWT_SECRET');
  if (environment === 'production') {
    if (!jwks && !secret) reader.problem('JWT_JWKS (a key set) is required when NODE_ENV=production');
    if (secret && secret === DEVELOPMENT_JWT_SECRET) {
      reader.problem('JWT_SECRET must not be the development secret when NODE_ENV=production');
    }
  } else if (!jwks) {
    secret ??= DEVELOPMENT_JWT_SECRET;
  }
  if (secret !== undefined && secret.length < 32) {
    reader.problem('JWT_SECRET must be at least 32 characters');
  }
  return {
    environment,
    logLevel: reader.string('LOG_LEVEL', environment === 'test' ? 'warn' : 'info'),
    mysqlUrl: reader.url('MYSQL_URL', 'mysql://root@127.0.0.1:3306', ['mysql:']),
    redisUrl: reader.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisNamespace: reader.string('REDIS_NAMESPACE', 'pb'),
    auth: {
      secret,
      jwks,
      issuer: reader.string('JWT_ISSUER', 'party-building-platform'),
      audience: reader.string('JWT_AUDIENCE', 'party-building-graph'),
    },
    operationLimits: readOperationLimits(reader),
  };
}
