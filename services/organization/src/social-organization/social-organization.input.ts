import { Field, ID, InputType, Int } from 'type-graphql';
import { FormationMode } from '../party-organization/party-organization.type.js';
import {
  CharterClause,
  OrganizationStatus,
  RegistrationLevel,
  SocialOrganizationType,
} from './social-organization.type.js';

@InputType()
export class RegisterSocialOrganizationInput {
  @Field(() => String, { description: '统一社会信用代码, 18 characters with a valid check character.' })
  uscc!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SocialOrganizationType)
  type!: SocialOrganizationType;

  @Field(() => ID, { description: 'The county-level region where it is registered.' })
  regionCode!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  registeredAt!: string;

  @Field(() => String)
  registrationAuthority!: string;

  @Field(() => RegistrationLevel, { nullable: true, description: 'Default COUNTY.' })
  registrationLevel?: RegistrationLevel | null;

  @Field(() => String, { nullable: true, description: '类别, e.g. 行业协会.' })
  category?: string | null;

  @Field(() => String, { nullable: true })
  supervisingUnit?: string | null;

  @Field(() => Int)
  staffCount!: number;

  @Field(() => CharterClause, { nullable: true, description: 'Default MISSING.' })
  charterClause?: CharterClause | null;
}

@InputType({
  description: 'The fields to change; those left out keep their value. The region never changes.',
})
export class UpdateSocialOrganizationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'When the change took effect, YYYY-MM-DD (not in the future).' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => SocialOrganizationType, { nullable: true })
  type?: SocialOrganizationType | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true })
  registrationAuthority?: string | null;

  @Field(() => RegistrationLevel, { nullable: true })
  registrationLevel?: RegistrationLevel | null;

  @Field(() => String, { nullable: true })
  supervisingUnit?: string | null;

  @Field(() => Int, { nullable: true })
  staffCount?: number | null;
}

@InputType()
export class SocialOrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'A region; includes every region below it.' })
  regionCode?: string | null;

  @Field(() => SocialOrganizationType, { nullable: true })
  type?: SocialOrganizationType | null;

  @Field(() => OrganizationStatus, { nullable: true })
  status?: OrganizationStatus | null;

  @Field(() => CharterClause, { nullable: true })
  charterClause?: CharterClause | null;

  @Field(() => Boolean, { nullable: true, description: 'Full members ≥ 3 (as reported by party-work).' })
  eligible?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Covered by an active Party organization.' })
  covered?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Covered by its own standalone Party organization.' })
  standalone?: boolean | null;

  @Field(() => FormationMode, {
    nullable: true,
    description: 'Covered by a Party organization of this mode.',
  })
  coverageMode?: FormationMode | null;

  @Field(() => String, { nullable: true, description: 'Registered on or after, YYYY-MM-DD.' })
  registeredFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Registered on or before, YYYY-MM-DD.' })
  registeredTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name.' })
  nameContains?: string | null;
}
