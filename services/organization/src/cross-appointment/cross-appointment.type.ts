import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum CrossAppointmentDirection {
  PARTY_TO_MANAGEMENT = 'PARTY_TO_MANAGEMENT',
  MANAGEMENT_TO_PARTY = 'MANAGEMENT_TO_PARTY',
}
registerEnumType(CrossAppointmentDirection, {
  name: 'CrossAppointmentDirection',
  description: '双向进入、交叉任职: which way the person came.',
  valuesConfig: {
    PARTY_TO_MANAGEMENT: { description: '党组织班子成员进入管理层' },
    MANAGEMENT_TO_PARTY: { description: '管理层人员进入党组织班子' },
  },
});

/** Party posts (党内职务) a cross appointment may hold. */
export const PARTY_POSTS = ['书记', '副书记', '委员'] as const;
/** Management posts (管理层职务) of a social organization. */
export const MANAGEMENT_POSTS = ['会长', '理事长', '秘书长', '理事', '监事'] as const;

@ObjectType({ description: 'A person holding a Party post and a management post of one organization.' })
export class CrossAppointment {
  @Field(() => ID)
  id!: string;

  socialOrganizationId!: string;
  partyOrganizationId!: string;

  @Field(() => String, { description: 'Masked unless you may see personal data.' })
  personName!: string;

  @Field(() => String, { description: `One of ${PARTY_POSTS.join(' ')}.` })
  partyPost!: string;

  @Field(() => String, { description: `One of ${MANAGEMENT_POSTS.join(' ')}.` })
  managementPost!: string;

  @Field(() => CrossAppointmentDirection)
  direction!: CrossAppointmentDirection;

  @Field(() => String)
  since!: string;

  @Field(() => String, { nullable: true })
  until!: string | null;

  @Field(() => Boolean, { description: 'Started, and until is null or not yet passed.' })
  active!: boolean;
}

@InputType()
export class AppointCrossPostInput {
  @Field(() => ID, { description: 'The organization; it must be covered by a Party organization now.' })
  socialOrganizationId!: string;

  @Field(() => String)
  personName!: string;

  @Field(() => String, { description: `One of ${PARTY_POSTS.join(' ')}.` })
  partyPost!: string;

  @Field(() => String, { description: `One of ${MANAGEMENT_POSTS.join(' ')}.` })
  managementPost!: string;

  @Field(() => CrossAppointmentDirection)
  direction!: CrossAppointmentDirection;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future, not before the Party cover began.' })
  since!: string;
}
