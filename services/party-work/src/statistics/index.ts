import { today } from '@pb/platform/calendar';
import { inTransaction } from '@pb/platform/transaction';
import type { DataSource } from 'typeorm';
import { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import { activityAggregates, activityWeeks } from './activity-aggregates/activity-aggregates.js';
import { appraisalCells } from './appraisal-cells/appraisal-cells.js';
import { branchCells } from './branch-cells/branch-cells.js';
import { fundingCells } from './funding-cells/funding-cells.js';
import type { KeptStatistic } from './kept-statistic.js';
import { memberAggregates } from './member-aggregates/member-aggregates.js';
import { secretaryCells } from './secretary-cells/secretary-cells.js';
import { talkCells } from './talk-cells/talk-cells.js';
import { trainingCells } from './training-cells/training-cells.js';

export type { KeptStatistic } from './kept-statistic.js';

/**
 * Every statistic this subgraph keeps in tables, in the order they are rebuilt: the one list a new kept
 * table joins, which the seed and resync rebuild from. (The secretary cells are as of the kept day, so the
 * day's roll in WorkAlertKeeper.reconcile recomputes them too.)
 */
export const KEPT_STATISTICS: readonly KeptStatistic[] = [
  activityAggregates,
  activityWeeks,
  appraisalCells,
  branchCells,
  fundingCells,
  memberAggregates,
  talkCells,
  secretaryCells,
  trainingCells,
];

/**
 * Recomputes every kept statistic from the rows, in one transaction; then the work alerts, as of `day`,
 * a chunk of subjects per transaction (see WorkAlertKeeper.reconcile). After a bulk load (seed) and when
 * the copies the figures roll up by were wrong (resync): moving cells incrementally from a wrong "before"
 * would only move the error.
 */
export async function rebuildStatistics(
  dataSource: DataSource,
  {
    day = today(),
    workAlerts = new WorkAlertKeeper(dataSource),
    progress,
  }: { day?: string; workAlerts?: WorkAlertKeeper; progress?: (note: string) => void } = {},
): Promise<void> {
  await inTransaction(dataSource, async (manager) => {
    for (const statistic of KEPT_STATISTICS) await statistic.rebuild(manager);
  });
  await workAlerts.reconcile(day, { progress });
}
