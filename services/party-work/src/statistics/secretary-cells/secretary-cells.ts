import type { EntityManager } from 'typeorm';
import {
  ACTIVE_PARTY_ORGANIZATION,
  ASSIGNED_PERSON,
  CURRENT_ASSIGNMENT,
} from '../../secretary-stats/staff-posts.sql.js';
import type { KeptStatistic } from '../kept-statistic.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * The secretary figure (书记配备率, reserve talent, staff by role) kept per region cell in `secretary_cell`,
 * as of the work alerts' kept day: per (region, type, role) the active Party organizations holding a
 * current post of the role and the people holding it, and under role '' the active Party organizations.
 * Whether a post is current depends on the day, so a write recomputes the cells of the regions it touched
 * as of the kept day (a region's rows only, by the replica's region index), and the day's roll recomputes
 * them all (`WorkAlertKeeper.reconcile`, about as long as one national read used to take). A national read
 * is then a sum over cells, O(regions).
 */

/** The cells of `regions`, or of every region when null, from the rows, as of `day`. */
async function fill(q: Queryable, regions: string[] | null, day: string): Promise<void> {
  const only = regions ? 'AND b.region_code IN (?)' : '';
  const inRegions = regions ? [regions] : [];
  await q.query(
    `INSERT INTO secretary_cell (region_code, type, role, organizations, people)
     SELECT b.region_code, b.type, '', COUNT(*), 0 FROM party_organization_replica b
      WHERE ${ACTIVE_PARTY_ORGANIZATION('b')} ${only} GROUP BY b.region_code, b.type
     UNION ALL
     SELECT b.region_code, b.type, s.role, COUNT(DISTINCT s.party_organization_id),
            COUNT(DISTINCT ${ASSIGNED_PERSON('s')})
       FROM staff_assignment s JOIN party_organization_replica b ON b.id = s.party_organization_id
      WHERE ${ACTIVE_PARTY_ORGANIZATION('b')} ${only} AND ${CURRENT_ASSIGNMENT('s')}
      GROUP BY b.region_code, b.type, s.role`,
    [day, day, ...inRegions, day, day, ...inRegions, day, day],
  );
}

/**
 * Inside a write's transaction: the cells of these regions recomputed as of `day` (the kept day). The
 * regions' rows in `secretary_cell_region` are locked first, in order, so under READ COMMITTED a write
 * that waited for another's lock reads what that one committed, and the last to recompute a region
 * counts everything written to it.
 */
export async function recomputeSecretaryCells(q: Queryable, regions: string[], day: string): Promise<void> {
  const sorted = [...new Set(regions)].sort();
  if (sorted.length === 0) return;
  await q.query(
    `INSERT INTO secretary_cell_region (region_code) VALUES ${sorted.map(() => '(?)').join(', ')}
     ON DUPLICATE KEY UPDATE region_code = VALUES(region_code)`,
    sorted,
  );
  await q.query('DELETE FROM secretary_cell WHERE region_code IN (?)', [sorted]);
  await fill(q, sorted, day);
}

/** Every cell recomputed as of `day`, with every region locked: the day's roll, and after a bulk load. */
export async function rollSecretaryCells(q: Queryable, day: string): Promise<void> {
  await q.query(
    'INSERT IGNORE INTO secretary_cell_region (region_code) SELECT DISTINCT region_code FROM party_organization_replica',
  );
  await q.query('SELECT region_code FROM secretary_cell_region ORDER BY region_code FOR UPDATE');
  await q.query('DELETE FROM secretary_cell');
  await fill(q, null, day);
}

/** `secretary_cell`, rebuilt with the other statistics (statistics/index.ts) as of the kept day. */
export const secretaryCells: KeptStatistic = {
  tables: ['secretary_cell'],
  async rebuild(manager) {
    const [row] = (await manager.query(
      "SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM work_alert_day",
    )) as Array<{ day: string }>;
    if (row) await rollSecretaryCells(manager, row.day);
  },
};
