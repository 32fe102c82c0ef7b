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
