import type { KeptWorkAlert, WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/**
 * 民主评议: a member graded 不合格 is dealt with by the branch (Party Constitution Art. 9: 限期改正, 劝其退党
 * or 除名). The alert stands from the day after appraisedOn + 1 month while no follow-up is recorded for
 * the grade, and while the member is on the rolls as a Party member (one who left needs none); one per
 * grade (ruleKey: the year appraised). A follow-up recorded late clears it: the alert is a to-do, not a
 * tally of lateness. (A 限期改正 whose correctBy passed raises nothing: no outcome of a correction is
 * recorded yet to clear such an alert.)
 */

/** The members this rule can raise an alert on: Party members with a 不合格 grade. */
const MEMBERS_WITH_UNQUALIFIED = `m.stage IN ('FULL', 'PROBATIONARY') AND EXISTS
  (SELECT 1 FROM appraisal ua WHERE ua.member_id = m.id AND ua.grade = 'UNQUALIFIED')`;

export const appraisalFollowUp: WorkAlertRule = {
  kinds: [WorkAlertKind.UNQUALIFIED_FOLLOW_UP_OVERDUE],
  subject: 'MEMBER',
  stages: ['FULL', 'PROBATIONARY'],
  members: MEMBERS_WITH_UNQUALIFIED,
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id, a.year,
              DATE_FORMAT(a.appraised_on, '%Y-%m-%d') AS appraised_on,
              DATE_FORMAT(DATE_ADD(a.appraised_on, INTERVAL 1 MONTH), '%Y-%m-%d') AS due_on
       FROM party_member m JOIN appraisal a ON a.member_id = m.id
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage IN ('FULL', 'PROBATIONARY')
         AND a.grade = 'UNQUALIFIED' AND DATE_ADD(a.appraised_on, INTERVAL 1 MONTH) < ?
         AND NOT EXISTS (SELECT 1 FROM appraisal_follow_up f WHERE f.appraisal_id = a.id)`,
      [memberIds, day],
    )) as Array<{
      id: string;
      name: string;
      region_code: string;
      branch_id: string | null;
      year: number;
      appraised_on: string;
      due_on: string;
    }>;
    return rows.map(
      (m): KeptWorkAlert => ({
        kind: WorkAlertKind.UNQUALIFIED_FOLLOW_UP_OVERDUE,
        subjectId: m.id,
        ruleKey: String(m.year),
        regionCode: m.region_code,
        branchId: m.branch_id,
        memberId: m.id,
        rule: 'a 不合格 grade is followed up (限期改正, 劝其退党 or 除名) within 1 month',
        message: `${m.name}: graded 不合格 for ${m.year} on ${m.appraised_on}; no follow-up decided within a month.`,
        dueOn: m.due_on,
      }),
    );
  },
};
