import { Field, ID, InputType } from 'type-graphql';
import { FormationMode, PartyOrganizationType } from './party-organization.type.js';

@InputType()
export class EstablishPartyOrganizationInput {
  @Field(() => String)
  name!: string;

  @Field(() => PartyOrganizationType)
  type!: PartyOrganizationType;

  @Field(() => FormationMode)
  formationMode!: FormationMode;

  @Field(() => ID, { description: 'Its region; the organizations it covers lie in it or below it.' })
  regionCode!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The higher Party organization (a committee or general branch).',
  })
  parentId?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future.' })
  establishedAt!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  hasCommittee?: boolean | null;

  @Field(() => [ID], { nullable: true, description: 'Organizations it covers from establishedAt on.' })
  coveredOrganizationIds?: string[] | null;
}

@InputType({ description: 'The fields to change; formation mode and region never change.' })
export class UpdatePartyOrganizationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => PartyOrganizationType, { nullable: true })
  type?: PartyOrganizationType | null;

  @Field(() => Boolean, { nullable: true })
  hasCommittee?: boolean | null;
}

@InputType()
export class PartyOrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'A region; includes every region below it.' })
  regionCode?: string | null;

  @Field(() => PartyOrganizationType, { nullable: true })
  type?: PartyOrganizationType | null;

  @Field(() => FormationMode, { nullable: true })
  formationMode?: FormationMode | null;

  @Field(() => Boolean, { nullable: true, description: 'true: not dissolved; false: dissolved.' })
  active?: boolean | null;
}
