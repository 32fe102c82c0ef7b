import { Field, ID, InputType, Int } from 'type-graphql';
import { AppraisalGrade } from './member-life.type.js';

@InputType()
export class RecordAppraisalInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => AppraisalGrade)
  grade!: AppraisalGrade;
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

@InputType()
export class RecordTrainingInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  startedOn!: string;

  @Field(() => Int, { description: 'Class hours, 1 to 400.' })
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
