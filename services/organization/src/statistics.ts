import { inTransaction } from '@pb/platform/transaction';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoverageSettings } from './config.js';
import { coverageCells } from './coverage/coverage-cells.js';
import { coverageSummary } from './coverage/coverage-summary.js';
import { partyOrganizationSizes } from './coverage/party-size.js';
import { today } from './dates.js';

/** A figure this subgraph keeps in tables (or columns) of its own, rebuilt from the rows it counts. */
export interface Statistic {
  /** What it keeps, for logs and errors. */
  name: string;
  /** Recomputes all of it from the rows, inside the caller's transaction. */
  rebuild(manager: Pick<EntityManager, 'query'>, settings: CoverageSettings, day: string): Promise<void>;
}

/**
 * Every kept statistic of this subgraph, each after those it is built on (the cells count the summary's
 * columns). Whatever loads or corrects rows around the writes that keep them (the seed, the resync of
 * full-member counts) rebuilds them all through `rebuildStatistics`, so a new kept table joins here, once,
 * and is never forgotten by one of them.
 */
export const STATISTICS: readonly Statistic[] = [coverageSummary, partyOrganizationSizes, coverageCells];

/** Rebuilds every kept statistic from the rows, in order, one transaction each. */
export async function rebuildStatistics(
  dataSource: DataSource,
  settings: CoverageSettings,
  day = today(),
): Promise<void> {
  for (const statistic of STATISTICS) {
    await inTransaction(dataSource, (manager) => statistic.rebuild(manager, settings, day));
  }
}
