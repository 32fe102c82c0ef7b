import { Redis } from 'ioredis';
import { DependencyUnavailableError } from './database.js';

/**
 * Opens a Redis connection and waits until it answers, so a missing Redis is one clear line at start-up
 * rather than a stream of reconnect errors. After start-up, ioredis reconnects by itself.
 */
export async function connectRedis(redisUrl: string, name: string): Promise<Redis> {
  const redis = new Redis(redisUrl, { connectionName: name, lazyConnect: true, maxRetriesPerRequest: null });
  // without a listener ioredis prints every reconnect failure; callers log state changes instead
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const url = new URL(redisUrl);
    throw new DependencyUnavailableError(
      `Redis is not answering at ${url.hostname}:${url.port || 6379}: start redis-server there, or set REDIS_URL.`,
      { cause: error },
    );
  }
  return redis;
}
