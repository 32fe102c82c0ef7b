import { connectionTypes } from '@pb/platform/pagination';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NULL_WHEN_ORGANIZATION_FAILS } from '../cross-subgraph.js';
import { PartyOrganization } from '../party-organization/party-organization.type.js';
import { Region } from '../region/region.type.js';

export enum ActivityType {
  GENERAL_MEETING = 'GENERAL_MEETING',
  COMMITTEE_MEETING = 'COMMITTEE_MEETING',
  GROUP_MEETING = 'GROUP_MEETING',
  PARTY_LECTURE = 'PARTY_LECTURE',
  THEMED_PARTY_DAY = 'THEMED_PARTY_DAY',
  ORGANIZATIONAL_LIFE_MEETING = 'ORGANIZATIONAL_LIFE_MEETING',
  DEMOCRATIC_APPRAISAL = 'DEMOCRATIC_APPRAISAL',
}
registerEnumType(ActivityType, {
  name: 'ActivityType',
  valuesConfig: {
    GENERAL_MEETING: { description: '支部党员大会 (1 per quarter)' },
    COMMITTEE_MEETING: { description: '支部委员会 (1 per month where a committee exists)' },
    GROUP_MEETING: { description: '党小组会 (1 per month per Party group)' },
    PARTY_LECTURE: { description: '党课 (1 per quarter)' },
    THEMED_PARTY_DAY: { description: '主题党日 (1 per month)' },
    ORGANIZATIONAL_LIFE_MEETING: { description: '组织生活会 (at least 1 per year)' },
    DEMOCRATIC_APPRAISAL: { description: '民主评议党员 (1 per year)' },
  },
});

export enum ActivityMode {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}
registerEnumType(ActivityMode, {
  name: 'ActivityMode',
  valuesConfig: {
    OFFLINE: { description: '面对面' },
    ONLINE: { description: '键对键' },
    HYBRID: { description: 'both' },
  },
});

/**
 * What of the organization's own work an activity serves, when it names it: the seed asks that Party
 * activities and the organization's business, management and culture advance each other.
 */
export enum ActivityPurpose {
  BUSINESS = 'BUSINESS',
  MANAGEMENT = 'MANAGEMENT',
  CULTURE = 'CULTURE',
  SOCIAL_RESPONSIBILITY = 'SOCIAL_RESPONSIBILITY',
}
registerEnumType(ActivityPurpose, {
  name: 'ActivityPurpose',
  description: "What of the organization's own work an activity serves.",
  valuesConfig: {
    BUSINESS: { description: '业务: its business' },
    MANAGEMENT: { description: '管理: its management' },
    CULTURE: { description: '文化建设: its culture' },
    SOCIAL_RESPONSIBILITY: { description: '社会责任: its social responsibility' },
  },
});

export enum Attendance {
  PRESENT = 'PRESENT',
  ONLINE = 'ONLINE',
  EXCUSED = 'EXCUSED',
  ABSENT = 'ABSENT',
}
registerEnumType(Attendance, { name: 'Attendance', valuesConfig: { EXCUSED: { description: '请假' } } });

/** A recorded activity of organizational life; a correction is a new Activity whose `correctsId` names the old. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An activity of organizational life (三会一课 and more) of one branch.' })
export class Activity {
  @Field(() => ID)
  id!: string;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => ActivityMode)
  mode!: ActivityMode;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'ISO-8601 UTC.' })
  heldAt!: string;

  @Field(() => String, { description: 'The quarter it counts for (China time), e.g. 2026Q4.' })
  quarter!: string;

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

  @Field(() => Float, { description: '(present + online) ÷ (expected − excused); 0 when nobody was due.' })
  attendanceRate!: number;

  @Field(() => ActivityPurpose, {
    nullable: true,
    description: "What of the organization's own work it serves, when the record names it.",
  })
  serves!: ActivityPurpose | null;

  @Field(() => ID, { nullable: true, description: 'The activity this record corrects.' })
  correctsId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The record that corrected this one; statistics skip it.' })
  supersededById!: string | null;

  @Field(() => String, { description: 'When it was recorded, ISO-8601 UTC.' })
  recordedAt!: string;

  branchId!: string;
  regionCode!: string;
}

export const { Connection: ActivityConnection } = connectionTypes(Activity, 'Activity');

@ObjectType()
export class ActivityTypeCount {
  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class ActivityPurposeCount {
  @Field(() => ActivityPurpose)
  purpose!: ActivityPurpose;

  @Field(() => Int)
  count!: number;
}

/** One week (Monday to Sunday, China time) of a quarter's activities, online against offline. */
@ObjectType({ description: "One week of a quarter's activities: how many, and how many online." })
export class ActivityWeek {
  @Field(() => String, { description: 'The Monday the week starts on, YYYY-MM-DD.' })
  week!: string;

  @Field(() => Int)
  activities!: number;

  @Field(() => Int, { description: 'ONLINE or HYBRID, as onlineShare counts them.' })
  online!: number;

  @Field(() => Float, { description: 'online ÷ activities; 0 in a week without activities.' })
  onlineShare!: number;
}

/**
 * Organizational-life figures of a quarter for a region and every region below it. Only the latest
 * version of a corrected activity counts.
 */
@ObjectType({ description: 'Organizational-life figures of a quarter for a region and all below it.' })
export class ActivityStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String)
  quarter!: string;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String)
  updatedAt!: string;

  @Field(() => Int)
  activities!: number;

  @Field(() => [ActivityTypeCount], { description: 'Every type, in the order of the enum.' })
  byType!: ActivityTypeCount[];

  @Field(() => [ActivityPurposeCount], {
    description:
      "Every purpose, in the order of the enum: the activities that name it as what of the organization's own work they serve (those naming none are in `activities` only).",
  })
  byPurpose!: ActivityPurposeCount[];

  @Field(() => Int, { description: 'ONLINE and HYBRID activities.' })
  onlineActivities!: number;

  @Field(() => Float, { description: '线上占比: (ONLINE + HYBRID) ÷ all activities.' })
  onlineShare!: number;

  @Field(() => [ActivityWeek], {
    description:
      "The quarter's weeks that have begun, oldest first (the first may start in the quarter before).",
  })
  byWeek!: ActivityWeek[];

  @Field(() => Int, { description: 'Σ (present + online).' })
  attended!: number;

  @Field(() => Int, { description: 'Σ (expected − excused).' })
  due!: number;

  @Field(() => Float, { description: '到会率: attended ÷ due.' })
  attendanceRate!: number;

  @Field(() => Int, { description: 'Branches (党支部) in scope, active during the quarter.' })
  branches!: number;

  @Field(() => Int, { description: 'Branches meeting every quarterly floor.' })
  compliantBranches!: number;

  @Field(() => Int, { description: 'Σ over branches and required types of min(held, required).' })
  requiredHeld!: number;

  @Field(() => Int, { description: 'Σ over branches and required types of required.' })
  required!: number;

  @Field(() => Float, {
    description:
      '三会一课完成率: requiredHeld ÷ required (0 when nothing is required, as every rate with an empty base).',
  })
  complianceRate!: number;
}

@ObjectType()
export class ComplianceItem {
  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => Int)
  required!: number;

  @Field(() => Int)
  held!: number;
}

@ObjectType({ description: 'A branch’s 三会一课 against the quarterly floors.' })
export class ComplianceReport {
  @Field(() => PartyOrganization, {
    nullable: true,
    description: `The branch it reports on. ${NULL_WHEN_ORGANIZATION_FAILS}`,
  })
  branch!: PartyOrganization;

  @Field(() => String)
  quarter!: string;

  @Field(() => [ComplianceItem])
  items!: ComplianceItem[];

  @Field(() => Boolean)
  compliant!: boolean;

  @Field(() => Float, { description: 'Σ min(held, required) ÷ Σ required.' })
  rate!: number;
}
