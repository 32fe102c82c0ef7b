import type { EntityManager } from 'typeorm';
import { quarterlyFloors } from '../activity-aggregates/activity-aggregates.js';
import type { KeptStatistic } from '../kept-statistic.js';

/**
 * The branches of compliance, kept per region as changes by quarter in `branch_cell`: a 党支部 adds
 * itself (and its required meetings) from the quarter it was established and takes itself away from the
 * quarter after it was dissolved, so the branches active at some time in quarter Q are the sum of the
 * cells up to Q: a read of regions × quarters-with-a-change cells, not of every branch. The Party
 * organizations' copy is written by the replica, the seed and resync, so the database keeps the cells:
 * triggers on each insert, update and delete of `party_organization_replica`, in the same statement
 * (created by the KeptCells migration).
 */

/** Required 三会一课 meetings of a quarter, with and without a committee (the sum of the floors). */
const required = (hasCommittee: boolean) =>
  quarterlyFloors(hasCommittee).reduce((sum, [, floor]) => sum + floor, 0);

const quarterOf = (day: string) => `CONCAT(YEAR(${day}), 'Q', QUARTER(${day}))`;
const quarterStart = (day: string) => `(MAKEDATE(YEAR(${day}), 1) + INTERVAL (QUARTER(${day}) - 1) QUARTER)`;

/** Recomputes every cell from the Party organizations (after a bulk load; after a repair by hand). */
export async function rebuildBranchCells(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query('DELETE FROM branch_cell');
  const active = `type = 'BRANCH' AND (dissolved_at IS NULL OR dissolved_at >= ${quarterStart('established_at')})`;
  const weight = `IF(has_committee, ${required(true)}, ${required(false)})`;
  await manager.query(`
    INSERT INTO branch_cell (region_code, quarter, branches, required)
    SELECT region_code, quarter, SUM(branches), SUM(required) FROM (
      SELECT region_code, ${quarterOf('established_at')} AS quarter, 1 AS branches, ${weight} AS required
      FROM party_organization_replica WHERE ${active}
      UNION ALL
      SELECT region_code, ${quarterOf(`${quarterStart('dissolved_at')} + INTERVAL 1 QUARTER`)}, -1, -${weight}
      FROM party_organization_replica WHERE ${active} AND dissolved_at IS NOT NULL
    ) changes GROUP BY region_code, quarter`);
}

/** `branch_cell`, kept by triggers; rebuilt with the other statistics (statistics/index.ts). */
export const branchCells: KeptStatistic = { tables: ['branch_cell'], rebuild: rebuildBranchCells };
