import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

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
 * Runs `work` in a transaction, again from the start when InnoDB chose it as a deadlock victim (the
 * other transaction went on, so a retry sees its result). Work that keeps counts consistent under
 * concurrency uses locking reads, which makes deadlocks a normal, retriable outcome.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  { isolation, attempts = 6 }: TransactionOptions = {},
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
