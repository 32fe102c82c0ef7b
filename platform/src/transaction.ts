import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { DEFAULT_POOL_SIZE } from './database.js';

const DEADLOCK = 'ER_LOCK_DEADLOCK';

export interface TransactionOptions {
  /**
   * READ COMMITTED for work that recomputes kept state from the rows after locking its subject: each
   * statement then sees what the transactions it waited for committed, where REPEATABLE READ would keep
   * reading the snapshot taken at the transaction's first read.
   */
  isolation?: IsolationLevel;
  attempts?: number;
}

/**
 * Connections of a data source's pool that write transactions leave to reads. Without them, a burst of
 * writes held every connection and queued in the pool itself, and each read behind them waited for all
 * the writes before it: the publication of a live figure (one query of under a millisecond) started
 * 180 ms late on average and up to 2.7 s (`pnpm bench live`, 100 writes a second on a busy machine), and
 * so did the walls' snapshots. Writes beyond the rest wait in `WriteSlots`, in order. The outbox relay's
 * rounds open their own transactions, outside `inTransaction`, and share the kept connections: one
 * round at a time per process.
 */
const CONNECTIONS_KEPT_FOR_READS = 2;

/** At most `size` write transactions at once per data source; the others wait their turn, first come first served. */
class WriteSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    // the slot passes straight to the next writer, so none can jump the queue
    if (next) next();
    else this.free++;
  }
}

const writeSlots = new WeakMap<DataSource, WriteSlots>();

function slotsOf(dataSource: DataSource): WriteSlots {
  let slots = writeSlots.get(dataSource);
  if (!slots) {
    const poolSize = (dataSource.options as { poolSize?: number }).poolSize ?? DEFAULT_POOL_SIZE;
    slots = new WriteSlots(Math.max(1, poolSize - CONNECTIONS_KEPT_FOR_READS));
    writeSlots.set(dataSource, slots);
  }
  return slots;
}

/**
 * Runs `work` in a transaction, again from the start when InnoDB chose it as a deadlock victim (the
 * other transaction went on, so a retry sees its result). Work that keeps counts consistent under
 * concurrency uses locking reads, which makes deadlocks a normal, retriable outcome. Write transactions
 * leave two of the pool's connections to reads (see `CONNECTIONS_KEPT_FOR_READS`).
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const slots = slotsOf(dataSource);
  await slots.take();
  try {
    return await withRetries(dataSource, work, options);
  } finally {
    slots.give();
  }
}

async function withRetries<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  { isolation, attempts = 6 }: TransactionOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (isolation ? dataSource.transaction(isolation, work) : dataSource.transaction(work));
    } catch (error) {
      const code =
        (error as { code?: string; driverError?: { code?: string } }).code ??
        (error as { driverError?: { code?: string } }).driverError?.code;
      if (code !== DEADLOCK || attempt >= attempts) throw error;
      // a short random pause, so the same transactions do not meet again at once
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
