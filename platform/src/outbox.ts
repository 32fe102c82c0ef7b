import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from './events.js';
import type { Logger } from './logger.js';

/**
 * Transactional outbox: a change and the event that describes it commit in one transaction (the event as
 * a row of `outbox`), and a relay publishes pending rows to their Redis stream and marks them sent.
 * A crash between commit and publish, or Redis being down, delays an event but never loses it; a crash
 * between publish and marking sends it twice, which consumers shrug off (events carry versions).
 */

/** The table, for each service's migration (the same in every database that has an outbox). */
export const OUTBOX_TABLE_SQL = `
  CREATE TABLE outbox (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    stream VARCHAR(120) NOT NULL,
    event LONGTEXT NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    sent_at DATETIME(3) NULL,
    -- the relay's scan: pending rows in order
    KEY idx_outbox_pending (sent_at, id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;

/** Records an event inside the caller's transaction; it is published after the transaction commits. */
export async function enqueueEvent(
  manager: EntityManager,
  stream: string,
  event: DomainEvent,
): Promise<void> {
  await manager.query('INSERT INTO outbox (stream, event) VALUES (?, ?)', [stream, JSON.stringify(event)]);
}

/**
 * Many events in multi-row inserts of 500: the seed and imports stage thousands, and one statement each
 * made the seed several times slower.
 */
export async function enqueueEvents(
  manager: EntityManager,
  stream: string,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length === 1) return enqueueEvent(manager, stream, events[0]!);
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await manager.query(
      `INSERT INTO outbox (stream, event) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
      chunk.flatMap((event) => [stream, JSON.stringify(event)]),
    );
  }
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  redis: Redis;
  logger: Logger;
  /** Rows per round. @default 200 */
  batchSize?: number;
  /**
   * How often to look for rows nobody woke the relay for (another replica's, or after a crash), and
   * whether Redis still holds what was sent (see `OutboxRelay`). @default 500
   */
  pollMs?: number;
  /** Sent rows are deleted after this long. @default 7 days */
  retainMs?: number;
  /**
   * At most one round per this many milliseconds: the first event after a quiet spell goes out at once,
   * later ones wait for the rest of the spacing and go out together. @default 25: under a stream of
   * writes a round per write (five statements and a Redis transaction each) was most of the relay's cost.
   */
  spacingMs?: number;
}

/** A publish that takes longer is given up (and retried): the rows stay pending. */
const PUBLISH_TIMEOUT_MS = 5_000;

/**
 * The longest pause between attempts while Redis or the database is away. A reconnected Redis wakes the
 * relay at once; this bounds the wait after a database outage.
 */
const MAX_BACKOFF_MS = 1_000;

/**
 * Republishing starts this long before the oldest entry a consumer group had not applied. Entry ids carry
 * Redis' clock, which may differ from the relay's and the database's; a minute covers that, at the cost of
 * re-sending a minute of events that consumers ignore by version.
 */
const WATERMARK_MARGIN_MS = 60_000;

/** Rows put back to pending per statement when republishing, so no statement locks the table for long. */
const REPUBLISH_CHUNK = 5_000;

/** Sent rows deleted per statement when pruning, for the same reason. */
const CLEANUP_CHUNK = 10_000;

/**
 * The key a relay sets beside a stream once it has republished what Redis may have lost there (or found
 * nothing to). Redis loses it with the stream (a flush, a restart without persistence), so its absence
 * tells the relay to republish.
 */
export function streamMarkerKey(stream: string): string {
  return `${stream}:relay-marker`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The Redis clock time (ms) in a stream entry id `<ms>-<seq>`. */
function entryTime(id: string): number {
  return Number(id.split('-')[0]);
}

/** `XINFO`'s flat [key, value, …] replies as an object. */
function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** What a relay knows of one stream it feeds. */
interface StreamState {
  /** The id of the last entry this relay added, which Redis keeps unless it lost data. */
  lastId?: string;
  /**
   * Redis time (ms) before which every consumer group had applied every entry, as last seen; unknown
   * until seen, or while the stream has no group.
   */
  appliedBefore?: number;
}

/**
 * Publishes the outbox. Besides sending pending rows, it watches for Redis losing the streams (a
 * FLUSHALL, a restart without persistence, a failover to a replica that lagged): every `pollMs` it checks
 * that the marker it set beside each stream is there and that the last entry it added still is, and
 * notes how far every consumer group has applied. On a loss it puts back to pending the rows sent since
 * that point, which the usual rounds then send again, in order and shared between replicas.
 *
 * How far back: from the oldest entry some group had not applied when last seen (less a margin), because
 * anything older was applied before the loss and is safe in the consumers' databases, while anything
 * newer may have been lost with the stream. A relay that has not seen the groups (it started after the
 * loss, or no group existed yet) cannot tell, so it republishes every sent row the outbox keeps (at most
 * `retainMs` old); older events are gone from the outbox anyway, and `pnpm resync` rebuilds copies
 * from the producer when more was lost. Republishing is safe: events carry per-aggregate versions.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private failures = 0;
  private readonly streams = new Map<string, StreamState>();
  private lastLook = 0;
  private looking: Promise<void> | undefined;
  /** Batches of this relay between taking their rows and committing them sent. */
  private readonly publishing = new Set<Promise<number>>();
  private readonly onReady = () => this.wake();

  constructor(private readonly options: OutboxRelayOptions) {}

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  private get retainMs(): number {
    return this.options.retainMs ?? 7 * 24 * 3_600_000;
  }

  start(): void {
    this.running = true;
    // a reconnected Redis ends the back-off at once, so events flow again as soon as it answers
    this.options.redis.on('ready', this.onReady);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.options.redis.off('ready', this.onReady);
    this.wake();
    await this.loop;
  }

  /** Publishes soon: call after a transaction that enqueued events has committed. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Publishes every pending row now; resolves when none is left (tests, shutdown). */
  async drain(): Promise<void> {
    while ((await this.publishBatch()) > 0) {}
  }

  private async run(): Promise<void> {
    let lastCleanup = 0;
    let lastRound = 0;
    while (this.running) {
      const wait = lastRound + (this.options.spacingMs ?? 25) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // stopped while it waited: no round after `stop`
      if (!this.running) break;
      lastRound = Date.now();
      let published = 0;
      try {
        published = await this.publishBatch();
        if (this.failures > 0) this.options.logger.info('outbox relay publishing again');
        this.failures = 0;
        if (Date.now() - lastCleanup > 3_600_000) {
          lastCleanup = Date.now();
          await this.cleanUp();
        }
      } catch (error) {
        this.failures++;
        if (this.failures === 1 || this.failures % 60 === 0) {
          this.options.logger.warn(
            { err: error, failures: this.failures },
            'outbox relay cannot publish; events wait',
          );
        }
      }
      // a full batch may have left more behind; a partial one took every row pending when it looked, and
      // a row committed since came with a wake (the sleep below returns at once), so another look now
      // would find nothing: under a stream of writes that empty look was half the relay's statements
      if (published >= this.batchSize && this.failures === 0) continue;
      // back off while Redis or the database is away; otherwise wait for a wake-up or the next poll
      const delay =
        this.failures > 0
          ? Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.failures, 4))
          : (this.options.pollMs ?? 500);
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken && this.failures === 0) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        this.woken = false;
        done();
      };
    });
  }

  /** Looks at the streams if it is time, then publishes one batch. */
  private async publishBatch(): Promise<number> {
    await this.lookIfDue();
    const batch = this.sendBatch();
    this.publishing.add(batch);
    try {
      return await batch;
    } finally {
      this.publishing.delete(batch);
    }
  }

  /**
   * Publishes one batch. Rows are locked with SKIP LOCKED, so replicas relaying the same outbox share the
   * work instead of sending each row twice; the lock is held until the rows are marked sent.
   */
  private sendBatch(): Promise<number> {
    const { dataSource, redis } = this.options;
    // READ COMMITTED: under REPEATABLE READ the locking scan also locks the gap after the last pending
    // row, which is where every new event is inserted, so each write waited for the relay's Redis round
    // trip; here only the rows taken are locked
    return dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = (await manager.query(
        'SELECT id, stream, event FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED',
        [this.batchSize],
      )) as Array<{ id: string; stream: string; event: string }>;
      if (rows.length === 0) return 0;
      // ioredis would queue commands until Redis is back, holding these row locks: fail fast instead
      if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
      // a stream this relay has never looked at is looked at before its first entry goes out, so that
      // entry is not mistaken, later, for one sent before a loss
      for (const stream of new Set(rows.map((r) => r.stream)))
        if (!this.streams.has(stream)) await this.look(stream, { inBatch: true });
      const pipeline = redis.multi();
      for (const row of rows) pipeline.xadd(row.stream, 'MAXLEN', '~', '1000000', '*', 'event', row.event);
      const results = await withTimeout(pipeline.exec(), PUBLISH_TIMEOUT_MS);
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('Redis did not run the publish');
      rows.forEach((row, i) => {
        this.streams.get(row.stream)!.lastId = String(results[i]![1]);
      });
      await manager.query(
        `UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(3) WHERE id IN (${rows.map(() => '?').join(', ')})`,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  /** Looks at every stream this outbox feeds, at most once per `pollMs` (shared by concurrent callers). */
  private async lookIfDue(): Promise<void> {
    if (this.looking) return this.looking;
    if (Date.now() - this.lastLook < (this.options.pollMs ?? 500)) return;
    this.lastLook = Date.now();
    this.looking = this.lookAtAll().finally(() => {
      this.looking = undefined;
    });
    return this.looking;
  }

  private async lookAtAll(): Promise<void> {
    if (this.options.redis.status !== 'ready') throw new Error(`Redis is ${this.options.redis.status}`);
    // after a start the relay knows no stream yet: those of the latest rows are the ones it feeds
    if (this.streams.size === 0) {
      const recent = (await this.options.dataSource.query(
        'SELECT DISTINCT stream FROM (SELECT stream FROM outbox ORDER BY id DESC LIMIT 100) AS latest',
      )) as Array<{ stream: string }>;
      for (const { stream } of recent) this.streams.set(stream, {});
    }
    for (const stream of this.streams.keys()) await this.look(stream);
  }

  /**
   * Checks that Redis still holds what was sent to `stream`, and republishes when it does not; else notes
   * how far the consumer groups have applied it.
   */
  private async look(stream: string, { inBatch = false } = {}): Promise<void> {
    const state = this.streams.get(stream) ?? {};
    this.streams.set(stream, state);
    const pipeline = this.options.redis.pipeline().exists(streamMarkerKey(stream)).xinfo('GROUPS', stream);
    if (state.lastId) pipeline.xrange(stream, state.lastId, state.lastId);
    const [marker, groups, last] = (await withTimeout(pipeline.exec(), PUBLISH_TIMEOUT_MS)) ?? [];
    if (!marker || marker[0]) throw marker?.[0] ?? new Error('Redis did not answer the look');
    if (last?.[0]) throw last[0];
    // the marker tells of a flush or an empty restart; the last entry this relay added, of a failover to
    // a replica that had not received it (which keeps the older marker)
    const lastKept = !state.lastId || (last?.[1] as unknown[]).length > 0;
    if (marker[1] === 1 && lastKept) {
      // XINFO fails while there is no stream yet (nothing sent, no consumer started): nothing to apply
      if (groups && !groups[0])
        state.appliedBefore = await this.appliedBefore(stream, groups[1] as unknown[]);
      return;
    }
    await this.republish(stream, state, inBatch);
  }

  /**
   * The Redis time before which every group has applied (acknowledged) every entry: a group's oldest
   * pending entry, or, with none pending, the last entry it was handed. Unknown without a group.
   */
  private async appliedBefore(stream: string, groups: unknown[]): Promise<number | undefined> {
    let oldest: number | undefined;
    for (const raw of groups) {
      const group = fields(raw as unknown[]);
      let from = entryTime(String(group['last-delivered-id']));
      if (Number(group.pending) > 0) {
        const [, firstPending] = (await this.options.redis.xpending(stream, String(group.name))) as [
          number,
          string | null,
        ];
        if (firstPending) from = Math.min(from, entryTime(firstPending));
      }
      oldest = oldest === undefined ? from : Math.min(oldest, from);
    }
    return oldest;
  }

  /**
   * Puts back to pending the rows of `stream` sent since the consumers had applied everything (all the
   * outbox keeps when that is unknown), then sets the marker. Rows are reset before the marker is set: a
   * relay that dies in between leaves the marker missing, so the next look republishes again rather than
   * never. Two replicas seeing the loss at once both reset; the events go out twice, which is harmless.
   */
  private async republish(stream: string, state: StreamState, inBatch: boolean): Promise<void> {
    const { dataSource, redis, logger } = this.options;
    // a batch of this relay that added its entries before the loss and commits them sent after the reset
    // below would escape it (and clearing `lastId` forgets the evidence): let such batches finish first.
    // A look from inside a batch is for a stream this relay had sent nothing to, so it waits for none
    if (!inBatch) await Promise.allSettled([...this.publishing]);
    // rows this relay sends while resetting are stamped after `until` and so are not reset again
    const [now] = (await dataSource.query('SELECT CURRENT_TIMESTAMP(3) AS until')) as Array<{ until: Date }>;
    // `sent_at` is on the database's clock, in its time zone; the watermark on Redis' clock: shift it by
    // how far the database's now is from ours (the margin covers Redis' own skew)
    const skew = now ? now.until.getTime() - Date.now() : 0;
    // never rows past their retention, which pruning is about to delete (and may not have yet)
    const from = new Date(
      Math.max(
        Date.now() + skew - this.retainMs,
        state.appliedBefore === undefined ? 0 : state.appliedBefore + skew - WATERMARK_MARGIN_MS,
      ),
    );
    let republished = 0;
    for (;;) {
      // READ COMMITTED: no gap locks, so replicas marking rows sent meanwhile do not wait on this
      const changed = await dataSource.transaction('READ COMMITTED', async (manager) => {
        const result = (await manager.query(
          `UPDATE outbox SET sent_at = NULL WHERE stream = ? AND sent_at >= ? AND sent_at < ?
            ORDER BY sent_at LIMIT ${REPUBLISH_CHUNK}`,
          [stream, from, now?.until],
        )) as { affectedRows?: number };
        return result.affectedRows ?? 0;
      });
      republished += changed;
      if (changed < REPUBLISH_CHUNK) break;
    }
    await withTimeout(redis.set(streamMarkerKey(stream), new Date().toISOString()), PUBLISH_TIMEOUT_MS);
    state.lastId = undefined;
    if (republished > 0 || state.appliedBefore !== undefined)
      logger.warn(
        { stream, republished, since: from.toISOString() },
        'Redis lost the event stream; republishing from the outbox',
      );
    this.wake();
  }

  /**
   * Deletes the rows sent longer than `retainMs` ago, in slices of short statements until none is left:
   * one slice an hour would fall behind any outbox that sends more than that many rows an hour.
   */
  private async cleanUp(): Promise<void> {
    const before = new Date(Date.now() - this.retainMs);
    for (;;) {
      const result = (await this.options.dataSource.query(
        `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? ORDER BY sent_at LIMIT ${CLEANUP_CHUNK}`,
        [before],
      )) as { affectedRows?: number };
      if ((result.affectedRows ?? 0) < CLEANUP_CHUNK || !this.running) return;
    }
  }
}
