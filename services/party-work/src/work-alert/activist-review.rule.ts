import { addMonths } from '@pb/platform/calendar';
import { type MemberRow, memberAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/** An activist not reviewed (talked with) in the last 6 months. */
export const activistReview: WorkAlertRule = {
  kinds: [WorkAlertKind.ACTIVIST_REVIEW_OVERDUE],
  subject: 'MEMBER',
  stages: ['ACTIVIST'],
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const since = addMonths(day, -6);
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.stage_since, '%Y-%m-%d') AS since FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'ACTIVIST' AND m.stage_since <= ?
         AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id AND t.held_on > ?)`,
      [memberIds, since, since],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.ACTIVIST_REVIEW_OVERDUE,
        m,
        'an activist is reviewed every 6 months',
        `${m.name}: activist since ${m.since}, no review (talk) in 6 months.`,
        null,
      ),
    );
  },
};
