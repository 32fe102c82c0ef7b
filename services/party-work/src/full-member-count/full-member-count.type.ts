import { Field, ID, Int, ObjectType } from 'type-graphql';

/** An organization's full-member count as party-work reports it to the organization subgraph. */
@ObjectType({ description: 'A full-member count (正式党员) with the version it was reported under.' })
export class ReportedFullMemberCount {
  @Field(() => ID)
  socialOrganizationId!: string;

  @Field(() => Int)
  fullMemberCount!: number;

  @Field(() => Int, { description: 'Grows with every change of the count; 0 when never reported.' })
  version!: number;
}
