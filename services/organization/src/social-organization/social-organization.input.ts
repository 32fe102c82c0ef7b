import { Field, ID, InputType, Int } from 'type-graphql';
import { SocialOrganizationType } from './social-organization.type.js';

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

  @Field(() => String, { nullable: true })
  supervisingUnit?: string | null;

  @Field(() => Int)
  staffCount!: number;
}

@InputType()
export class SocialOrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'A region; includes every region below it.' })
  regionCode?: string | null;
}
