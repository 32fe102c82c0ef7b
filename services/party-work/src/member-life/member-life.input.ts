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
