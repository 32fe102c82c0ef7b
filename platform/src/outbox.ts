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

export interface OutboxRelayOptions {
  dataSource: DataSource;
  redis: Redis;
  logger: Logger;
  /** Rows per round. @default 200 */
  batchSize?: number;
  /** How often to look for rows nobody woke the relay for (another replica's, or after a crash). @default 500 */
  pollMs?: number;
  /** Sent rows are deleted after this long. @default 7 days */
  retainMs?: number;
}

/** A publish that takes longer is given up (and retried): the rows stay pending. */
const PUBLISH_TIMEOUT_MS = 5_000;

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

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private failures = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
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
    while (this.running) {
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
      if (published > 0 && this.failures === 0) continue;
      // back off while Redis or the database is away; otherwise wait for a wake-up or the next poll
      const delay =
        this.failures > 0
          ? Math.min(5_000, 200 * 2 ** Math.min(this.failures, 5))
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

  /**
   * Publishes one batch. Rows are locked with SKIP LOCKED, so replicas relaying the same outbox share the
   * work instead of sending each row twice; the lock is held until the rows are marked sent.
   */
  private async publishBatch(): Promise<number> {
    const { dataSource, redis } = this.options;
    // READ COMMITTED: under REPEATABLE READ the locking scan also locks the gap after the last pending
    // row, which is where every new event is inserted, so each write waited for the relay's Redis round
    // trip; here only the rows taken are locked
    return dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = (await manager.query(
        'SELECT id, stream, event FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED',
        [this.options.batchSize ?? 200],
      )) as Array<{ id: string; stream: string; event: string }>;
      if (rows.length === 0) return 0;
      // ioredis would queue commands until Redis is back, holding these row locks: fail fast instead
      if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
      const pipeline = redis.multi();
      for (const row of rows) pipeline.xadd(row.stream, 'MAXLEN', '~', '1000000', '*', 'event', row.event);
      const results = await withTimeout(pipeline.exec(), PUBLISH_TIMEOUT_MS);
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('Redis did not run the publish');
      await manager.query(
        `UPDATE outbox SET sent_at = CURRENT_TIMESTAMP(3) WHERE id IN (${rows.map(() => '?').join(', ')})`,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  }

  private async cleanUp(): Promise<void> {
    const retainMs = this.options.retainMs ?? 7 * 24 * 3_600_000;
    await this.options.dataSource.query(
      'DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT 10000',
      [new Date(Date.now() - retainMs)],
    );
  }
}
