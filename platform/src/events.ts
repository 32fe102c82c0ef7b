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

/**
 * How long a read waits for new events, which bounds how late the consumer notices that it should stop.
 * It does not delay recovery: a stream deleted meanwhile ends the wait at once (an error), and a read cut
 * by a lost connection is sent again by ioredis as soon as it has reconnected.
 */
const BLOCK_MS = 1_000;

/** Pause after a failed round (Redis or the database away): short, so delivery resumes soon after. */
const RETRY_MS = 250;

/**
 * Whether a Redis error says the stream or the group no longer exists: NOGROUP for a read, an
 * acknowledgement or a claim, UNBLOCKED for a read that was waiting when the stream was deleted.
 */
export function isLostStream(error: unknown): boolean {
  const message = String((error as Error | undefined)?.message ?? '');
  return message.startsWith('NOGROUP') || message.includes('no longer exists');
}

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
 * Every few seconds it also takes over what crashed members read and never acknowledged. When Redis has
 * lost the stream or the group (a flush, a restart without persistence), it creates them again and goes
 * on; the producer's relay republishes what may have been lost with them (`OutboxRelay`).
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
    await this.createGroup();
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Creates the group, and the stream if need be, unless it exists. The group starts at the stream's
   * beginning, not at its end: after Redis lost its data, whatever the producer has put on the new stream
   * before this consumer came back (its republished events among them) must be read, not skipped.
   */
  private async createGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis.disconnect();
    await this.loop;
  }

  private async run(): Promise<void> {
    // first whatever this consumer read but did not acknowledge before a crash, then new events
    let cursor = '0';
    let groupLost = false;
    let failures = 0;
    while (this.running) {
      try {
        if (groupLost) {
          await this.createGroup();
          groupLost = false;
          cursor = '0';
          this.logger.warn(
            { stream: this.stream, group: this.group },
            'event stream or consumer group was gone (Redis lost its data); created it again',
          );
        }
        const entries = await this.read(cursor);
        if (cursor === '0' && entries.length === 0) cursor = '>';
        await this.apply(entries);
        if (Date.now() - this.lastClaim >= Math.min(this.claimIdleMs, 2_000)) {
          this.lastClaim = Date.now();
          await this.claimAbandoned();
        }
        failures = 0;
      } catch (error) {
        if (!this.running) break;
        // a flush, a restart without persistence or a failover took the group with it: make it again
        // at once rather than failing (NOGROUP) every round until the service restarts
        if (isLostStream(error)) {
          groupLost = true;
          continue;
        }
        failures++;
        if (failures === 1 || failures % 60 === 0)
          this.logger.warn({ err: error, stream: this.stream, failures }, 'event consumer failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** Reads the next events: this member's unacknowledged ones from `0`, new ones from `>`. */
  private async read(cursor: string): Promise<Array<[string, string[]]>> {
    const reply = (await this.redis.xreadgroup(
      'GROUP',
      this.group,
      this.consumer,
      'COUNT',
      100,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      this.stream,
      cursor,
    )) as Array<[string, Array<[string, string[]]>]> | null;
    return reply?.[0]?.[1] ?? [];
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
