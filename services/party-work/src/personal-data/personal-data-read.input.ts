import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which reads of personal data to list; every condition given must hold.' })
export class PersonalDataReadFilter {
  @Field(() => ID, { nullable: true, description: "Reads of this member's data." })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: "Reads by this reader (the token's subject)." })
  readerSubject?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Reads of members of a region and every region below it; your own region when null.',
  })
  regionCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Read at or after this instant, ISO-8601 with a zone (2026-12-06T08:00:00Z).',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Read before this instant, ISO-8601 with a zone.' })
  to?: string | null;
}
