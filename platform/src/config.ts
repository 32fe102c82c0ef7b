import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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

/**
 * Reads typed values from an environment, collecting every problem before failing once. Any variable
 * can come from a file instead: `NAME_FILE` names a file whose contents, trimmed, are the value (how
 * Docker and Kubernetes hand secrets over, so none sits in the environment or the compose file).
 */
export class EnvReader {
  private readonly problems: string[] = [];
  // a variable read twice (an optional one, then validated) reads its file and reports its problem once
  private readonly values = new Map<string, string | undefined>();
  constructor(private readonly env: Env = process.env) {}

  /** The variable's value, or its file's; undefined when neither is set (an empty value is unset). */
  private value(name: string): string | undefined {
    if (!this.values.has(name)) this.values.set(name, this.readValue(name));
    return this.values.get(name);
  }

  private readValue(name: string): string | undefined {
    const value = this.env[name] || undefined;
    const file = this.env[`${name}_FILE`] || undefined;
    if (file === undefined) return value;
    if (value !== undefined) {
      this.problems.push(`${name} and ${name}_FILE are both set: set one`);
      return undefined;
    }
    let contents: string;
    try {
      contents = readFileSync(file, 'utf8').trim();
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      this.problems.push(`${name}_FILE must name a readable file, got "${file}" (${reason})`);
      return undefined;
    }
    if (contents === '') this.problems.push(`${name}_FILE names an empty file: "${file}"`);
    return contents || undefined;
  }

  string(name: string, fallback: string): string {
    return this.value(name) ?? fallback;
  }

  optional(name: string): string | undefined {
    return this.value(name);
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.value(name);
    if (raw === undefined) return fallback;
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

  /** An address to listen on: an IP address (0.0.0.0 for every interface) or a host name. */
  host(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    if (isIP(raw) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(raw)) {
      this.problems.push(
        `${name} must be an address to listen on, such as 127.0.0.1 or 0.0.0.0, got "${raw}"`,
      );
      return fallback;
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
  /**
   * `HOST`: the address the server listens on. @default 127.0.0.1 (this machine only); the images set
   * 0.0.0.0, since in a container the other services call from outside it
   */
  host: string;
  /**
   * `MYSQL_URL`, mysql://user:password@host:port (no database: each service names its own), with
   * `MYSQL_PASSWORD` (or `MYSQL_PASSWORD_FILE`) as its password when that is set. The account the service
   * runs every query of its work with.
   */
  mysqlUrl: string;
  /**
   * `MYSQL_OWNER_URL`, with `MYSQL_OWNER_PASSWORD` (or `_FILE`): the account that owns the service's
   * database. When set, it creates the database, runs the migrations and grants the MYSQL_URL account
   * what that needs on its tables, and nothing else (database.ts, `openDatabase`); unset, the MYSQL_URL
   * account does all of that itself.
   */
  mysqlOwnerUrl?: string;
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
  /**
   * `GATEWAY_SECRET` (or `GATEWAY_SECRET_FILE`): what the gateway signs the requests it forwards with and
   * the subgraphs verify them with (gateway-pass.ts); held by the gateway, the subgraphs and the tools
   * that read a subgraph directly, never by users. At least 32 characters; required in production.
   */
  gatewaySecret: string;
}

/** The development gateway secret: fixed, so a developer's servers and tools agree with no setup. */
export const DEVELOPMENT_GATEWAY_SECRET = 'pb-development-gateway-secret-change-me-in-production';

/** The development secret: a fixed value so `pnpm run token` and the servers agree with no setup. */
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
  const gatewaySecret = reader.optional('GATEWAY_SECRET');
  if (environment === 'production' && (!gatewaySecret || gatewaySecret === DEVELOPMENT_GATEWAY_SECRET)) {
    reader.problem(
      'GATEWAY_SECRET must be set (not the development secret) when NODE_ENV=production: openssl rand -base64 48',
    );
  }
  if (gatewaySecret !== undefined && gatewaySecret.length < 32) {
    reader.problem('GATEWAY_SECRET must be at least 32 characters');
  }
  return {
    environment,
    logLevel: reader.string('LOG_LEVEL', environment === 'test' ? 'warn' : 'info'),
    host: reader.host('HOST', '127.0.0.1'),
    ...readMysqlAccounts(reader),
    redisUrl: reader.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisNamespace: reader.string('REDIS_NAMESPACE', 'pb'),
    auth: {
      secret,
      jwks,
      issuer: reader.string('JWT_ISSUER', 'party-building-platform'),
      audience: reader.string('JWT_AUDIENCE', 'party-building-graph'),
      gatewaySecret: gatewaySecret ?? DEVELOPMENT_GATEWAY_SECRET,
    },
    operationLimits: readOperationLimits(reader),
  };
}

/** MYSQL_URL and MYSQL_OWNER_URL, each with its password put in; the two must be accounts of one server. */
function readMysqlAccounts(reader: EnvReader): Pick<CommonConfig, 'mysqlUrl' | 'mysqlOwnerUrl'> {
  const mysqlUrl = readMysqlUrl(reader, 'MYSQL_URL', 'MYSQL_PASSWORD', 'mysql://root@127.0.0.1:3306');
  if (reader.optional('MYSQL_OWNER_URL') === undefined) {
    if (reader.optional('MYSQL_OWNER_PASSWORD') !== undefined) {
      reader.problem('MYSQL_OWNER_PASSWORD is set but MYSQL_OWNER_URL is not: set both, or neither');
    }
    return { mysqlUrl };
  }
  const mysqlOwnerUrl = readMysqlUrl(
    reader,
    'MYSQL_OWNER_URL',
    'MYSQL_OWNER_PASSWORD',
    'mysql://root@127.0.0.1:3306',
  );
  if (URL.canParse(mysqlUrl) && URL.canParse(mysqlOwnerUrl)) {
    const service = new URL(mysqlUrl);
    const owner = new URL(mysqlOwnerUrl);
    if (service.host !== owner.host) {
      reader.problem(
        `MYSQL_OWNER_URL must name the server of MYSQL_URL (${service.host}), got ${owner.host}: the owner grants the service its tables there`,
      );
    } else if (
      decodeURIComponent(service.username || 'root') === decodeURIComponent(owner.username || 'root')
    ) {
      reader.problem(
        'MYSQL_URL and MYSQL_OWNER_URL name the same account: give the service an account of its own, or unset MYSQL_OWNER_URL',
      );
    }
  }
  return { mysqlUrl, mysqlOwnerUrl };
}

/**
 * A MySQL URL with its password variable put in: the password can then come from a secret file
 * (MYSQL_PASSWORD_FILE, the file MySQL's image reads as MYSQL_ROOT_PASSWORD_FILE) and stay out of the URL.
 */
function readMysqlUrl(reader: EnvReader, urlName: string, passwordName: string, fallback: string): string {
  const mysqlUrl = reader.url(urlName, fallback, ['mysql:']);
  const password = reader.optional(passwordName);
  if (password === undefined || !URL.canParse(mysqlUrl)) return mysqlUrl;
  const url = new URL(mysqlUrl);
  if (url.password !== '') {
    reader.problem(`${urlName} has a password and ${passwordName} is set: set one`);
    return mysqlUrl;
  }
  // encoded here, as the database bootstrap decodes it; the URL setter leaves a `%` as it is, misread then
  url.password = encodeURIComponent(password);
  return url.toString();
}
