import { Field, ID, InputType, Int } from 'type-graphql';
import { ActivityMode, ActivityPurpose, ActivityType, Attendance } from './activity.type.js';

@InputType()
export class MemberAttendanceInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Attendance)
  attendance!: Attendance;
}

@InputType()
export class RecordActivityInput {
  @Field(() => ID)
  branchId!: string;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => ActivityMode)
  mode!: ActivityMode;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'ISO-8601 date-time.' })
  heldAt!: string;

  @Field(() => Int)
  expected!: number;

  @Field(() => Int)
  present!: number;

  @Field(() => Int)
  online!: number;

  @Field(() => Int)
  excused!: number;

  @Field(() => Int)
  absent!: number;

  @Field(() => [MemberAttendanceInput], {
    nullable: true,
    description: 'Attendance per member; when given, the counts must agree with it.',
  })
  attendance?: MemberAttendanceInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The activity this record corrects (the latest version).' })
  correctsId?: string | null;

  @Field(() => ActivityPurpose, {
    nullable: true,
    description:
      "What of the organization's own work it serves (业务、管理、文化建设、社会责任), if it names one.",
  })
  serves?: ActivityPurpose | null;
}

@InputType()
export class ActivityFilter {
  @Field(() => ID, { nullable: true })
  regionCode?: string | null;

  @Field(() => ID, { nullable: true })
  branchId?: string | null;

  @Field(() => ActivityType, { nullable: true })
  type?: ActivityType | null;

  @Field(() => ActivityMode, { nullable: true })
  mode?: ActivityMode | null;

  @Field(() => String, { nullable: true, description: 'Held on or after, YYYY-MM-DD (China time).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Held on or before, YYYY-MM-DD (China time).' })
  to?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include corrected (superseded) versions; default false.',
  })
  includeSuperseded?: boolean | null;
}
