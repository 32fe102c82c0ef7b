import { addDays, isDate, readRecordDate, today } from '@pb/platform/calendar';
import { badInput } from '@pb/platform/errors';

// the calendar is the platform's (China time), shared with party-work so both agree on what day it is
export { addDays, today };

/** A real calendar date, past or future (a filter bound, a planned last day). */
export function anyDate(field: string, value: string): string {
  if (!isDate(value)) {
    throw badInput(field, `${field} must be a date YYYY-MM-DD, got "${value}".`, { rule: 'DATE_FORMAT' });
  }
  return value;
}

/** Active on `day`: started, and not past its last day (null: open-ended). */
export function isActiveOn(since: string, until: string | null, day = today()): boolean {
  return since <= day && (until === null || until >= day);
}

/**
 * A real calendar date of something that has happened: not in the future, nor before the Party was
 * founded (1921-07-01, a year-1 slip); BAD_USER_INPUT names the field and the rule otherwise.
 */
export function pastDate(field: string, value: string): string {
  anyDate(field, value);
  return readRecordDate(field, value);
}

/** `later` must not precede `earlier`: BAD_USER_INPUT naming both fields otherwise. */
export function notBefore(
  field: string,
  later: string,
  earlierField: string,
  earlier: string | null | undefined,
): void {
  if (earlier && later < earlier) {
    throw badInput(field, `${field} (${later}) cannot be before ${earlierField} (${earlier}).`, {
      rule: 'DATES_OUT_OF_ORDER',
    });
  }
}

/** Hides a person's name from viewers who may not see personal data: 王小明 → 王**. */
export function maskName(name: string | null, visible: boolean): string | null {
  if (name === null || visible) return name;
  return `${[...name][0] ?? ''}${'*'.repeat(Math.max(1, [...name].length - 1))}`;
}
