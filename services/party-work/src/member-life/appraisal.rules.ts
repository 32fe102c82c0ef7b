import { addMonths, readDate, readRecordDate, today } from '@pb/platform/calendar';
import { badInput, conflict } from '@pb/platform/errors';
import type { RecordAppraisalFollowUpInput, RecordAppraisalInput } from './member-life.input.js';
import { AppraisalFollowUpAction, AppraisalGrade } from './member-life.type.js';

/** The rules of 民主评议 grades and their follow-up (domain.md, 民主评议党员), by `extensions.rule`. */
export const APPRAISAL_RULES = {
  APPRAISAL_MEMBERS_ONLY: 'APPRAISAL_MEMBERS_ONLY',
  APPRAISAL_ONCE_A_YEAR: 'APPRAISAL_ONCE_A_YEAR',
  APPRAISED_IN_YEAR: 'APPRAISED_IN_YEAR',
  FOLLOW_UP_UNQUALIFIED_ONLY: 'FOLLOW_UP_UNQUALIFIED_ONLY',
  FOLLOW_UP_CORRECT_BY: 'FOLLOW_UP_CORRECT_BY',
  FOLLOW_UP_DATE_ORDER: 'FOLLOW_UP_DATE_ORDER',
  FOLLOW_UP_ONCE: 'FOLLOW_UP_ONCE',
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
} as const;

/** 限期改正 lasts at most this many months from the decision. */
export const CORRECTION_MONTHS = 12;

const refuse = (field: string, rule: string, message: string) =>
  badInput(field, `${message} (rule ${rule}).`, { rule });

/** An appraisal's input checked as far as it needs no row: its year and day. */
export function readAppraisal(input: RecordAppraisalInput): { year: number; appraisedOn: string } {
  const day = today();
  const thisYear = Number(day.slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear)
    throw badInput('input.year', `input.year must be from 2000 to ${thisYear}.`, {
      rule: APPRAISAL_RULES.NOT_IN_FUTURE,
    });
  // recorded without a day: today in the year appraised; the year's last day for a year past
  const appraisedOn = input.appraisedOn
    ? readRecordDate('input.appraisedOn', input.appraisedOn, APPRAISAL_RULES.NOT_IN_FUTURE)
    : input.year === thisYear
      ? day
      : `${input.year}-12-31`;
  if (Number(appraisedOn.slice(0, 4)) !== input.year)
    throw refuse(
      'input.appraisedOn',
      APPRAISAL_RULES.APPRAISED_IN_YEAR,
      `input.appraisedOn ${appraisedOn} is not in ${input.year}, the year appraised; give the day of that year's appraisal`,
    );
  return { year: input.year, appraisedOn };
}

/** A follow-up's dates checked against its grade: the dates in order, correctBy for 限期改正 only. */
export function readFollowUp(
  input: RecordAppraisalFollowUpInput,
  appraisal: { grade: string; year: number; appraisedOn: string },
): { decidedOn: string; correctBy: string | null } {
  if (appraisal.grade !== AppraisalGrade.UNQUALIFIED)
    throw refuse(
      'input.appraisalId',
      APPRAISAL_RULES.FOLLOW_UP_UNQUALIFIED_ONLY,
      `This grade is ${appraisal.grade}; only a member graded 不合格 (UNQUALIFIED) is followed up`,
    );
  const decidedOn = readRecordDate('input.decidedOn', input.decidedOn, APPRAISAL_RULES.NOT_IN_FUTURE);
  if (decidedOn < appraisal.appraisedOn)
    throw refuse(
      'input.decidedOn',
      APPRAISAL_RULES.FOLLOW_UP_DATE_ORDER,
      `input.decidedOn ${decidedOn} is before the appraisal (${appraisal.appraisedOn}); a follow-up is decided after it`,
    );
  if (input.action !== AppraisalFollowUpAction.LIMITED_CORRECTION) {
    if (input.correctBy)
      throw refuse(
        'input.correctBy',
        APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
        `input.correctBy is for 限期改正 (LIMITED_CORRECTION) only; leave it out for ${input.action}`,
      );
    return { decidedOn, correctBy: null };
  }
  if (!input.correctBy)
    throw refuse(
      'input.correctBy',
      APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
      '限期改正 (LIMITED_CORRECTION) sets the day the correction is due: give input.correctBy',
    );
  const correctBy = readDate('input.correctBy', input.correctBy);
  const latest = addMonths(decidedOn, CORRECTION_MONTHS);
  if (correctBy <= decidedOn || correctBy > latest)
    throw refuse(
      'input.correctBy',
      APPRAISAL_RULES.FOLLOW_UP_CORRECT_BY,
      `input.correctBy ${correctBy} must be after input.decidedOn and at most ${CORRECTION_MONTHS} months after it (by ${latest})`,
    );
  return { decidedOn, correctBy };
}

/** Only Party members on the rolls (full or probationary) are graded. */
export function refuseUnlessPartyMember(member: { stage: string; status: string }): void {
  if (member.status !== 'ACTIVE' || (member.stage !== 'FULL' && member.stage !== 'PROBATIONARY'))
    throw badInput(
      'input.memberId',
      `Only Party members on the rolls (probationary or full) are appraised (rule ${APPRAISAL_RULES.APPRAISAL_MEMBERS_ONLY}); this one is ${member.stage}, ${member.status}.`,
      { rule: APPRAISAL_RULES.APPRAISAL_MEMBERS_ONLY },
    );
}

/** A second grade of a year is refused, never replacing the first: a grade is the branch's decision. */
export function refuseSecondGrade(year: number): never {
  throw conflict(
    `input.year: this member already has a grade for ${year} (rule ${APPRAISAL_RULES.APPRAISAL_ONCE_A_YEAR}).`,
    { field: 'input.year', rule: APPRAISAL_RULES.APPRAISAL_ONCE_A_YEAR },
  );
}
