import type { DataSource, EntityManager } from 'typeorm';

const DEADLOCK = 'ER_LOCK_DEADLOCK';

/**
 * Runs `work` in a transaction, again from the start when InnoDB chose it as a deadlock victim (the
 * other transaction went on, so a retry sees its result). Work that keeps counts consistent under
 * concurrency uses locking reads, which makes deadlocks a normal, retriable outcome.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
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
