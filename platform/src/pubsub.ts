import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import { createPubSub } from '@graphql-yoga/subscription';
import { connectRedis } from './redis.js';

/** The pubsub behind every subscription: over Redis, so an event on one replica reaches all of them. */
export type PubSub = ReturnType<typeof createPubSub>;

export interface RedisPubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

export async function createRedisPubSub(redisUrl: string, service: string): Promise<RedisPubSub> {
  // a subscribed ioredis connection can issue no other command, hence two connections
  const publishClient: Redis = await connectRedis(redisUrl, `${service}-publish`);
  const subscribeClient: Redis = await connectRedis(redisUrl, `${service}-subscribe`);
  const pubSub = createPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    pubSub,
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/** The id of a region-scoped topic: the region code, or `national`. */
export function scopeTopicId(regionCode: string | null): string {
  return regionCode ?? 'national';
}

/** An in-process pubsub: for emitting the schema's SDL, where nothing is published. */
export function createLocalPubSub(): PubSub {
  return createPubSub();
}
