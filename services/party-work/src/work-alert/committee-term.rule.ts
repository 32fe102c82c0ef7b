import { addMonths } from '@pb/platform/calendar';
import { BRANCH_COMMITTEE_TERM_YEARS } from '../committee/committee.rules.js';
import type { KeptWorkAlert, WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/**
 * 换届 overdue: a branch's committee term has ended (its endsOn has passed) and no newer election is
 * recorded. The term is the newest recorded election's; a branch with a committee and no election recorded
 * is in its first term, from its establishment, for BRANCH_COMMITTEE_TERM_YEARS. A branch with neither
 * raises nothing. Imports only types from work-alert.rule-kit.ts; work-alert.rules.ts lists this rule.
 */
export const committeeTermRule: WorkAlertRule = {
  kinds: [WorkAlertKind.COMMITTEE_TERM_ENDED],
  subject: 'BRANCH',
  async evaluate(q, { branches }, day) {
    if (branches.length === 0) return [];
    const rows = (await q.query(
      `SELECT e.party_organization_id AS id, DATE_FORMAT(e.elected_on, '%Y-%m-%d') AS elected_on,
              DATE_FORMAT(e.ends_on, '%Y-%m-%d') AS ends_on
       FROM committee_election e
       WHERE e.party_organization_id IN (?) AND e.elected_on = (
         SELECT MAX(x.elected_on) FROM committee_election x WHERE x.party_organization_id = e.party_organization_id)`,
      [branches.map((b) => b.id)],
    )) as Array<{ id: string; elected_on: string; ends_on: string }>;
    const latest = new Map(rows.map((r) => [r.id, r]));
    const alerts: KeptWorkAlert[] = [];
    for (const b of branches) {
      const election = latest.get(b.id);
      const term = election
        ? { from: election.elected_on, endsOn: election.ends_on }
        : b.has_committee
          ? { from: b.established_at, endsOn: addMonths(b.established_at, 12 * BRANCH_COMMITTEE_TERM_YEARS) }
          : null;
      if (!term || term.endsOn >= day) continue;
      alerts.push({
        kind: WorkAlertKind.COMMITTEE_TERM_ENDED,
        subjectId: b.id,
        ruleKey: '',
        regionCode: b.region_code,
        branchId: b.id,
        memberId: null,
        rule: 'a committee is re-elected (换届) when its term ends',
        message: `${b.name}: the committee's term from ${term.from} ended on ${term.endsOn}; hold the election (换届).`,
        dueOn: term.endsOn,
      });
    }
    return alerts;
  },
};
