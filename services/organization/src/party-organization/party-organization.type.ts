import { connectionTypes } from '@pb/platform/pagination';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PartyOrganizationType {
  COMMITTEE = 'COMMITTEE',
  GENERAL_BRANCH = 'GENERAL_BRANCH',
  BRANCH = 'BRANCH',
}
registerEnumType(PartyOrganizationType, {
  name: 'PartyOrganizationType',
  valuesConfig: {
    COMMITTEE: { description: '党委' },
    GENERAL_BRANCH: { description: '党总支' },
    BRANCH: { description: '党支部' },
  },
});

export enum FormationMode {
  STANDALONE = 'STANDALONE',
  JOINT = 'JOINT',
  INDUSTRY = 'INDUSTRY',
  REGIONAL = 'REGIONAL',
}
registerEnumType(FormationMode, {
  name: 'FormationMode',
  valuesConfig: {
    STANDALONE: {
      description: '单独组建: covers exactly its own organization, which has at least 3 full members',
    },
    JOINT: { description: '联合组建' },
    INDUSTRY: { description: '行业统建' },
    REGIONAL: { description: '区域联建' },
  },
});

/**
 * A unit with ≥ 3 full members (正式党员) sets up its own branch; units with fewer join a joint branch
 * (联合党支部). A standalone cover of an organization below the threshold is refused under this rule, and
 * one that predates a drop in members raises the STANDALONE_BELOW_THRESHOLD coverage alert under it.
 */
export const STANDALONE_NEEDS_THREE_FULL_MEMBERS = 'STANDALONE_NEEDS_3_FULL_MEMBERS';

/** A Party organization (党组织) set up in or over network social organizations. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Party organization (党组织) set up in or over network social organizations.' })
export class PartyOrganization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PartyOrganizationType)
  type!: PartyOrganizationType;

  @Field(() => FormationMode)
  formationMode!: FormationMode;

  regionCode!: string;
  parentId!: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  establishedAt!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while active.' })
  dissolvedAt!: string | null;

  @Field(() => Boolean, { description: 'Whether it has a committee (支部委员会).' })
  hasCommittee!: boolean;

  @Field(() => Boolean, { description: 'Not dissolved.' })
  active!: boolean;

  @Field(() => Int, { description: 'Grows with every change of this record.' })
  version!: number;

  @Field(() => Int, {
    description: 'Full Party members of the organizations it covers now, as party-work reported them.',
  })
  coveredFullMemberCount!: number;

  seq!: string;
}

/** An organization's active Party cover (api: SocialOrganization.partyCoverage). */
@ObjectType({ description: 'The Party organization covering an organization now.' })
export class PartyCoverage {
  partyOrganizationId!: string;

  @Field(() => Boolean, { description: 'Its own 单独组建 Party organization.' })
  standalone!: boolean;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  since!: string;
}

/** One period in which a Party organization covered an organization. */
@ObjectType({ description: 'One period in which a Party organization covered an organization.' })
export class PartyCoveragePeriod {
  partyOrganizationId!: string;
  socialOrganizationId!: string;

  @Field(() => String)
  since!: string;

  @Field(() => String, { nullable: true, description: 'null while it lasts.' })
  until!: string | null;
}

export const { Connection: PartyOrganizationConnection } = connectionTypes(
  PartyOrganization,
  'PartyOrganization',
);
