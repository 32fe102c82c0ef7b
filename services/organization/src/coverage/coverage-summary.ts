import type { EntityManager } from 'typeorm';
import type { Statistic } from '../statistics.js';

/**
 * Each organization's summary of its work-coverage measures (`work_covered_until`), cross appointments
 * (`cross_appointed_until`) and those of them whose Party post is 书记 (`secretary_cross_appointed_until`),
 * see the CoverageSummary and SecretaryInManagement migrations: the last day any of them is active,
 * '9999-12-31' when one is open-ended, NULL when there are none. Measures and appointments never start in
 * the future, so one is active today exactly when that day is today or later, and the coverage cells
 * count work coverage from the organization's row alone.
 */
const ACTIVE_UNTIL = {
  work_coverage: { work_covered_until: 'TRUE' },
  cross_appointment: {
    cross_appointed_until: 'TRUE',
    secretary_cross_appointed_until: "r.party_post = '书记'",
  },
} as const;

/** The assignments of one table's summary columns for the organization `o`, each over the rows it counts. */
const summaryOf = (table: keyof typeof ACTIVE_UNTIL) =>
  Object.entries(ACTIVE_UNTIL[table]).map(
    ([column, counted]) =>
      `${column} = (SELECT MAX(COALESCE(r.until, '9999-12-31')) FROM ${table} r
                     WHERE r.social_organization_id = o.id AND ${counted})`,
  );

/** Recomputes an organization's summary of one kind of record, after one of them changed. */
export async function refreshActiveUntil(
  manager: Pick<EntityManager, 'query'>,
  table: keyof typeof ACTIVE_UNTIL,
  socialOrganizationId: string,
): Promise<void> {
  await manager.query(`UPDATE social_organization o SET ${summaryOf(table).join(', ')} WHERE o.id = ?`, [
    socialOrganizationId,
  ]);
}

/** Every organization's summary, in the subgraph's list of kept statistics. */
export const coverageSummary: Statistic = {
  name: 'coverage summary (work_covered_until, cross_appointed_until, secretary_cross_appointed_until)',
  async rebuild(manager) {
    const tables = Object.keys(ACTIVE_UNTIL) as Array<keyof typeof ACTIVE_UNTIL>;
    await manager.query(`UPDATE social_organization o SET ${tables.flatMap(summaryOf).join(', ')}`);
  },
};
