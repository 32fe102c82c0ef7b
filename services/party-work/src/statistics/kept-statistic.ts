import type { EntityManager } from 'typeorm';

/** A statistic kept in tables of its own, and how to compute them again from the rows they sum. */
export interface KeptStatistic {
  /** The tables it keeps (and rebuilds whole). */
  tables: readonly string[];
  /** Recomputes the tables from the rows, inside the caller's transaction. */
  rebuild(manager: Pick<EntityManager, 'query'>): Promise<void>;
}
