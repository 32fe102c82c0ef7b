import type { EntityManager } from 'typeorm';
import { OWED_A_TALK } from '../statistics/talk-cells/talk-cells.js';
import type { KeptWorkAlert, WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/** The rule as it is named on each alert (domain.md, "Talks"). */
export const YEARLY_TALK_RULE = 'every Party member talked with (谈心谈话) at least once a year';

/**
 * 谈心谈话 not yet held this year with every Party member of a branch, once Q4 has come (as the yearly
 * meetings' alerts): a branch with at least one Party member (正式 or 预备) on its rolls who took part in
 * no talk held this year. The members owed a talk are those 谈心谈话覆盖率 counts (`OWED_A_TALK`), so a
 * branch's alert clears exactly when its members are all among talkStats' talkedWith. Says how many of
 * how many, never who: the branch acts on its own roll.
 */
export const yearlyTalk: WorkAlertRule = {
  kinds: [WorkAlertKind.YEARLY_TALK_MISSING],
  subject: 'BRANCH',
  async evaluate(q: Pick<EntityManager, 'query'>, { branches }, day) {
    if (branches.length === 0 || day.slice(5) < '10-01') return [];
    const year = day.slice(0, 4);
    const rows = (await q.query(
      `SELECT m.branch_id, COUNT(*) AS members,
              SUM(NOT EXISTS (SELECT 1 FROM talk_participant p WHERE p.member_id = m.id
                              AND p.held_on BETWEEN ? AND ?)) AS not_talked
       FROM party_member m WHERE m.branch_id IN (?) AND ${OWED_A_TALK('m')} GROUP BY m.branch_id`,
      [`${year}-01-01`, `${year}-12-31`, branches.map((b) => b.id)],
    )) as Array<{ branch_id: string; members: string | number; not_talked: string | number }>;
    const owed = new Map(rows.map((r) => [r.branch_id, r]));
    const alerts: KeptWorkAlert[] = [];
    for (const b of branches) {
      const row = owed.get(b.id);
      if (!row || Number(row.not_talked) === 0) continue;
      alerts.push({
        kind: WorkAlertKind.YEARLY_TALK_MISSING,
        subjectId: b.id,
        ruleKey: '',
        regionCode: b.region_code,
        branchId: b.id,
        memberId: null,
        rule: YEARLY_TALK_RULE,
        message: `${b.name}: ${Number(row.not_talked)} of ${Number(row.members)} Party members not yet talked with in ${year}.`,
        dueOn: `${year}-12-31`,
      });
    }
    return alerts;
  },
};
