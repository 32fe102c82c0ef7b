import { connectionTypes } from '@pb/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SocialOrganizationType {
  SOCIAL_ASSOCIATION = 'SOCIAL_ASSOCIATION',
  FOUNDATION = 'FOUNDATION',
  SOCIAL_SERVICE_ORGANIZATION = 'SOCIAL_SERVICE_ORGANIZATION',
}
registerEnumType(SocialOrganizationType, {
  name: 'SocialOrganizationType',
  valuesConfig: {
    SOCIAL_ASSOCIATION: { description: '社会团体' },
    FOUNDATION: { description: '基金会' },
    SOCIAL_SERVICE_ORGANIZATION: { description: '社会服务机构 (民办非企业单位)' },
  },
});

export enum OrganizationStatus {
  ACTIVE = 'ACTIVE',
  DEREGISTERED = 'DEREGISTERED',
  REVOKED = 'REVOKED',
}
registerEnumType(OrganizationStatus, {
  name: 'OrganizationStatus',
  valuesConfig: {
    ACTIVE: { description: '正常' },
    DEREGISTERED: { description: '注销' },
    REVOKED: { description: '撤销登记' },
  },
});

/** A network social organization (网络社会组织) registered with civil affairs. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A network social organization (网络社会组织) registered with civil affairs.' })
export class SocialOrganization {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: '统一社会信用代码 (GB 32100), 18 characters.' })
  uscc!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SocialOrganizationType)
  type!: SocialOrganizationType;

  /** Resolved by a field resolver from `regionCode`. */
  regionCode!: string;

  @Field(() => String, { description: 'Date of registration, YYYY-MM-DD.' })
  registeredAt!: string;

  @Field(() => String, { description: '登记管理机关.' })
  registrationAuthority!: string;

  @Field(() => String, { nullable: true, description: '业务主管单位, if any.' })
  supervisingUnit!: string | null;

  @Field(() => Int)
  staffCount!: number;

  @Field(() => OrganizationStatus)
  status!: OrganizationStatus;
}

export const { Connection: SocialOrganizationConnection } = connectionTypes(
  SocialOrganization,
  'SocialOrganization',
);
