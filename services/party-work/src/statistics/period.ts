import { today } from '@pb/platform/calendar';
import { badInput } from '@pb/platform/errors';

/**
 * The calendar year a figure of a year is asked for, or the current one (China time), refused with
 * BAD_USER_INPUT on `year` outside `earliest`..2100. One reading for every statistic of a year.
 */
export function readYear(year: number | null | undefined, earliest = 2000): number {
  const chosen = year ?? Number(today().slice(0, 4));
  if (!Number.isInteger(chosen) || chosen < earliest || chosen > 2100)
    throw badInput('year', `year must be from ${earliest} to 2100.`);
  return chosen;
}
