import { connectionTypes } from '@pb/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum MemberStage {
  APPLICANT = 'APPLICANT',
  ACTIVIST = 'ACTIVIST',
  CANDIDATE = 'CANDIDATE',
  PROBATIONARY = 'PROBATIONARY',
  FULL = 'FULL',
}
registerEnumType(MemberStage, {
  name: 'MemberStage',
  description: 'Stage of Party member development.',
  valuesConfig: {
    APPLICANT: { description: '入党申请人' },
    ACTIVIST: { description: '入党积极分子' },
    CANDIDATE: { description: '发展对象' },
    PROBATIONARY: { description: '预备党员' },
    FULL: { description: '正式党员' },
  },
});

/** A Party member (or someone on the way to membership) working at a social organization. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A Party member, or someone on the way to membership, at a social organization.' })
export class PartyMember {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => MemberStage)
  stage!: MemberStage;

  @Field(() => String, { description: 'Date the current stage began, YYYY-MM-DD.' })
  stageSince!: string;

  socialOrganizationId!: string;
  regionCode!: string;
}

export const { Connection: PartyMemberConnection } = connectionTypes(PartyMember, 'PartyMember');
