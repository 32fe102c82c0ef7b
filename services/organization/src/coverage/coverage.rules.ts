import type { CoverageSettings } from '../config.js';
import { addDays, today } from '../dates.js';

/**
 * The definitions of coverage, one each, shared by the kept cells (the statistics) and the alerts, so a
 * figure and the alerts counted from it never disagree. Each is SQL over an organization's own columns.
 */

/**
 * 入章率's numerator, the one definition: a charter that carries the Party-building clause. The charter
 * alert is every other charter (MISSING, or PENDING an amendment), so its count is N − charterIncluded.
 */
export const charterIncluded = (column: string) => `${column} IN ('FULL_LEADERSHIP', 'BASIC')`;

/**
 * 应建尽建's terms, the one definition for the statistics and the alerts (`o` is the organization's
 * alias, '' for none): an eligible organization has at least three full members; a standalone one its
 * own Party organization (null-safe, so an uncovered organization is simply not standalone). 应建未建 is
 * eligible and not standalone, so its count is eligible − eligibleStandalone.
 */
export const isEligible = (o = '') => `${o}eligible = 1`;
export const isStandalone = (o = '') => `${o}coverage_mode <=> 'STANDALONE'`;

/**
 * An instructor without recorded contact (the INSTRUCTOR_NO_CONTACT alert), the one definition, for its
 * cell and its list (`w` the measure, `o` its organization): active today (values: today, today), its
 * last contact (or its start) before the limit (value: that day); see `instructorNoContactValues`.
 */
export const instructorNoContact = `w.kind = 'INSTRUCTOR' AND w.since <= ? AND (w.until IS NULL OR w.until >= ?)
  AND COALESCE(w.last_contact_at, w.since) < ? AND o.status = 'ACTIVE'`;

/** The values of `instructorNoContact` on `day`. */
export function instructorNoContactValues(day: string, settings: CoverageSettings): string[] {
  return [day, day, addDays(day, -settings.instructorContactDays)];
}

/**
 * 新登记未同步, the one definition (`o` an active organization): registered in the in-step period
 * (values: its from and to), no Party cover and no work-coverage measure active today (value: today).
 */
export const registeredNotInStep = `o.coverage_mode IS NULL AND o.registered_at BETWEEN ? AND ?
  AND (o.work_covered_until IS NULL OR o.work_covered_until < ?)`;

/** The in-step period: registrations in the 365 days that ended `days` days ago, so each had its D days. */
export function inStepPeriod(days: number, day = today()): { from: string; to: string } {
  const to = addDays(day, -days);
  return { from: addDays(to, -364), to };
}

/** How many months the registration trend (`byMonth`) covers, this month included. */
export const TREND_MONTHS = 12;

/** The `n` calendar months ending with the month of `day`, oldest first, as `YYYY-MM`. */
export function monthsEnding(day: string, n = TREND_MONTHS): string[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const index = year * 12 + month - (n - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Structure limits of domain.md, raised as alerts; a new cover past the joint-branch limit is also refused. */
export const STRUCTURE_LIMITS = {
  jointBranchUnits: 5,
  committeeMembers: 7,
  partyCommitteeMembers: 100,
};

/**
 * The STRUCTURE rules of an active Party organization `q`, in rule order: the rule, its condition and the
 * limit its `?` stands for. Each condition is a range of an index (see the alert-indexes migration).
 */
export const STRUCTURE_RULES: Array<[rule: string, condition: string, limit: number]> = [
  [
    'JOINT_BRANCH_OVER_5_UNITS',
    "q.formation_mode = 'JOINT' AND q.covered_units > ?",
    STRUCTURE_LIMITS.jointBranchUnits,
  ],
  [
    'COMMITTEE_MISSING',
    'q.covered_full_members >= ? AND q.has_committee = 0',
    STRUCTURE_LIMITS.committeeMembers,
  ],
  [
    'PARTY_COMMITTEE_NEEDED',
    "q.type <> 'COMMITTEE' AND q.covered_full_members >= ?",
    STRUCTURE_LIMITS.partyCommitteeMembers,
  ],
];
