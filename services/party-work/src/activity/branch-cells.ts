import type { EntityManager } from 'typeorm';
import { quarterlyFloors } from './activity-aggregates.js';

/**
 * The branches of compliance, kept per region as changes by quarter in `branch_cell`: a 党支部 adds
 * itself (and its required meetings) from the quarter it was established and takes itself away from the
 * quarter after it was dissolved, so the branches active at some time in quarter Q are the sum of the
 * cells up to Q: a read of regions × quarters-with-a-change cells, not of every branch. The Party
 * organizations' copy is written by the replica, the seed and resync, so the database keeps the cells:
 * triggers on each insert, update and delete of `party_organization_replica`, in the same statement.
 */

/** Required 三会一课 meetings of a quarter, with and without a committee (the sum of the floors). */
const required = (hasCommittee: boolean) =>
  quarterlyFloors(hasCommittee).reduce((sum, [, floor]) => sum + floor, 0);

const quarterOf = (day: string) => `CONCAT(YEAR(${day}), 'Q', QUARTER(${day}))`;
const quarterStart = (day: string) => `(MAKEDATE(YEAR(${day}), 1) + INTERVAL (QUARTER(${day}) - 1) QUARTER)`;

/** The trigger body that counts (`sign` 1) or uncounts (-1) one Party organization row. */
function countBranch(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const upsert = (quarter: string, s: number) =>
    `INSERT INTO branch_cell (region_code, quarter, branches, required)
       VALUES (${row}.region_code, ${quarter}, ${s}, ${s} * IF(${row}.has_committee, ${required(true)}, ${required(false)}))
       ON DUPLICATE KEY UPDATE branches = branches + VALUES(branches), required = required + VALUES(required)`;
  // a branch dissolved before the quarter it was established in was active in none
  return `IF ${row}.type = 'BRANCH' AND (${row}.dissolved_at IS NULL OR ${row}.dissolved_at >= ${quarterStart(`${row}.established_at`)}) THEN
      ${upsert(quarterOf(`${row}.established_at`), sign)};
      IF ${row}.dissolved_at IS NOT NULL THEN
        ${upsert(quarterOf(`${quarterStart(`${row}.dissolved_at`)} + INTERVAL 1 QUARTER`), -sign)};
      END IF;
    END IF`;
}

/** The triggers that keep `branch_cell` (created by the KeptBranchCells migration). */
export const BRANCH_CELL_TRIGGERS: Record<string, string> = {
  party_organization_counted: `CREATE TRIGGER party_organization_counted AFTER INSERT ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('NEW', 1)}; END`,
  party_organization_recounted: `CREATE TRIGGER party_organization_recounted AFTER UPDATE ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('OLD', -1)}; ${countBranch('NEW', 1)}; END`,
  party_organization_uncounted: `CREATE TRIGGER party_organization_uncounted AFTER DELETE ON party_organization_replica
    FOR EACH ROW BEGIN ${countBranch('OLD', -1)}; END`,
};

/** Recomputes every cell from the Party organizations (once in the migration; after a repair by hand). */
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
