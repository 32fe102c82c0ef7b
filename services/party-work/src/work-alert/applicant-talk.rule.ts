import { addMonths } from '@pb/platform/calendar';
import { type MemberRow, memberAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/** No talk within a month of the application. */
export const applicantTalk: WorkAlertRule = {
  kinds: [WorkAlertKind.APPLICANT_TALK_OVERDUE],
  subject: 'MEMBER',
  stages: ['APPLICANT'],
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.applied_on, '%Y-%m-%d') AS since FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'APPLICANT' AND m.applied_on IS NOT NULL AND m.applied_on < ?
         AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id
                         AND t.held_on BETWEEN m.applied_on AND DATE_ADD(m.applied_on, INTERVAL 1 MONTH))`,
      [memberIds, addMonths(day, -1)],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.APPLICANT_TALK_OVERDUE,
        m,
        'a talk within 1 month of the application',
        `${m.name} applied on ${m.since}; no talk within a month.`,
        addMonths(m.since, 1),
      ),
    );
  },
};
