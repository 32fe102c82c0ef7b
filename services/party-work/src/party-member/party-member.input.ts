import { Field, ID, InputType } from 'type-graphql';
import { MemberStage } from './party-member.type.js';

@InputType()
export class AddPartyMemberInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { description: 'The social organization where the member works.' })
  socialOrganizationId!: string;

  @Field(() => MemberStage, { defaultValue: MemberStage.APPLICANT })
  stage!: MemberStage;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when omitted.' })
  stageSince?: string | null;
}

@InputType()
export class PartyMemberFilter {
  @Field(() => ID, { nullable: true, description: 'A region; includes every region below it.' })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  socialOrganizationId?: string | null;

  @Field(() => MemberStage, { nullable: true })
  stage?: MemberStage | null;
}
