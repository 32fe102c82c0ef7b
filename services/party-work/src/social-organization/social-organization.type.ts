import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's SocialOrganization; this subgraph adds its Party members. */
@Directive('@key(fields: "id")')
@ObjectType()
export class SocialOrganization {
  @Field(() => ID)
  id!: string;
}
