import { randomBytes } from 'node:crypto';
import { EnvReader, readCommonConfig } from './config.js';
import { dropDatabase } from './database.js';
import { connectRedis } from './redis.js';
import { type Role, signDevelopmentToken } from './viewer.js';

/**
 * The one test harness for a single subgraph: a database and a Redis namespace of its own on the real
 * servers, tokens for any role, and a GraphQL client. Cross-service scenarios live in `tests/`.
 */
export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export function testEnvironment(service: string) {
  const id = randomBytes(4).toString('hex');
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const common = readCommonConfig(reader);
  reader.done();
  const database = `pbt_${id}_${service.replace(/-/g, '_')}`;
  const redisNamespace = `pbt:${id}`;
  return {
    common: { ...common, redisNamespace },
    database,
    token: (role: Role, regionCode: string | null = null) =>
      signDevelopmentToken({ subject: `test-${role}`, roles: [role], regionCode }, common.auth),
    /** Drops the database and the Redis keys the test made. */
    async cleanUp(): Promise<void> {
      await dropDatabase(common.mysqlUrl, database);
      const redis = await connectRedis(common.redisUrl, 'test-cleanup');
      const keys = await redis.keys(`${redisNamespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/** POSTs an operation to a GraphQL endpoint with a bearer token (none when null). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}
