import { eventStream } from '@pb/platform/events';
import { Redis } from 'ioredis';
import { createPool, type Pool } from 'mysql2/promise';
import type { System } from './system.js';

/**
 * What a truth test needs around the event streams between the subgraphs: a duplicator that makes every
 * consumer receive every event twice, and a check that everything in flight has arrived.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `XINFO`'s flat [key, value, …] replies as an object. */
function pairs(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/**
 * Re-adds every event the producers publish to the end of its stream, so each consumer group reads it a
 * second time, later, often after newer events of the same aggregate (a copy carries a `copy` field,
 * which consumers ignore and the duplicator does not copy again). It follows the streams across Redis
 * restarts, and `replayAll` adds every original again at the end, the way a replay after a consumer's
 * reset would.
 */
export class EventDuplicator {
  private readonly redis: Redis;
  private running = true;
  private readonly loop: Promise<void>;
  private readonly cursors: Map<string, string>;
  readonly originals: Array<{ stream: string; event: string }> = [];
  copies = 0;

  constructor(
    redisUrl: string,
    readonly streams: string[],
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => 200 });
    this.redis.on('error', () => {});
    this.cursors = new Map(streams.map((s) => [s, '0']));
    this.loop = this.run();
  }

  static forSystem(system: System): EventDuplicator {
    return new EventDuplicator(system.redisUrl, [
      eventStream(system.redisNamespace, 'organization'),
      eventStream(system.redisNamespace, 'party-work'),
    ]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const reply = (await this.redis.xread(
          'COUNT',
          500,
          'BLOCK',
          200,
          'STREAMS',
          ...this.streams,
          ...this.streams.map((s) => this.cursors.get(s)!),
        )) as Array<[string, Array<[string, string[]]>]> | null;
        for (const [stream, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            if (!fields.includes('copy')) {
              const event = fields[fields.indexOf('event') + 1]!;
              await this.redis.xadd(stream, '*', 'event', event, 'copy', '1');
              this.originals.push({ stream, event });
              this.copies++;
            }
            // moved on only once the copy is in: after a failure (Redis away) the entry is read again
            this.cursors.set(stream, id);
          }
        }
      } catch {
        await sleep(200);
      }
    }
  }

  /** Whether every entry on the streams so far has been read (and, if an original, copied). */
  async caughtUp(): Promise<boolean> {
    for (const stream of this.streams) {
      const info = pairs((await this.redis.xinfo('STREAM', stream)) as unknown[]);
      if (String(info['last-generated-id']) !== this.cursors.get(stream)) return false;
    }
    return true;
  }

  /** Adds every original event seen so far once more, in its first order (stale versions, late). */
  async replayAll(): Promise<number> {
    for (const { stream, event } of this.originals)
      await this.redis.xadd(stream, '*', 'event', event, 'copy', 'replay');
    return this.originals.length;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.redis.disconnect();
  }

  /**
   * Each consumer group of each stream: entries delivered but not acknowledged, and whether it has
   * been handed the stream's last entry.
   */
  async groups(): Promise<Array<{ stream: string; group: string; pending: number; behind: boolean }>> {
    const out: Array<{ stream: string; group: string; pending: number; behind: boolean }> = [];
    for (const stream of this.streams) {
      const last = String(
        pairs((await this.redis.xinfo('STREAM', stream)) as unknown[])['last-generated-id'],
      );
      for (const raw of (await this.redis.xinfo('GROUPS', stream)) as unknown[][]) {
        const group = pairs(raw);
        out.push({
          stream,
          group: String(group.name),
          pending: Number(group.pending),
          behind: String(group['last-delivered-id']) !== last,
        });
      }
    }
    return out;
  }
}

/** One of a system's databases: `query` resolves to the rows, as a TypeORM DataSource's does. */
export interface Database {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

export function databaseOf(system: System, database: string): Database {
  const url = new URL(system.mysqlUrl);
  url.pathname = `/${database}`;
  const pool: Pool = createPool({
    uri: url.toString(),
    connectionLimit: 4,
    dateStrings: true,
    timezone: 'Z',
  });
  return {
    async query(sql, params = []) {
      const [rows] = await pool.query(sql, params);
      return rows;
    },
    end: () => pool.end(),
  };
}

/**
 * Waits until nothing is in flight between the subgraphs: no unsent outbox row in either database, the
 * duplicator has copied everything, and every consumer group has been handed every entry and acknowledged
 * it. Two quiet looks in a row, since a consumer's event can make the other subgraph publish anew.
 */
export async function waitForDrain(
  duplicator: EventDuplicator,
  databases: Database[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (quiet < 2) {
    const unsent: number[] = [];
    for (const db of databases) {
      const [row] = (await db.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL')) as Array<{
        n: number;
      }>;
      unsent.push(Number(row?.n));
    }
    const groups = await duplicator.groups();
    const caughtUp = await duplicator.caughtUp();
    const idle =
      unsent.every((n) => n === 0) &&
      caughtUp &&
      groups.length === 2 &&
      groups.every((g) => g.pending === 0 && !g.behind);
    last = JSON.stringify({ unsent, caughtUp, groups });
    quiet = idle ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`events still in flight after ${timeoutMs} ms: ${last}`);
    await sleep(300);
  }
}
