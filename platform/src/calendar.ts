import { badInput } from './errors.js';

/**
 * Calendar dates of the domain: `YYYY-MM-DD` strings; days and quarters are reckoned in China Standard
 * Time (UTC+8), so an activity held at 07:00 on 1 April in Beijing belongs to Q2.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const CST_OFFSET_MS = 8 * 3600_000;

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Validates a date argument; BAD_USER_INPUT names the field. */
export function readDate(field: string, value: string): string {
  if (!isDate(value)) throw badInput(field, `${field} must be a date YYYY-MM-DD, got "${value}".`);
  return value;
}

/** 中国共产党成立: no stage of membership and no record of Party-building work is older. */
export const PARTY_FOUNDED = '1921-07-01';

/** The earliest birth date taken as real for a member on the rolls. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** One end of a plausible date range: the day itself, and what to tell the person whose date crosses it. */
export interface DateBound {
  date: string;
  /** Why nothing lies beyond it, e.g. "the Party was founded on 1921-07-01". */
  reason: string;
  /** `extensions.rule` of the refusal. */
  rule: string;
}

/**
 * A real date from `earliest` to `latest`, both included: the one check of a plausible date (year 1 or
 * 9999 are typing slips). BAD_USER_INPUT names the field, the bound crossed and why.
 */
export function readDateWithin(field: string, value: string, earliest: DateBound, latest: DateBound): string {
  readDate(field, value);
  if (value < earliest.date) {
    throw badInput(
      field,
      `${field} (${value}) cannot be before ${earliest.date}: ${earliest.reason} (rule ${earliest.rule}).`,
      { rule: earliest.rule },
    );
  }
  if (value > latest.date) {
    throw badInput(
      field,
      `${field} (${value}) cannot be after ${latest.date}: ${latest.reason} (rule ${latest.rule}).`,
      { rule: latest.rule },
    );
  }
  return value;
}

/** Nothing of Party-building work happened before the Party was founded. */
export const SINCE_PARTY_FOUNDED: DateBound = {
  date: PARTY_FOUNDED,
  reason: 'the Party was founded on 1921-07-01; give the real date',
  rule: 'DATE_BEFORE_PARTY_FOUNDED',
};

/** Today (China time) as the latest bound: records say what has happened. */
export function untilToday(rule = 'DATE_IN_FUTURE'): DateBound {
  return { date: today(), reason: 'it cannot be in the future; record what has happened', rule };
}

/** A date of something that has happened in Party-building work: from 1921-07-01 to today. */
export function readRecordDate(field: string, value: string, futureRule = 'DATE_IN_FUTURE'): string {
  return readDateWithin(field, value, SINCE_PARTY_FOUNDED, untilToday(futureRule));
}

/** How far ahead a planned date (the start or end of a term of office) may lie: terms are shorter. */
const PLANNED_YEARS_AHEAD = 10;

/**
 * A date that may lie ahead, as a planned start or end of a term does: from 1921-07-01 to ten years from
 * today, so 9999-12-31 or year 1 are refused as the slips they are.
 */
export function readPlannedDate(field: string, value: string): string {
  return readDateWithin(field, value, SINCE_PARTY_FOUNDED, {
    date: addMonths(today(), 12 * PLANNED_YEARS_AHEAD),
    reason: `a planned date lies at most ${PLANNED_YEARS_AHEAD} years ahead; leave it out when there is none`,
    rule: 'DATE_TOO_FAR_AHEAD',
  });
}

/** A member's birth date: from 1900-01-01 to 18 years before today (members are adults). */
export function readBirthDate(field: string, value: string, minAgeRule: string): string {
  return readDateWithin(
    field,
    value,
    { date: EARLIEST_BIRTH_DATE, reason: 'give the real birth date', rule: 'BIRTH_DATE_RANGE' },
    {
      date: addMonths(today(), -12 * 18),
      reason: 'a Party member is at least 18',
      rule: minAgeRule,
    },
  );
}

/** The calendar day in China of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function today(): string {
  return chinaDate(new Date());
}

/** Adds whole months; the 29th–31st of a shorter month fall back to its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** `2026-05-02` → `2026Q2`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Validates a quarter argument (`2026Q4`); null means the current quarter. */
export function readQuarter(value: string | null | undefined, field = 'quarter'): string {
  if (value === null || value === undefined) return quarterOf(today());
  if (!QUARTER.test(value)) throw badInput(field, `${field} must look like 2026Q4, got "${value}".`);
  return value;
}

/** First and last day of a quarter. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const [, year, q] = QUARTER.exec(quarter) as unknown as [string, string, string];
  const from = `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 3), -1) };
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
