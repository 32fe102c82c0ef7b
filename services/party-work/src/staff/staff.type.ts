import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum StaffRole {
  SECRETARY = 'SECRETARY',
  DEPUTY_SECRETARY = 'DEPUTY_SECRETARY',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  FULL_TIME_STAFF = 'FULL_TIME_STAFF',
  PART_TIME_STAFF = 'PART_TIME_STAFF',
  RESERVE_TALENT = 'RESERVE_TALENT',
}
registerEnumType(StaffRole, {
  name: 'StaffRole',
  valuesConfig: {
    SECRETARY: { description: '书记' },
    DEPUTY_SECRETARY: { description: '副书记' },
    COMMITTEE_MEMBER: { description: '委员' },
    FULL_TIME_STAFF: { description: '专职党务工作者' },
    PART_TIME_STAFF: { description: '兼职党务工作者' },
    RESERVE_TALENT: { description: '后备人才' },
  },
});

@ObjectType({ description: 'A person holding a Party post or Party-affairs job, from/to.' })
export class StaffAssignment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  partyOrganizationId!: string;

  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => String)
  personName!: string;

  @Field(() => ID, { nullable: true, description: 'The Party member holding it, when recorded here.' })
  memberId!: string | null;

  @Field(() => String)
  from!: string;

  @Field(() => String, { nullable: true })
  to!: string | null;
}
