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
  /**
   * Whether anyone, on any replica, listens to each of these topic ids now: a publication to a topic no
   * one listens to is dropped, so what it would carry need not be computed.
   */
  watched(topic: string, ids: string[]): Promise<boolean[]>;
}

export interface RedisPubSub {
  pubSub: PubSub;
  close(): Promise<void>;
}

/** The Redis channel of a topic id: what `@graphql-yoga/subscription` names it (`routingKey:id`). */
const channelOf = (namespace: string, topic: string, id: string) => `${namespace}:${topic}:${id}`;

function namespaced(
  namespace: string,
  inner: ReturnType<typeof createPubSub>,
  watched: PubSub['watched'],
): PubSub {
  return {
    publish: (topic, id, payload) => inner.publish(`${namespace}:${topic}`, id, payload),
    subscribe: (topic, id) => inner.subscribe(`${namespace}:${topic}`, id),
    watched,
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
    pubSub: namespaced(namespace, inner, async (topic, ids) => {
      if (ids.length === 0) return [];
      // each replica's subscribe connection holds one subscription per channel it listens to
      const reply = (await publishClient.pubsub(
        'NUMSUB',
        ...ids.map((id) => channelOf(namespace, topic, id)),
      )) as Array<string | number>;
      return ids.map((_, i) => Number(reply[2 * i + 1]) > 0);
    }),
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

/** An in-process pubsub: for emitting the schema's SDL, where nothing is published. */
export function createLocalPubSub(): PubSub {
  // nothing is published through it, and no one to ask: everyone may be listening
  return namespaced('local', createPubSub(), async (_topic, ids) => ids.map(() => true));
}

/** The id of a region-scoped topic: the region code, or `national`. */
export function scopeTopicId(regionCode: string | null): string {
  return regionCode ?? 'national';
}
