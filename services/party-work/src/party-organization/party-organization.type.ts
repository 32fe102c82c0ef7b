import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The organization subgraph's PartyOrganization (党组织); this subgraph adds its members, organizational
 * life, compliance and staff. Region and committee come from the local copy fed by that subgraph's events.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class PartyOrganization {
  @Field(() => ID)
  id!: string;

  /** From the local copy; undefined until the reference is loaded. */
  regionCode?: string | null;
  hasCommittee?: boolean;
}

export function partyOrganizationReference(id: string): PartyOrganization {
  return Object.assign(new PartyOrganization(), { id });
}
