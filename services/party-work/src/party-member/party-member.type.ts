import { connectionTypes } from '@pb/platform/pagination';
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

/** Development order; a step goes to the next stage only. */
export const STAGE_ORDER = [
  MemberStage.APPLICANT,
  MemberStage.ACTIVIST,
  MemberStage.CANDIDATE,
  MemberStage.PROBATIONARY,
  MemberStage.FULL,
] as const;

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  DECEASED = 'DECEASED',
}
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Whether the person is still on the rolls here.',
  valuesConfig: {
    ACTIVE: { description: '在册' },
    CANCELLED: { description: '取消资格 / 除名' },
    TRANSFERRED_OUT: { description: '组织关系转出' },
    DECEASED: { description: '去世' },
  },
});

/** How a membership ends; the values of MemberStatus other than ACTIVE. */
export enum MembershipEnd {
  CANCELLED = 'CANCELLED',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  DECEASED = 'DECEASED',
}
registerEnumType(MembershipEnd, { name: 'MembershipEnd' });

/**
 * A member's part in the organization's own work, as the branch marks it: the seed asks that members be
 * grown into 业务骨干 and that management serve on the Party committee (推动党建工作与业务的融合).
 */
export enum MemberWorkRole {
  MANAGEMENT = 'MANAGEMENT',
  BUSINESS_BACKBONE = 'BUSINESS_BACKBONE',
}
registerEnumType(MemberWorkRole, {
  name: 'MemberWorkRole',
  description: "A member's part in the organization's own work.",
  valuesConfig: {
    MANAGEMENT: { description: "管理层: in the organization's management" },
    BUSINESS_BACKBONE: { description: '业务骨干: a backbone of its business' },
  },
});

export enum StageChangeKind {
  RECORDED = 'RECORDED',
  APPLIED = 'APPLIED',
  ADVANCED = 'ADVANCED',
  PROBATION_EXTENDED = 'PROBATION_EXTENDED',
  TRANSFERRED_IN = 'TRANSFERRED_IN',
  TRANSFERRED_OUT = 'TRANSFERRED_OUT',
  CANCELLED = 'CANCELLED',
  DECEASED = 'DECEASED',
}
registerEnumType(StageChangeKind, {
  name: 'StageChangeKind',
  valuesConfig: {
    RECORDED: { description: 'An existing member recorded here at the stage shown.' },
    APPLIED: { description: '递交入党申请' },
    ADVANCED: { description: 'One step along the development stages.' },
    PROBATION_EXTENDED: { description: '延长预备期' },
    TRANSFERRED_IN: { description: '组织关系转入' },
    TRANSFERRED_OUT: { description: '组织关系转出' },
    CANCELLED: { description: '取消资格' },
    DECEASED: { description: '去世' },
  },
});

@ObjectType({ description: 'One dated change of a member’s stage or status, with who approved it.' })
export class StageChange {
  @Field(() => StageChangeKind)
  kind!: StageChangeKind;

  @Field(() => MemberStage, { nullable: true })
  fromStage!: MemberStage | null;

  @Field(() => MemberStage)
  toStage!: MemberStage;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  effectiveOn!: string;

  @Field(() => String, { description: 'The body or person that approved it (e.g. 支部党员大会).' })
  approvedBy!: string;

  @Field(() => String, { description: 'Who recorded it (token subject).' })
  recordedBy!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { description: 'When it was recorded, ISO-8601 UTC.' })
  recordedAt!: string;
}

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

  @Field(() => MemberStatus)
  status!: MemberStatus;

  @Field(() => String, { nullable: true, description: 'Date of the application to join, YYYY-MM-DD.' })
  appliedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'End of probation (one year from the vote, plus any extension), for probationary members.',
  })
  probationEndsOn!: string | null;

  @Field(() => MemberWorkRole, {
    nullable: true,
    description: "The member's part in the organization's own work, when the branch has marked one.",
  })
  workRole!: MemberWorkRole | null;

  socialOrganizationId!: string;
  regionCode!: string;
  branchId!: string | null;
  /** Sealed personal data, base64 (survives the pubsub's JSON); only the field resolvers open it. */
  idNumberSealed!: string | null;
  phoneSealed!: string | null;
}

export const { Connection: PartyMemberConnection } = connectionTypes(PartyMember, 'PartyMember');
