import { connectionTypes } from '@pb/platform/pagination';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AppraisalGrade {
  EXCELLENT = 'EXCELLENT',
  QUALIFIED = 'QUALIFIED',
  BASICALLY_QUALIFIED = 'BASICALLY_QUALIFIED',
  UNQUALIFIED = 'UNQUALIFIED',
}
registerEnumType(AppraisalGrade, {
  name: 'AppraisalGrade',
  description: '民主评议党员 grade.',
  valuesConfig: {
    EXCELLENT: { description: '优秀' },
    QUALIFIED: { description: '合格' },
    BASICALLY_QUALIFIED: { description: '基本合格' },
    UNQUALIFIED: { description: '不合格' },
  },
});

export enum AppraisalFollowUpAction {
  LIMITED_CORRECTION = 'LIMITED_CORRECTION',
  PERSUADED_TO_WITHDRAW = 'PERSUADED_TO_WITHDRAW',
  REMOVED = 'REMOVED',
}
registerEnumType(AppraisalFollowUpAction, {
  name: 'AppraisalFollowUpAction',
  description: 'How the branch deals with a member graded 不合格 (Party Constitution Art. 9).',
  valuesConfig: {
    LIMITED_CORRECTION: {
      description: '限期改正: correction by a set day, at most 12 months after the decision',
    },
    PERSUADED_TO_WITHDRAW: { description: '劝其退党: persuaded to withdraw' },
    REMOVED: { description: '除名: removed from the Party' },
  },
});

@ObjectType({ description: 'What the branch decided of a 不合格 grade.' })
export class AppraisalFollowUp {
  @Field(() => AppraisalFollowUpAction)
  action!: AppraisalFollowUpAction;

  @Field(() => String, { description: 'The day decided, YYYY-MM-DD.' })
  decidedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: '限期改正: the day the correction is due; null otherwise.',
  })
  correctBy!: string | null;
}

@ObjectType({ description: 'A member’s democratic appraisal grade of one year.' })
export class Appraisal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => AppraisalGrade)
  grade!: AppraisalGrade;

  @Field(() => String, { description: 'The day of the appraisal, YYYY-MM-DD, in the year appraised.' })
  appraisedOn!: string;

  /** The member's region now: where a reader of the follow-up must be. */
  regionCode!: string;

  /** Served by the field resolver, to roles that read records in the region. */
  followUp!: AppraisalFollowUp | null;
}

@ObjectType({ description: '谈心谈话: a heart-to-heart talk and who took part.' })
export class Talk {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  heldOn!: string;

  @Field(() => String)
  topic!: string;

  @Field(() => String, { description: 'Who led the talk (e.g. the branch secretary).' })
  talker!: string;

  @Field(() => [ID])
  participantIds!: string[];
}

export const { Connection: TalkConnection } = connectionTypes(Talk, 'Talk');

@ObjectType({
  description: 'A training course a member, or a staff post held by no member here, took, in class hours.',
})
export class TrainingRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The member trained; null for a staff post’s training.' })
  memberId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The staff post (held by no member here) whose holder was trained; null for a member’s.',
  })
  staffAssignmentId!: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  startedOn!: string;

  @Field(() => Int)
  hours!: number;
}
