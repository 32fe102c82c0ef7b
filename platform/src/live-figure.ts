import type { Redis } from 'ioredis';
import type { PubSub } from './pubsub.js';
import { scopeTopicId } from './pubsub.js';
import { enclosingScopes } from './region-scope.js';

/**
 * A statistic that walls watch live, one figure per region scope. Its version comes from a Redis counter
 * read *before* a figure is computed and bumped *after* each change commits, so the figure sent with
 * version v includes every change that bumped the counter up to v: a client that keeps the highest
 * version it has seen never shows an older truth, whatever order snapshots and events arrive in.
 */
export class LiveFigure<T extends { version: string }> {
  constructor(
    private readonly options: {
      pubSub: PubSub;
      redis: Redis;
      /** The Redis key of the version counter (namespaced). */
      versionKey: string;
      /** The pubsub topic; the topic id is the scope. */
      topic: string;
      /** Computes the figure of one scope (null: national) from the rows. */
      compute(scope: string | null, version: string): Promise<T>;
    },
  ) {}

  async snapshot(scope: string | null): Promise<T> {
    const version = (await this.options.redis.get(this.options.versionKey)) ?? '0';
    return this.options.compute(scope, version);
  }

  subscribe(scope: string | null): AsyncIterable<T> {
    return this.options.pubSub.subscribe(this.options.topic, scopeTopicId(scope)) as AsyncIterable<T>;
  }

  /** Called after a change in `regionCode` committed: publishes the new figure of every enclosing scope. */
  async changed(regionCode: string): Promise<void> {
    const version = String(await this.options.redis.incr(this.options.versionKey));
    for (const scope of enclosingScopes(regionCode)) {
      this.options.pubSub.publish(
        this.options.topic,
        scopeTopicId(scope),
        await this.options.compute(scope, version),
      );
    }
  }
}
