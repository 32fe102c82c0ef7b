import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { connectRedis } from './redis.js';

/**
 * The pubsub behind every subscription: over Redis, so an event raised on one replica reaches
 * subscribers on all of them. Topics are `<namespace>:<TOPIC>:<scope>`, so two systems sharing one
 * Redis (a test run beside `pnpm start`) never hear each other.
 */
export interface PubSub {
  publish(topic: string, id: string, payload: unknown): void;
  subscribe(topic: string, id: string): AsyncIterable<unknown>;
}

export interface RedisPubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

function namespaced(namespace: string, inner: ReturnType<typeof createPubSub>): PubSub {
  return {
    publish: (topic, id, payload) => inner.publish(`${namespace}:${topic}`, id, payload),
    subscribe: (topic, id) => inner.subscribe(`${namespace}:${topic}`, id),
  };
}

export async function createRedisPubSub(
  redisUrl: string,
  namespace: string,
  service: string,
): Promise<RedisPubSub> {
  // a subscribed ioredis connection can issue no other command, hence two connections
  const publishClient: Redis = await connectRedis(redisUrl, `${service}-publish`);
  const subscribeClient: Redis = await connectRedis(redisUrl, `${service}-subscribe`);
  const inner = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    pubSub: namespaced(namespace, inner),
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/** An in-process pubsub: for emitting the schema's SDL, where nothing is published. */
export function createLocalPubSub(): PubSub {
  return namespaced('local', createPubSub());
}

/** The id of a region-scoped topic: the region code, or `national`. */
export function scopeTopicId(regionCode: string | null): string {
  return regionCode ?? 'national';
}
