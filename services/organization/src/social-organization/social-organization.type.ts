import { connectionTypes } from '@pb/platform/pagination';
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

export enum CharterClause {
  FULL_LEADERSHIP = 'FULL_LEADERSHIP',
  BASIC = 'BASIC',
  PENDING = 'PENDING',
  MISSING = 'MISSING',
}
registerEnumType(CharterClause, {
  name: 'CharterClause',
  description:
    'The Party-building clause of the charter (章程); FULL_LEADERSHIP and BASIC count as included.',
  valuesConfig: {
    FULL_LEADERSHIP: { description: '写入党的全面领导' },
    BASIC: { description: '写入党建工作基本内容' },
    PENDING: { description: '章程修改中' },
    MISSING: { description: '未写入' },
  },
});

export enum RegistrationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
}
registerEnumType(RegistrationLevel, {
  name: 'RegistrationLevel',
  description: 'The level of the registration authority (登记管理机关级别).',
});

export enum SocialOrganizationChangeKind {
  REGISTERED = 'REGISTERED',
  UPDATED = 'UPDATED',
  DEREGISTERED = 'DEREGISTERED',
  REVOKED = 'REVOKED',
  CHARTER_CHANGED = 'CHARTER_CHANGED',
}
registerEnumType(SocialOrganizationChangeKind, { name: 'SocialOrganizationChangeKind' });

@ObjectType({ description: 'One dated change of an organization (its history is never rewritten).' })
export class SocialOrganizationChange {
  @Field(() => SocialOrganizationChangeKind)
  kind!: SocialOrganizationChangeKind;

  @Field(() => String, { description: 'When it took effect, YYYY-MM-DD.' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'JSON of the fields that changed, with new values.' })
  details!: string | null;

  @Field(() => String, { description: 'When it was recorded, ISO-8601 UTC.' })
  recordedAt!: string;
}

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

  @Field(() => String, { nullable: true, description: 'The date of deregistration or revocation.' })
  statusChangedAt!: string | null;

  @Field(() => String, { nullable: true, description: '类别, e.g. 行业协会.' })
  category!: string | null;

  @Field(() => RegistrationLevel)
  registrationLevel!: RegistrationLevel;

  @Field(() => CharterClause)
  charterClause!: CharterClause;

  @Field(() => String, { nullable: true, description: 'When the charter clause last changed.' })
  charterChangedAt!: string | null;

  @Field(() => Boolean, { description: 'Full Party members ≥ 3, as last reported by party-work (应建).' })
  eligible!: boolean;

  @Field(() => Int, { description: 'Full Party members as last reported by party-work.' })
  reportedFullMemberCount!: number;

  @Field(() => String, { nullable: true, description: 'When party-work reported the count, ISO-8601 UTC.' })
  fullMemberCountReportedAt!: string | null;

  @Field(() => Int, { description: 'Grows with every change of this record.' })
  version!: number;

  partyOrganizationId!: string | null;
  coverageMode!: string | null;
  coveredSince!: string | null;
}

export const { Connection: SocialOrganizationConnection } = connectionTypes(
  SocialOrganization,
  'SocialOrganization',
);
