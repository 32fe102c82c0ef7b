import type { Redis } from 'ioredis';

/**
 * A subgraph's change counter: a Redis counter each committed change of the subgraph moves, after its
 * commit and before anything is published of it (ChangeWriter's announce), and a server's start moves
 * too (a seed or an import may have written before it). The gateway's read cache keeps an answer with
 * the counters of the subgraphs that made it, read before it asked them, and serves it only while they
 * have not moved (gateway/src/read-cache.ts): so no answer computed before a change is served after the
 * change is announced, to the writer or to a wall that heard of it.
 */
export class ChangeCounter {
  constructor(
    private readonly redis: Pick<Redis, 'incr' | 'on'>,
    readonly key: string,
  ) {
    // a change committed while Redis was away could not move the counter: the first thing on reconnecting
    redis.on('ready', () => {
      this.bump().catch(() => {});
    });
  }

  /** Marks that something of the subgraph changed. */
  async bump(): Promise<void> {
    await this.redis.incr(this.key);
  }
}

/** The Redis key of a subgraph's change counter (`subgraph` as the supergraph names it). */
export function changeCounterKey(namespace: string, subgraph: string): string {
  return `${namespace}:changes:${subgraph}`;
}
