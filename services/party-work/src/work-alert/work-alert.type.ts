import { connectionTypes } from '@pb/platform/pagination';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PartyMember } from '../party-member/party-member.type.js';
import { PartyOrganization } from '../party-organization/party-organization.type.js';

export enum WorkAlertKind {
  COMPLIANCE_BEHIND_PACE = 'COMPLIANCE_BEHIND_PACE',
  COMPLIANCE_QUARTER_SHORT = 'COMPLIANCE_QUARTER_SHORT',
  ORGANIZATIONAL_LIFE_MEETING_MISSING = 'ORGANIZATIONAL_LIFE_MEETING_MISSING',
  DEMOCRATIC_APPRAISAL_MISSING = 'DEMOCRATIC_APPRAISAL_MISSING',
  APPLICANT_TALK_OVERDUE = 'APPLICANT_TALK_OVERDUE',
  ACTIVIST_REVIEW_OVERDUE = 'ACTIVIST_REVIEW_OVERDUE',
  PROBATION_UNDECIDED = 'PROBATION_UNDECIDED',
  NO_SECRETARY = 'NO_SECRETARY',
  BRANCH_TOO_LARGE = 'BRANCH_TOO_LARGE',
  YEARLY_TALK_MISSING = 'YEARLY_TALK_MISSING',
  COMMITTEE_TERM_ENDED = 'COMMITTEE_TERM_ENDED',
  UNQUALIFIED_FOLLOW_UP_OVERDUE = 'UNQUALIFIED_FOLLOW_UP_OVERDUE',
  TRAINING_HOURS_SHORT = 'TRAINING_HOURS_SHORT',
}
registerEnumType(WorkAlertKind, {
  name: 'WorkAlertKind',
  valuesConfig: {
    COMPLIANCE_BEHIND_PACE: { description: '三会一课滞后: behind the pace of the current quarter' },
    COMPLIANCE_QUARTER_SHORT: { description: '三会一课: the last closed quarter fell short of a floor' },
    ORGANIZATIONAL_LIFE_MEETING_MISSING: { description: '组织生活会 not held this year, and Q4 has come' },
    DEMOCRATIC_APPRAISAL_MISSING: { description: '民主评议党员 not held this year, and Q4 has come' },
    APPLICANT_TALK_OVERDUE: { description: 'No talk within a month of the application' },
    ACTIVIST_REVIEW_OVERDUE: { description: 'An activist not reviewed (talked with) in the last 6 months' },
    PROBATION_UNDECIDED: { description: 'Probation over, conversion not decided' },
    NO_SECRETARY: {
      description: 'A branch without a secretary for more than 90 days (SECRETARY_GRACE_DAYS)',
    },
    BRANCH_TOO_LARGE: { description: 'A branch over 50 members (split)' },
    YEARLY_TALK_MISSING: {
      description: '谈心谈话: a Party member of the branch not yet talked with this year, and Q4 has come',
    },
    COMMITTEE_TERM_ENDED: {
      description: '换届 overdue: the branch committee’s term has ended with no newer election recorded',
    },
    UNQUALIFIED_FOLLOW_UP_OVERDUE: {
      description:
        '民主评议 不合格: no follow-up (限期改正, 劝其退党, 除名) decided within a month of the appraisal',
    },
    TRAINING_HOURS_SHORT: {
      description:
        'From Q4: a Party member (32 class hours) or a staff post holder (56) below the yearly minimum of training',
    },
  },
});

@ObjectType({ description: 'Something a branch should act on, naming the branch or member and the rule.' })
export class WorkAlert {
  @Field(() => WorkAlertKind)
  kind!: WorkAlertKind;

  @Field(() => String, { description: 'The rule, as in domain.md.' })
  rule!: string;

  @Field(() => String)
  message!: string;

  @Field(() => ID)
  regionCode!: string;

  @Field(() => PartyOrganization, { nullable: true })
  branch!: PartyOrganization | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The branch's name, from party-work's copy: what a wall may show (branch.name is a record of organization).",
  })
  branchName!: string | null;

  @Field(() => PartyMember, { nullable: true })
  member!: PartyMember | null;

  @Field(() => String, {
    nullable: true,
    description: 'Since when (YYYY-MM-DD) the deadline passed, where one did.',
  })
  dueOn!: string | null;
}

@ObjectType({ description: 'How many work alerts of one kind a region and all below it have.' })
export class WorkAlertCount {
  @Field(() => WorkAlertKind)
  kind!: WorkAlertKind;

  @Field(() => Int)
  count!: number;
}

export const { Connection: WorkAlertConnection } = connectionTypes(WorkAlert, 'WorkAlert');
