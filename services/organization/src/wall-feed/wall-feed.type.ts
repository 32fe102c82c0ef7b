import { Field, ID, ObjectType } from 'type-graphql';
import { FormationMode, PartyOrganizationType } from '../party-organization/party-organization.type.js';
import { Region } from '../region/region.type.js';
import { SocialOrganizationType } from '../social-organization/social-organization.type.js';

/**
 * A registration as a wall's feed shows it: the organization's public registration (name, type, date,
 * region), nothing of the people in it, so the `wall` role (aggregates only) may follow it.
 */
@ObjectType({
  description: "A registration on the wall's feed: the organization's public registration only.",
})
export class RegistrationFeedItem {
  @Field(() => ID, { description: 'The social organization.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SocialOrganizationType)
  type!: SocialOrganizationType;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  registeredAt!: string;

  @Field(() => Region)
  region?: Region;

  regionCode!: string;
}

/** A Party organization established, as a wall's feed shows it: its name, kind, date and region. */
@ObjectType({ description: "A new Party organization on the wall's feed: name, kind, date and region only." })
export class EstablishmentFeedItem {
  @Field(() => ID, { description: 'The Party organization.' })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PartyOrganizationType)
  type!: PartyOrganizationType;

  @Field(() => FormationMode)
  formationMode!: FormationMode;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  establishedAt!: string;

  @Field(() => Region)
  region?: Region;

  regionCode!: string;
}

/** A DATE column as YYYY-MM-DD, whether the driver gave a string or a Date. */
export const day = (value: string | Date) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/** Projects a registered organization (or its row) onto what a wall may see of it. */
export function toRegistrationItem(organization: {
  id: string;
  name: string;
  type: string;
  registeredAt: string;
  regionCode: string;
}): RegistrationFeedItem {
  return Object.assign(new RegistrationFeedItem(), {
    id: organization.id,
    name: organization.name,
    type: organization.type as SocialOrganizationType,
    registeredAt: day(organization.registeredAt),
    regionCode: organization.regionCode,
  });
}

/** Projects a Party organization onto what a wall may see of it. */
export function toEstablishmentItem(party: {
  id: string;
  name: string;
  type: string;
  formationMode: string;
  establishedAt: string;
  regionCode: string;
}): EstablishmentFeedItem {
  return Object.assign(new EstablishmentFeedItem(), {
    id: party.id,
    name: party.name,
    type: party.type as PartyOrganizationType,
    formationMode: party.formationMode as FormationMode,
    establishedAt: day(party.establishedAt),
    regionCode: party.regionCode,
  });
}
