import { addDays } from '@pb/platform/calendar';
import { CURRENT_SECRETARY } from '../secretary-stats/staff-posts.sql.js';
import { branchAlert, type KeptWorkAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/**
 * How long a branch may be without a secretary before NO_SECRETARY is raised: our setting (domain.md), a
 * vacancy is to be filled promptly, as the 支部工作条例 asks for a 书记 in every 支部委员会.
 */
export const SECRETARY_GRACE_DAYS = 90;

/**
 * A branch without a current secretary for more than SECRETARY_GRACE_DAYS: since it was established, or
 * since its last secretary's assignment ended (its last day in post), whichever is later. A secretary
 * dated ahead does not fill today's vacancy.
 */
export const secretary: WorkAlertRule = {
  kinds: [WorkAlertKind.NO_SECRETARY],
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0) return [];
    const rows = (await q.query(
      `SELECT s.party_organization_id AS id, MAX(${CURRENT_SECRETARY('s')}) AS current,
              DATE_FORMAT(MAX(CASE WHEN s.to_on < ? THEN s.to_on END), '%Y-%m-%d') AS last_ended
       FROM staff_assignment s WHERE s.party_organization_id IN (?) AND s.role = 'SECRETARY'
       GROUP BY s.party_organization_id`,
      [day, day, day, branches.map((b) => b.id)],
    )) as Array<{ id: string; current: number | string; last_ended: string | null }>;
    const secretaries = new Map(rows.map((r) => [r.id, r]));
    const alerts: KeptWorkAlert[] = [];
    for (const b of branches) {
      const row = secretaries.get(b.id);
      if (Number(row?.current ?? 0) === 1) continue;
      const since = row?.last_ended && row.last_ended > b.established_at ? row.last_ended : b.established_at;
      const dueOn = addDays(since, SECRETARY_GRACE_DAYS);
      if (dueOn >= day) continue;
      alerts.push(
        branchAlert(
          WorkAlertKind.NO_SECRETARY,
          b,
          '',
          `a branch has a secretary (a vacancy is filled within ${SECRETARY_GRACE_DAYS} days)`,
          `${b.name} has had no secretary since ${since}.`,
          dueOn,
        ),
      );
    }
    return alerts;
  },
};
