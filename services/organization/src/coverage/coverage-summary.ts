import type { EntityManager } from 'typeorm';
import type { Statistic } from '../statistics.js';

/**
 * Each organization's summary of its work-coverage measures (`work_covered_until`) and cross appointments
 * (`cross_appointed_until`), see the CoverageSummary migration: the last day any of them is active,
 * '9999-12-31' when one is open-ended, NULL when there are none. Measures and appointments never start in
 * the future, so one is active today exactly when that day is today or later, and the coverage cells
 * count work coverage from the organization's row alone.
 */
const ACTIVE_UNTIL = {
  work_coverage: 'work_covered_until',
  cross_appointment: 'cross_appointed_until',
} as const;

/** Recomputes an organization's summary of one kind of record, after one of them changed. */
export async function refreshActiveUntil(
  manager: Pick<EntityManager, 'query'>,
  table: keyof typeof ACTIVE_UNTIL,
  socialOrganizationId: string,
): Promise<void> {
  await manager.query(
    `UPDATE social_organization SET ${ACTIVE_UNTIL[table]} =
       (SELECT MAX(COALESCE(r.until, '9999-12-31')) FROM ${table} r WHERE r.social_organization_id = ?)
      WHERE id = ?`,
    [socialOrganizationId, socialOrganizationId],
  );
}

/** Every organization's summary, in the subgraph's list of kept statistics. */
export const coverageSummary: Statistic = {
  name: 'coverage summary (work_covered_until, cross_appointed_until)',
  async rebuild(manager) {
    await manager.query(`
      UPDATE social_organization o
         SET work_covered_until = (SELECT MAX(COALESCE(w.until, '9999-12-31')) FROM work_coverage w
                                    WHERE w.social_organization_id = o.id),
             cross_appointed_until = (SELECT MAX(COALESCE(c.until, '9999-12-31')) FROM cross_appointment c
                                       WHERE c.social_organization_id = o.id)`);
  },
};
