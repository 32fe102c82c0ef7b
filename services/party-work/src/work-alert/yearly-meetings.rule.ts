import { ActivityType } from '../activity/activity.type.js';
import { branchAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

const YEARLY: Array<[WorkAlertKind, ActivityType, string]> = [
  [
    WorkAlertKind.ORGANIZATIONAL_LIFE_MEETING_MISSING,
    ActivityType.ORGANIZATIONAL_LIFE_MEETING,
    '组织生活会 at least once a year',
  ],
  [WorkAlertKind.DEMOCRATIC_APPRAISAL_MISSING, ActivityType.DEMOCRATIC_APPRAISAL, '民主评议党员 once a year'],
];

/** 组织生活会 / 民主评议 not held this year, once Q4 has come. */
export const yearlyMeetings: WorkAlertRule = {
  kinds: YEARLY.map(([kind]) => kind),
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0 || day.slice(5) < '10-01') return [];
    const year = day.slice(0, 4);
    const rows = (await q.query(
      `SELECT DISTINCT a.branch_id, a.type FROM activity a
       WHERE a.branch_id IN (?) AND a.type IN (?) AND a.quarter IN (?) AND a.superseded_by IS NULL`,
      [branches.map((b) => b.id), YEARLY.map(([, type]) => type), [1, 2, 3, 4].map((n) => `${year}Q${n}`)],
    )) as Array<{ branch_id: string; type: string }>;
    const held = new Set(rows.map((r) => `${r.branch_id}|${r.type}`));
    return YEARLY.flatMap(([kind, type, rule]) =>
      branches
        .filter((b) => !held.has(`${b.id}|${type}`))
        .map((b) =>
          branchAlert(kind, b, '', rule, `${b.name} has not held ${type} in ${year}.`, `${year}-12-31`),
        ),
    );
  },
};
