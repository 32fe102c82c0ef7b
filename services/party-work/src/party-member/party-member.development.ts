import { addMonths, ageOn } from '@pb/platform/calendar';
import { readOptionalText } from '@pb/platform/text-input';
import type { EntityManager } from 'typeorm';
import type { PartyMemberEntity } from './party-member.entity.js';
import type {
  AdvancePartyMemberInput,
  EndMembershipInput,
  ExtendProbationInput,
} from './party-member.input.js';
import type { StageChangeEntry } from './party-member.rows.js';
import {
  CANDIDATE_TRAINING_HOURS,
  notBeforeStage,
  probationEnd,
  RULES,
  readApprover,
  readNote,
  rule,
} from './party-member.rules.js';
import { MemberStage, STAGE_ORDER, StageChangeKind } from './party-member.type.js';

/**
 * The steps of a member's development (发展党员) and of leaving the rolls: each checks the step against the
 * rules, moves the locked member row and says what the history records. The service runs them in a
 * change (`PartyMemberService.change`), which writes the row, the history, the counts and the alerts.
 */

/** One step along the stages, checked against the rules of development. */
export async function advance(
  member: PartyMemberEntity,
  input: AdvancePartyMemberInput,
  effectiveOn: string,
  manager: EntityManager,
): Promise<StageChangeEntry> {
  const from = member.stage as MemberStage;
  const next = STAGE_ORDER[STAGE_ORDER.indexOf(from) + 1];
  if (input.stage !== next) {
    throw rule(
      'input.stage',
      RULES.STAGE_ORDER,
      next
        ? `A ${from} member advances to ${next} only; stages are not skipped or reversed (rule ${RULES.STAGE_ORDER}).`
        : `A FULL member has no further stage (rule ${RULES.STAGE_ORDER}).`,
    );
  }
  notBeforeStage(member, effectiveOn);
  if (member.birthDate && ageOn(member.birthDate, effectiveOn) < 18) {
    throw rule(
      'input.effectiveOn',
      RULES.MIN_AGE,
      `The person is under 18 on ${effectiveOn} (rule ${RULES.MIN_AGE}).`,
    );
  }
  let note = readNote(input.note);
  if (next === MemberStage.CANDIDATE) activistForAYear(member, effectiveOn);
  if (next === MemberStage.PROBATIONARY) {
    member.introducers = await admissible(member, input, effectiveOn, manager);
    note = note ?? `介绍人：${member.introducers}`;
  }
  if (next === MemberStage.FULL) probationServed(member, effectiveOn);
  member.stage = next;
  member.stageSince = effectiveOn;
  if (next === MemberStage.PROBATIONARY) member.probationExtendedMonths = 0;
  return {
    kind: StageChangeKind.ADVANCED,
    fromStage: from,
    effectiveOn,
    approvedBy: readApprover(input.approvedBy),
    note,
  };
}

/** An activist becomes a candidate after at least one year as activist. */
function activistForAYear(member: PartyMemberEntity, effectiveOn: string): void {
  const eligibleOn = addMonths(member.stageSince, 12);
  if (effectiveOn < eligibleOn) {
    throw rule(
      'input.effectiveOn',
      RULES.ACTIVIST_ONE_YEAR,
      `An activist becomes a candidate after at least one year as activist (rule ${RULES.ACTIVIST_ONE_YEAR}): activist since ${member.stageSince}, so not before ${eligibleOn}.`,
    );
  }
}

/**
 * A candidate's admission: a passed political review, two different introducers and the candidate's
 * training; the introducers as recorded.
 */
async function admissible(
  member: PartyMemberEntity,
  input: AdvancePartyMemberInput,
  effectiveOn: string,
  manager: EntityManager,
): Promise<string> {
  if (!input.politicalReviewPassed) {
    throw rule(
      'input.politicalReviewPassed',
      RULES.POLITICAL_REVIEW,
      `Admission needs a passed political review (政治审查, rule ${RULES.POLITICAL_REVIEW}); set politicalReviewPassed once it has.`,
    );
  }
  const introducers = (input.introducers ?? []).flatMap(
    (introducer, i) => readOptionalText(`input.introducers[${i}]`, introducer, { min: 2, max: 64 }) ?? [],
  );
  if (new Set(introducers).size !== 2) {
    throw rule(
      'input.introducers',
      RULES.TWO_INTRODUCERS,
      `Admission needs exactly two different introducers (入党介绍人, rule ${RULES.TWO_INTRODUCERS}); got ${introducers.length}.`,
    );
  }
  // 发展对象 are trained (Art. 19): only training held since the member became a candidate counts
  const [row] = (await manager.query(
    'SELECT COALESCE(SUM(hours), 0) AS hours FROM training_record WHERE member_id = ? AND started_on BETWEEN ? AND ?',
    [member.id, member.stageSince, effectiveOn],
  )) as Array<{ hours: string | number }>;
  const hours = Number(row?.hours ?? 0);
  if (hours < CANDIDATE_TRAINING_HOURS) {
    throw rule(
      'input.memberId',
      RULES.TRAINING_24_HOURS,
      `A candidate (发展对象) becomes probationary only after short concentrated training of at least ${CANDIDATE_TRAINING_HOURS} class hours (3 days) as a candidate (《中国共产党发展党员工作细则》 Art. 19, rule ${RULES.TRAINING_24_HOURS}); ${hours} recorded from ${member.stageSince} to ${effectiveOn}. Record the training, then try again.`,
    );
  }
  return introducers.join('、');
}

/** A probationary member converts once probation (and any extension) has run. */
function probationServed(member: PartyMemberEntity, effectiveOn: string): void {
  const endsOn = probationEnd(member);
  if (effectiveOn < endsOn) {
    throw rule(
      'input.effectiveOn',
      RULES.PROBATION_ONE_YEAR,
      `Probation lasts one year from the branch vote${member.probationExtendedMonths ? ` plus ${member.probationExtendedMonths} months' extension` : ''} (rule ${RULES.PROBATION_ONE_YEAR}): conversion not before ${endsOn}.`,
    );
  }
}

/** 延长预备期: once, by 6 to 12 months. */
export function extendProbation(
  member: PartyMemberEntity,
  input: ExtendProbationInput,
  effectiveOn: string,
): StageChangeEntry {
  if (member.stage !== MemberStage.PROBATIONARY) {
    throw rule(
      'input.memberId',
      RULES.EXTENSION_PROBATIONARY_ONLY,
      `Only a probationary member's probation can be extended; this member is ${member.stage} (rule ${RULES.EXTENSION_PROBATIONARY_ONLY}).`,
    );
  }
  if (!Number.isInteger(input.months) || input.months < 6 || input.months > 12) {
    throw rule(
      'input.months',
      RULES.EXTENSION_RANGE,
      `Probation is extended by 6 to 12 months (rule ${RULES.EXTENSION_RANGE}), got ${input.months}.`,
    );
  }
  if (member.probationExtendedMonths > 0) {
    throw rule(
      'input.memberId',
      RULES.EXTENSION_ONCE,
      `Probation was already extended by ${member.probationExtendedMonths} months; it is extended once at most (rule ${RULES.EXTENSION_ONCE}).`,
    );
  }
  notBeforeStage(member, effectiveOn);
  member.probationExtendedMonths = input.months;
  return {
    kind: StageChangeKind.PROBATION_EXTENDED,
    fromStage: MemberStage.PROBATIONARY,
    effectiveOn,
    approvedBy: readApprover(input.approvedBy),
    note: readNote(input.note) ?? `延长预备期 ${input.months} 个月`,
  };
}

/** Cancellation, transfer out of the system, or death: the member leaves the rolls and the counts. */
export function endMembership(
  member: PartyMemberEntity,
  input: EndMembershipInput,
  effectiveOn: string,
): StageChangeEntry {
  notBeforeStage(member, effectiveOn);
  member.status = input.reason;
  return {
    kind: input.reason as unknown as StageChangeKind,
    fromStage: member.stage as MemberStage,
    effectiveOn,
    approvedBy: readApprover(input.approvedBy),
    note: readNote(input.note),
  };
}
