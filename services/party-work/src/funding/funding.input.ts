import { Field, ID, InputType, Int } from 'type-graphql';
import { FundingSource } from './funding.type.js';

@InputType()
export class RecordFundingInput {
  @Field(() => FundingSource)
  source!: FundingSource;

  @Field(() => Int, { description: 'Integer fen, positive.' })
  amountFen!: number;

  @Field(() => String)
  receivedOn!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The receiving Party organization (or give socialOrganizationId).',
  })
  partyOrganizationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The receiving social organization (or give partyOrganizationId).',
  })
  socialOrganizationId?: string | null;

  @Field(() => String, { nullable: true })
  project?: string | null;
}
