import { addMonths, ageOn, readBirthDate, readRecordDate } from '@pb/platform/calendar';
import { badInput } from '@pb/platform/errors';
import { readOptionalText, readText } from '@pb/platform/text-input';
import { birthDateOf, idNumberProblem, phoneProblem } from '../personal-data/personal-data.cipher.js';
import type { PartyMemberEntity } from './party-member.entity.js';
import type { AddPartyMemberInput } from './party-member.input.js';
import { MemberStage } from './party-member.type.js';

/** Rules of 《中国共产党发展党员工作细则》 as the product applies them; `extensions.rule` carries these names. */
export const RULES = {
  MIN_AGE: 'MIN_AGE_18',
  STAGE_ORDER: 'STAGE_ORDER',
  DATE_ORDER: 'DATE_ORDER',
  ACTIVIST_ONE_YEAR: 'ACTIVIST_ONE_YEAR',
  TRAINING_24_HOURS: 'CANDIDATE_TRAINING_24_HOURS',
  TWO_INTRODUCERS: 'TWO_INTRODUCERS',
  POLITICAL_REVIEW: 'POLITICAL_REVIEW',
  PROBATION_ONE_YEAR: 'PROBATION_ONE_YEAR',
  EXTENSION_RANGE: 'PROBATION_EXTENSION_6_TO_12_MONTHS',
  EXTENSION_ONCE: 'PROBATION_EXTENDED_ONCE',
  EXTENSION_PROBATIONARY_ONLY: 'PROBATION_EXTENSION_PROBATIONARY_ONLY',
  MEMBER_ACTIVE: 'MEMBER_ACTIVE',
  ID_NUMBER_VALID: 'ID_NUMBER_VALID',
  PHONE_VALID: 'PHONE_VALID',
  ID_NUMBER_UNIQUE: 'ID_NUMBER_UNIQUE',
  PHONE_UNIQUE: 'PHONE_UNIQUE',
  BRANCH_ACTIVE: 'BRANCH_ACTIVE',
  ORGANIZATION_ACTIVE: 'ORGANIZATION_ACTIVE',
} as const;

/**
 * Class hours of short concentrated training (3 days or 24 hours) a candidate (发展对象) takes before becoming
 * probationary (《中国共产党发展党员工作细则》 Art. 19).
 */
export const CANDIDATE_TRAINING_HOURS = 24;

/** A user error naming the rule it breaks. */
export const rule = (field: string, name: string, message: string) =>
  badInput(field, message, { rule: name });

/**
 * A date in a member's development (application, stages, extension, transfer, end): not before the Party
 * was founded, nor in the future (rule DATE_ORDER, as changes are dated in order up to today).
 */
export function stageDate(field: string, value: string): string {
  return readRecordDate(field, value, RULES.DATE_ORDER);
}

/** The optional note of a change in a member's record, several lines at most 500 characters. */
export function readNote(value: string | null | undefined): string | null {
  return readOptionalText('input.note', value, { max: 500, multiline: true });
}

/** Who approved a change (a meeting, a committee), as given. */
export function readApprover(value: string): string {
  return readText('input.approvedBy', value, { max: 64 });
}

/** One year from the branch vote, plus any extension. */
export function probationEnd(member: { stageSince: string; probationExtendedMonths: number }): string {
  return addMonths(member.stageSince, 12 + member.probationExtendedMonths);
}

/** Changes are dated in order: none before the current stage began. */
export function notBeforeStage(member: PartyMemberEntity, effectiveOn: string): void {
  if (effectiveOn < member.stageSince) {
    throw rule(
      'input.effectiveOn',
      RULES.DATE_ORDER,
      `input.effectiveOn ${effectiveOn} is before the current stage began (${member.stageSince}); changes are dated in order (rule ${RULES.DATE_ORDER}).`,
    );
  }
}

/** What a new member's input says of the person, checked: dates, ID number, phone and age. */
export interface PersonChecked {
  name: string;
  stageSince: string;
  appliedOn: string | null;
  idNumber: string | null;
  phone: string | null;
  birthDate: string | null;
}

/** Checks what a new member's input says of the person against every rule that needs no read. */
export function checkPerson(input: AddPartyMemberInput, today: string): PersonChecked {
  const name = readText('input.name', input.name, { max: 64 });
  const stageSince = stageDate('input.stageSince', input.stageSince ?? today);
  const appliedOn = input.appliedOn
    ? stageDate('input.appliedOn', input.appliedOn)
    : input.stage === MemberStage.APPLICANT
      ? stageSince
      : null;
  if (appliedOn && appliedOn > stageSince)
    throw rule('input.appliedOn', RULES.DATE_ORDER, 'input.appliedOn cannot be after input.stageSince.');
  const idNumber = input.idNumber?.trim().toUpperCase() || null;
  if (idNumber) {
    const problem = idNumberProblem(idNumber);
    if (problem)
      throw rule(
        'input.idNumber',
        RULES.ID_NUMBER_VALID,
        `input.idNumber ${problem} (rule ${RULES.ID_NUMBER_VALID}).`,
      );
  }
  const phone = input.phone?.replace(/[\s-]/g, '') || null;
  if (phone) {
    const problem = phoneProblem(phone);
    if (problem)
      throw rule('input.phone', RULES.PHONE_VALID, `input.phone ${problem} (rule ${RULES.PHONE_VALID}).`);
  }
  // the ID number carries the birth date, so a slip in either is caught by the same range
  const birthDate = idNumber
    ? readBirthDate('input.idNumber', birthDateOf(idNumber), RULES.MIN_AGE)
    : input.birthDate
      ? readBirthDate('input.birthDate', input.birthDate, RULES.MIN_AGE)
      : null;
  const joinedOn = appliedOn ?? stageSince;
  if (birthDate && ageOn(birthDate, joinedOn) < 18) {
    throw rule(
      idNumber ? 'input.idNumber' : 'input.birthDate',
      RULES.MIN_AGE,
      `An applicant must be at least 18 (rule ${RULES.MIN_AGE}); born ${birthDate}, the person was ${ageOn(birthDate, joinedOn)} on ${joinedOn}.`,
    );
  }
  return { name, stageSince, appliedOn, idNumber, phone, birthDate };
}
