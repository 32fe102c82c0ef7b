import { chinaDate } from '@pb/platform/calendar';
import { badInput } from '@pb/platform/errors';
import type { RecordActivityInput } from './activity.input.js';
import { ActivityMode } from './activity.type.js';

/** Rules of recording organizational life; `extensions.rule` carries these names. */
export const ACTIVITY_RULES = {
  RECORDING_WINDOW: 'RECORDING_WINDOW',
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
  ATTENDANCE_SUM: 'ATTENDANCE_SUM',
  ATTENDANCE_MODE: 'ATTENDANCE_MODE',
  ATTENDANCE_PER_MEMBER: 'ATTENDANCE_PER_MEMBER',
  CORRECTS_LATEST: 'CORRECTS_LATEST',
  CORRECTS_SAME_BRANCH: 'CORRECTS_SAME_BRANCH',
  BRANCH_ACTIVE: 'BRANCH_ACTIVE',
} as const;

/** A user error naming the rule it breaks. */
export const rule = (field: string, name: string, message: string) =>
  badInput(field, message, { rule: name });

/** The attendance of an activity as counted. */
export interface AttendanceCounts {
  expected: number;
  present: number;
  online: number;
  excused: number;
  absent: number;
}

/**
 * When an activity was held: an ISO-8601 instant, not in the future, while the branch existed, and within
 * the recording window unless it corrects a record; the instant and its day (China time).
 */
export function checkHeldAt(
  input: RecordActivityInput,
  branch: { name: string; establishedAt: string; dissolvedAt: string | null },
  windowDays: number,
): { heldAt: Date; heldOn: string } {
  const heldAt = new Date(input.heldAt);
  if (Number.isNaN(heldAt.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(input.heldAt))
    throw badInput('input.heldAt', `input.heldAt must be an ISO-8601 date-time, got "${input.heldAt}".`);
  const now = Date.now();
  if (heldAt.getTime() > now + 5 * 60_000)
    throw rule(
      'input.heldAt',
      ACTIVITY_RULES.NOT_IN_FUTURE,
      `input.heldAt is in the future; record an activity after it is held (rule ${ACTIVITY_RULES.NOT_IN_FUTURE}).`,
    );
  const heldOn = chinaDate(heldAt);
  if (heldOn < branch.establishedAt || (branch.dissolvedAt && heldOn > branch.dissolvedAt))
    throw rule(
      'input.heldAt',
      ACTIVITY_RULES.BRANCH_ACTIVE,
      `${branch.name} did not exist on ${heldOn} (established ${branch.establishedAt}${branch.dissolvedAt ? `, dissolved ${branch.dissolvedAt}` : ''}).`,
    );
  if (!input.correctsId && now - heldAt.getTime() > windowDays * 86400_000)
    throw rule(
      'input.heldAt',
      ACTIVITY_RULES.RECORDING_WINDOW,
      `An activity is recorded within ${windowDays} days of being held (rule ${ACTIVITY_RULES.RECORDING_WINDOW}); this one was held on ${heldOn}. Late records are not accepted; correct an existing record instead.`,
    );
  return { heldAt, heldOn };
}

/** The counts of attendance: whole numbers that add up, and none online offline or in person online. */
export function checkCounts(input: RecordActivityInput): AttendanceCounts {
  const counts = {
    expected: input.expected,
    present: input.present,
    online: input.online,
    excused: input.excused,
    absent: input.absent,
  };
  for (const [name, value] of Object.entries(counts))
    if (!Number.isInteger(value) || value < 0 || value > 100_000)
      throw badInput(`input.${name}`, `input.${name} must be a whole number from 0 to 100000.`);
  if (counts.present + counts.online + counts.excused + counts.absent !== counts.expected)
    throw rule(
      'input.expected',
      ACTIVITY_RULES.ATTENDANCE_SUM,
      `present + online + excused + absent must equal expected (rule ${ACTIVITY_RULES.ATTENDANCE_SUM}): ${counts.present} + ${counts.online} + ${counts.excused} + ${counts.absent} ≠ ${counts.expected}.`,
    );
  if (input.mode === ActivityMode.OFFLINE && counts.online > 0)
    throw rule(
      'input.online',
      ACTIVITY_RULES.ATTENDANCE_MODE,
      `An OFFLINE activity has no online attendance (rule ${ACTIVITY_RULES.ATTENDANCE_MODE}).`,
    );
  if (input.mode === ActivityMode.ONLINE && counts.present > 0)
    throw rule(
      'input.present',
      ACTIVITY_RULES.ATTENDANCE_MODE,
      `An ONLINE activity has no attendance in person (rule ${ACTIVITY_RULES.ATTENDANCE_MODE}).`,
    );
  return counts;
}

/**
 * The attendance per member, when given: each member once, agreeing with the counts; the members it names
 * (whether they are on the branch's rolls needs a read).
 */
export function checkAttendanceTally(input: RecordActivityInput, counts: AttendanceCounts): Set<string> {
  const attendance = input.attendance ?? [];
  const tally: Record<string, number> = { PRESENT: 0, ONLINE: 0, EXCUSED: 0, ABSENT: 0 };
  const ids = new Set<string>();
  for (const a of attendance) {
    ids.add(a.memberId);
    tally[a.attendance] = (tally[a.attendance] ?? 0) + 1;
  }
  if (
    ids.size !== attendance.length ||
    ids.size !== counts.expected ||
    tally.PRESENT !== counts.present ||
    tally.ONLINE !== counts.online ||
    tally.EXCUSED !== counts.excused ||
    tally.ABSENT !== counts.absent
  )
    throw rule(
      'input.attendance',
      ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
      `The attendance per member must list each member once and agree with the counts (rule ${ACTIVITY_RULES.ATTENDANCE_PER_MEMBER}).`,
    );
  return ids;
}
