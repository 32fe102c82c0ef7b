import { Field, ID, InputType, Int } from 'type-graphql';
import { MemberStage, MembershipEnd, MemberWorkRole } from './party-member.type.js';

@InputType()
export class AddPartyMemberInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { description: 'The social organization where the member works.' })
  socialOrganizationId!: string;

  @Field(() => MemberStage, { defaultValue: MemberStage.APPLICANT })
  stage!: MemberStage;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted.' })
  stageSince?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Party branch the member belongs to.' })
  branchId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Date of the application to join (YYYY-MM-DD); stageSince for an applicant when omitted.',
  })
  appliedOn?: string | null;

  @Field(() => String, { nullable: true, description: '居民身份证号 (18 characters); stored encrypted.' })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile number (11 digits); stored encrypted.' })
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Birth date, YYYY-MM-DD, when no ID number is given (the ID number carries it).',
  })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Who approved the record; "登记" when omitted.' })
  approvedBy?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The member arrives by a transfer of organizational relations (组织关系转入).',
  })
  transferredIn?: boolean | null;

  @Field(() => MemberWorkRole, {
    nullable: true,
    description: "The member's part in the organization's own work (管理层, 业务骨干), when marked.",
  })
  workRole?: MemberWorkRole | null;
}

@InputType()
export class SetMemberWorkRoleInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => MemberWorkRole, { nullable: true, description: 'The role to mark; null clears the mark.' })
  workRole?: MemberWorkRole | null;
}

@InputType()
export class AdvancePartyMemberInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => MemberStage, { description: 'The next stage; stages are never skipped.' })
  stage!: MemberStage;

  @Field(() => String, {
    description: 'YYYY-MM-DD: the date of the decision (for PROBATIONARY, the branch vote).',
  })
  effectiveOn!: string;

  @Field(() => String, { description: 'Who approved it, e.g. 支部委员会 or 支部党员大会.' })
  approvedBy!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Two introducers (入党介绍人), needed for PROBATIONARY.',
  })
  introducers?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Political review (政治审查) passed; needed for PROBATIONARY.',
  })
  politicalReviewPassed?: boolean | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class ExtendProbationInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int, { description: '6 to 12 months, once.' })
  months!: number;

  @Field(() => String)
  effectiveOn!: string;

  @Field(() => String)
  approvedBy!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class EndMembershipInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => MembershipEnd)
  reason!: MembershipEnd;

  @Field(() => String)
  effectiveOn!: string;

  @Field(() => String)
  approvedBy!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class TransferPartyMemberInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => ID, { description: 'The social organization the member moves to.' })
  socialOrganizationId!: string;

  @Field(() => ID, { nullable: true, description: 'The receiving branch.' })
  branchId?: string | null;

  @Field(() => String)
  effectiveOn!: string;

  @Field(() => String)
  approvedBy!: string;
}

@InputType()
export class PartyMemberFilter {
  @Field(() => ID, { nullable: true, description: 'A region; includes every region below it.' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  branchId?: string | null;

  @Field(() => ID, { nullable: true })
  socialOrganizationId?: string | null;

  @Field(() => MemberStage, { nullable: true })
  stage?: MemberStage | null;

  @Field(() => String, { nullable: true })
  nameContains?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Include members no longer on the rolls (cancelled, transferred out, deceased); default false.',
  })
  includeEnded?: boolean | null;
}
