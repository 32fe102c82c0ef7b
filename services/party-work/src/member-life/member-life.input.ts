import { Field, ID, InputType, Int } from 'type-graphql';
import { AppraisalFollowUpAction, AppraisalGrade } from './member-life.type.js';

@InputType()
export class RecordAppraisalInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => AppraisalGrade)
  grade!: AppraisalGrade;

  @Field(() => String, {
    nullable: true,
    description:
      'The day of the appraisal, in the year appraised and not in the future; today when null (the last day of the year for an earlier year).',
  })
  appraisedOn?: string | null;
}

@InputType()
export class RecordAppraisalFollowUpInput {
  @Field(() => ID, { description: 'A 不合格 grade.' })
  appraisalId!: string;

  @Field(() => AppraisalFollowUpAction)
  action!: AppraisalFollowUpAction;

  @Field(() => String, { description: 'The day decided: not before the appraisal, not in the future.' })
  decidedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: '限期改正 only, and required for it: after decidedOn and at most 12 months after it.',
  })
  correctBy?: string | null;
}

@InputType()
export class RecordTalkInput {
  @Field(() => String)
  heldOn!: string;

  @Field(() => String)
  topic!: string;

  @Field(() => String)
  talker!: string;

  @Field(() => [ID], { description: 'The members talked with.' })
  participantIds!: string[];
}

@InputType({
  description:
    'A course one person took: a Party member (memberId) or a staff post held by someone who is not a member here (staffAssignmentId), exactly one.',
})
export class RecordTrainingInput {
  @Field(() => ID, { nullable: true, description: 'The Party member trained (on your rolls, not ended).' })
  memberId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The staff post of the person trained, when no member here holds it; a post held by a member is trained by memberId.',
  })
  staffAssignmentId?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  startedOn!: string;

  @Field(() => Int, { description: 'Class hours (学时), 1 to 200.' })
  hours!: number;
}

@InputType()
export class TalkFilter {
  @Field(() => ID, { nullable: true, description: 'The region and all below it; yours when null.' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Talks with a member on this branch's rolls." })
  branchId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Talks this member took part in.' })
  memberId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Talks held in this calendar year.' })
  year?: number | null;
}
