import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * Domain events between subgraphs travel on Redis Streams, one stream per producer, one consumer group
 * per consuming service. An event carries the aggregate's new state and a per-aggregate version, so a
 * consumer applies it idempotently: a duplicate or an older version changes nothing.
 */
export interface DomainEvent<TData = Record<string, unknown>> {
  type: string;
  aggregateId: string;
  version: number;
  occurredAt: string;
  data: TData;
}

/** The stream of one producing service. */
export function eventStream(namespace: string, producer: 'organization' | 'party-work'): string {
  return `${namespace}:events:${producer}`;
}

export async function publishDomainEvent(redis: Redis, stream: string, event: DomainEvent): Promise<void> {
  await redis.xadd(stream, 'MAXLEN', '~', '1000000', '*', 'event', JSON.stringify(event));
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface StreamConsumerOptions {
  /**
   * An event another member of the group read and has not acknowledged for this long is taken over:
   * that member most likely crashed (a replica's consumer name dies with its process). Taking over one
   * that is merely slow only applies it twice, which a consumer shrugs off. @default 5000
   */
  claimIdleMs?: number;
}

/**
 * Reads a stream as one member of a consumer group and acknowledges each event after it is applied.
 * Every few seconds it also takes over what crashed members read and never acknowledged.
 */
export class StreamConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private lastClaim = 0;
  private readonly claimIdleMs: number;

  constructor(
    // a blocking XREADGROUP holds its connection: give the consumer one of its own
    private readonly redis: Redis,
    private readonly stream: string,
    private readonly group: string,
    private readonly consumer: string,
    private readonly handle: EventHandler,
    private readonly logger: Logger,
    options: StreamConsumerOptions = {},
  ) {
    this.claimIdleMs = options.claimIdleMs ?? 5_000;
  }

  async start(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    // first whatever this consumer read but did not acknowledge before a crash, then new events
    let cursor = '0';
    while (this.running) {
      try {
        const reply = (await this.redis.xreadgroup(
          'GROUP',
          this.group,
          this.consumer,
          'COUNT',
          100,
          'BLOCK',
          1000,
          'STREAMS',
          this.stream,
          cursor,
        )) as Array<[string, Array<[string, string[]]>]> | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (cursor === '0' && entries.length === 0) cursor = '>';
        await this.apply(entries);
        if (Date.now() - this.lastClaim >= Math.min(this.claimIdleMs, 2_000)) {
          this.lastClaim = Date.now();
          await this.claimAbandoned();
        }
      } catch (error) {
        if (!this.running) break;
        this.logger.warn({ err: error, stream: this.stream }, 'event consumer failed; retrying in 1 s');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async apply(entries: Array<[string, string[]] | null>): Promise<void> {
    for (const entry of entries) {
      // XAUTOCLAIM answers nil for an entry trimmed from the stream meanwhile
      if (!entry) continue;
      const [id, fields] = entry;
      const raw = fields[fields.indexOf('event') + 1];
      if (raw) await this.handle(JSON.parse(raw) as DomainEvent);
      await this.redis.xack(this.stream, this.group, id);
    }
  }

  /**
   * Takes over and applies the events other members of the group have held unacknowledged for
   * `claimIdleMs`: without this, what a crashed replica had read stays pending forever, and the
   * aggregates it describes keep their older state until their next change.
   */
  private async claimAbandoned(): Promise<void> {
    let start = '0-0';
    do {
      const [next, entries] = (await this.redis.xautoclaim(
        this.stream,
        this.group,
        this.consumer,
        this.claimIdleMs,
        start,
        'COUNT',
        100,
      )) as [string, Array<[string, string[]] | null>];
      if (entries.length > 0)
        this.logger.info({ stream: this.stream, events: entries.length }, 'took over unacknowledged events');
      await this.apply(entries);
      start = next;
    } while (start !== '0-0' && this.running);
  }
}
