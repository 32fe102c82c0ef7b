import type { CoverageSettings } from '../config.js';
import { STANDALONE_NEEDS_THREE_FULL_MEMBERS } from '../party-organization/party-organization.type.js';
import type { AlertRow } from './coverage-alert.parts.js';
import { CoverageAlert } from './coverage-alert.type.js';

/** An alert as the API shows it: its row, with a message naming the subject, the figure and what to do. */
export function toAlert(row: AlertRow, settings: CoverageSettings): CoverageAlert {
  const figure = row.figure === null ? null : Number(row.figure);
  const name = row.subject;
  const messages: Record<string, string> = {
    ELIGIBLE_NO_COVERAGE: `应建未建: "${name}" has ${figure} full members (≥ 3) and no Party organization at all; set up a branch.`,
    ELIGIBLE_JOINT_ONLY: `应建未建: "${name}" has ${figure} full members (≥ 3) but is only in a ${String(row.detail).toLowerCase()} Party organization; set up its own branch.`,
    NO_COVERAGE: `空白点: "${name}" has no Party organization and no active instructor, liaison, union or Youth League body.`,
    NOT_IN_STEP: `新登记未同步: "${name}" was registered on ${row.detail}, ${figure} days ago (more than ${settings.syncDays}), and has no coverage yet.`,
    CHARTER_CLAUSE_MISSING: `"${name}": the charter carries no Party-building clause; amend it to carry one.`,
    CHARTER_CLAUSE_PENDING: `"${name}": an amendment to carry the Party-building clause is under way; see it through.`,
    JOINT_BRANCH_OVER_5_UNITS: `"${name}" is a joint branch covering ${figure} units (advice: at most 5); consider splitting it.`,
    COMMITTEE_MISSING: `"${name}" has ${figure} full members (≥ 7) and no committee; elect a committee of 3 to 5.`,
    PARTY_COMMITTEE_NEEDED: `"${name}" has ${figure} full members (≥ 100) and is a ${String(row.detail).toLowerCase().replace('_', ' ')}; a Party committee is advised (with the higher organization's approval).`,
    [STANDALONE_NEEDS_THREE_FULL_MEMBERS]: `"${name}" has its own standalone branch but ${figure} full members now (fewer than 3); a unit with fewer than 3 joins a joint branch (联合党支部): move it into one, or develop members.`,
    INSTRUCTOR_NO_CONTACT: `The instructor of "${name}" has no recorded contact for ${figure} days (more than ${settings.instructorContactDays}).`,
  };
  return Object.assign(new CoverageAlert(), {
    id: `${row.kind}:${row.rule}:${row.so_id ?? row.po_id}${row.kind === 'INSTRUCTOR_NO_CONTACT' ? `:${row.sort_key}` : ''}`,
    kind: row.kind,
    severity: row.severity,
    rule: row.rule,
    message: messages[row.rule] ?? row.rule,
    regionCode: row.region_code,
    socialOrganizationId: row.so_id,
    partyOrganizationId: row.po_id,
    subjectName: name,
    figure,
    seq: String(row.sort_key),
  });
}
