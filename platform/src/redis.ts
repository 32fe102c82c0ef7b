import { Redis } from 'ioredis';
import { DependencyUnavailableError } from './errors.js';

/**
 * How long a lost connection waits before its next attempt: 50 ms more per attempt, up to this. ioredis'
 * default goes up to 2 s, which after a Redis restart kept each connection (events, pubsub) idle for up to
 * that long once Redis answered again; an attempt every half second while Redis is away costs nothing.
 */
const MAX_RECONNECT_DELAY_MS = 500;

/**
 * Opens a Redis connection and waits until it answers, so a missing Redis is one clear line at start-up
 * rather than a stream of reconnect errors. After start-up, ioredis reconnects by itself.
 */
export async function connectRedis(redisUrl: string, name: string): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    connectionName: name,
    lazyConnect: true,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
  });
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
