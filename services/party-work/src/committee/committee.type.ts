import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: '换届: one election of a Party organization’s committee and the term it began.' })
export class CommitteeTerm {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The day the committee was elected (YYYY-MM-DD).' })
  electedOn!: string;

  @Field(() => Int, { description: 'The term in years: 5 for a 党委, 3 (or 5) for a 党总支 or 党支部.' })
  termYears!: number;

  @Field(() => String, {
    description: 'electedOn plus termYears: after this day, without a newer election, the term has ended.',
  })
  endsOn!: string;
}

@InputType()
export class RecordCommitteeElectionInput {
  @Field(() => ID)
  partyOrganizationId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future.' })
  electedOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Years; by default the type’s term (党委 5, 党总支 and 党支部 3).',
  })
  termYears?: number | null;
}
