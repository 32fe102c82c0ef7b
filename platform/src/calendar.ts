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
