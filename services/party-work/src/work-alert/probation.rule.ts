import { type MemberRow, memberAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/** Probation over (a year plus any extension), conversion not decided. */
export const probation: WorkAlertRule = {
  kinds: [WorkAlertKind.PROBATION_UNDECIDED],
  subject: 'MEMBER',
  stages: ['PROBATIONARY'],
  async evaluate(q, { memberIds }, day) {
    if (memberIds.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.id, m.name, m.region_code, m.branch_id,
              DATE_FORMAT(DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH), '%Y-%m-%d') AS since
       FROM party_member m
       WHERE m.id IN (?) AND m.status = 'ACTIVE' AND m.stage = 'PROBATIONARY'
         AND DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH) < ?`,
      [memberIds, day],
    )) as MemberRow[];
    return rows.map((m) =>
      memberAlert(
        WorkAlertKind.PROBATION_UNDECIDED,
        m,
        'probation 1 year (plus any extension), then decided',
        `${m.name}: probation ended ${m.since}, not yet decided.`,
        m.since,
      ),
    );
  },
};
