import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEVELOPMENT_GATEWAY_SECRET,
  DEVELOPMENT_JWT_SECRET,
  EnvReader,
  readCommonConfig,
} from './config.js';

function read(env: Record<string, string>) {
  const reader = new EnvReader(env);
  const config = readCommonConfig(reader);
  reader.done();
  return config;
}

describe('configuration', () => {
  it('defaults to a working developer machine', () => {
    const config = read({});
    expect(config).toMatchObject({
      environment: 'development',
      host: '127.0.0.1',
      mysqlUrl: 'mysql://root@127.0.0.1:3306',
      redisUrl: 'redis://127.0.0.1:6379',
      redisNamespace: 'pb',
      auth: { secret: DEVELOPMENT_JWT_SECRET },
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      read({ MYSQL_URL: 'postgres://x', REDIS_URL: 'nonsense', NODE_ENV: 'staging' }),
    ).toThrowError(ConfigError);
    try {
      read({ MYSQL_URL: 'postgres://x', REDIS_URL: 'nonsense', NODE_ENV: 'staging' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('MYSQL_URL must be a mysql: URL');
      expect(message).toContain('REDIS_URL must be a URL');
      expect(message).toContain('NODE_ENV must be one of development, test, production');
    }
  });

  it('refuses production without a key set or with the development secret', () => {
    expect(() => read({ NODE_ENV: 'production' })).toThrowError(/JWT_JWKS/);
    expect(() => read({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrowError(
      /must not be the development secret/,
    );
  });

  it('refuses production without its own gateway secret, and a short one anywhere', () => {
    const jwt = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
    expect(() => read(jwt)).toThrowError(/GATEWAY_SECRET must be set/);
    expect(() => read({ ...jwt, GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET })).toThrowError(
      /GATEWAY_SECRET must be set \(not the development secret\)/,
    );
    expect(() => read({ GATEWAY_SECRET: 'short' })).toThrowError(/GATEWAY_SECRET must be at least 32/);
    const secret = 'a-production-gateway-secret-of-32-characters';
    expect(read({ ...jwt, GATEWAY_SECRET: secret }).auth.gatewaySecret).toBe(secret);
  });

  it('checks integers against their bounds', () => {
    const reader = new EnvReader({ PORT: '70000' });
    expect(reader.int('PORT', 4000, { max: 65535 })).toBe(4000);
    expect(() => reader.done()).toThrowError(/PORT must be an integer from 0 to 65535, got "70000"/);
  });

  it('listens where HOST says, and refuses what cannot be listened on', () => {
    expect(read({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(read({ HOST: '::' }).host).toBe('::');
    expect(() => read({ HOST: 'http://0.0.0.0' })).toThrowError(/HOST must be an address to listen on/);
  });
});

describe('secrets from files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const secret = (name: string, contents: string) => {
    const path = join(dir, name);
    writeFileSync(path, contents);
    return path;
  };
  const productionSecret = 'a-production-secret-of-at-least-32-characters';

  it('reads NAME_FILE, trimmed, as NAME', () => {
    const config = read({
      NODE_ENV: 'production',
      JWT_SECRET_FILE: secret('jwt', `${productionSecret}\n`),
      GATEWAY_SECRET_FILE: secret('gateway', `${productionSecret}-gateway\n`),
    });
    expect(config.auth.secret).toBe(productionSecret);
  });

  it('refuses a variable set both ways, a missing file and an empty one', () => {
    expect(() =>
      read({ JWT_SECRET: productionSecret, JWT_SECRET_FILE: secret('jwt', productionSecret) }),
    ).toThrowError(/JWT_SECRET and JWT_SECRET_FILE are both set/);
    expect(() => read({ JWT_SECRET_FILE: join(dir, 'absent') })).toThrowError(
      /JWT_SECRET_FILE must name a readable file, got ".*absent" \(ENOENT\)/,
    );
    expect(() => read({ JWT_SECRET_FILE: secret('empty', '\n') })).toThrowError(
      /JWT_SECRET_FILE names an empty file/,
    );
  });

  it('still refuses the development secret in production when it comes from a file', () => {
    expect(() =>
      read({ NODE_ENV: 'production', JWT_SECRET_FILE: secret('dev', DEVELOPMENT_JWT_SECRET) }),
    ).toThrowError(/must not be the development secret/);
  });

  it('puts MYSQL_PASSWORD (from its file) into MYSQL_URL, encoded, and refuses a second password', () => {
    const config = read({
      MYSQL_URL: 'mysql://root@mysql:3306',
      MYSQL_PASSWORD_FILE: secret('mysql', 'p@ss:w/rd%41\n'),
    });
    expect(config.mysqlUrl).toBe('mysql://root:p%40ss%3Aw%2Frd%2541@mysql:3306');
    expect(decodeURIComponent(new URL(config.mysqlUrl).password)).toBe('p@ss:w/rd%41');
    expect(() => read({ MYSQL_URL: 'mysql://root:one@mysql:3306', MYSQL_PASSWORD: 'two' })).toThrowError(
      /MYSQL_URL has a password and MYSQL_PASSWORD is set/,
    );
  });

  it('reads the owner account (MYSQL_OWNER_URL with its password) only when set, on the same server', () => {
    expect(read({}).mysqlOwnerUrl).toBeUndefined();
    const config = read({
      MYSQL_URL: 'mysql://pb_party_work@mysql:3306',
      MYSQL_PASSWORD: 'service',
      MYSQL_OWNER_URL: 'mysql://root@mysql:3306',
      MYSQL_OWNER_PASSWORD_FILE: secret('owner', 'own:er\n'),
    });
    expect(config).toMatchObject({
      mysqlUrl: 'mysql://pb_party_work:service@mysql:3306',
      mysqlOwnerUrl: 'mysql://root:own%3Aer@mysql:3306',
    });
    expect(() => read({ MYSQL_OWNER_PASSWORD: 'x' })).toThrowError(
      /MYSQL_OWNER_PASSWORD is set but MYSQL_OWNER_URL is not/,
    );
    expect(() =>
      read({ MYSQL_URL: 'mysql://pb@mysql:3306', MYSQL_OWNER_URL: 'mysql://root@elsewhere:3306' }),
    ).toThrowError(/MYSQL_OWNER_URL must name the server of MYSQL_URL \(mysql:3306\)/);
    expect(() => read({ MYSQL_OWNER_URL: 'mysql://root:x@127.0.0.1:3306' })).toThrowError(
      /MYSQL_URL and MYSQL_OWNER_URL name the same account/,
    );
  });
});
