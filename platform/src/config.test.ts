import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_JWT_SECRET, EnvReader, readCommonConfig } from './config.js';

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

  it('checks integers against their bounds', () => {
    const reader = new EnvReader({ PORT: '70000' });
    expect(reader.int('PORT', 4000, { max: 65535 })).toBe(4000);
    expect(() => reader.done()).toThrowError(/PORT must be an integer from 0 to 65535, got "70000"/);
  });
});
