import { connectionTypes } from '@pb/platform/pagination';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CoverageAlertKind {
  ELIGIBLE_NOT_ESTABLISHED = 'ELIGIBLE_NOT_ESTABLISHED',
  BLANK_SPOT = 'BLANK_SPOT',
  REGISTERED_NOT_IN_STEP = 'REGISTERED_NOT_IN_STEP',
  CHARTER_CLAUSE_MISSING = 'CHARTER_CLAUSE_MISSING',
  STRUCTURE = 'STRUCTURE',
  INSTRUCTOR_NO_CONTACT = 'INSTRUCTOR_NO_CONTACT',
  STANDALONE_BELOW_THRESHOLD = 'STANDALONE_BELOW_THRESHOLD',
}
registerEnumType(CoverageAlertKind, {
  name: 'CoverageAlertKind',
  valuesConfig: {
    ELIGIBLE_NOT_ESTABLISHED: { description: '应建未建: eligible, no standalone Party organization' },
    BLANK_SPOT: { description: '空白点: no Party cover and no active work-coverage measure' },
    REGISTERED_NOT_IN_STEP: {
      description: '新登记未同步: registered in the in-step period, still no coverage',
    },
    CHARTER_CLAUSE_MISSING: {
      description:
        'The charter carries no Party-building clause: MISSING (red) or PENDING an amendment (amber)',
    },
    STRUCTURE: { description: 'A Party organization outside the structure rules (advice)' },
    INSTRUCTOR_NO_CONTACT: {
      description: 'An instructor without recorded contact for the set number of days',
    },
    STANDALONE_BELOW_THRESHOLD: {
      description:
        'A standalone branch whose organization has fewer than 3 full members now (join a joint branch)',
    },
  },
});

export enum AlertSeverity {
  RED = 'RED',
  AMBER = 'AMBER',
}
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });

@ObjectType({ description: 'Something an analyst or leader should act on, naming whom and which rule.' })
export class CoverageAlert {
  @Field(() => ID, { description: 'Stable: kind, rule and subject.' })
  id!: string;

  @Field(() => CoverageAlertKind)
  kind!: CoverageAlertKind;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => String, { description: 'The rule, e.g. ELIGIBLE_NO_COVERAGE, JOINT_BRANCH_OVER_5_UNITS.' })
  rule!: string;

  @Field(() => String, { description: 'What is wrong and what would fix it.' })
  message!: string;

  regionCode!: string;
  socialOrganizationId!: string | null;
  partyOrganizationId!: string | null;

  @Field(() => String, { description: 'The name of the organization or Party organization concerned.' })
  subjectName!: string;

  @Field(() => Int, { nullable: true, description: 'The figure the rule tested (members, units), if any.' })
  figure!: number | null;

  seq!: string;
}

@ObjectType({ description: 'How many coverage alerts of one kind a region and all below it have.' })
export class CoverageAlertCount {
  @Field(() => CoverageAlertKind)
  kind!: CoverageAlertKind;

  @Field(() => Int, {
    description: 'Exactly the length of coverageAlerts(kinds: [kind]) in the same region.',
  })
  count!: number;
}

export const { Connection: CoverageAlertConnection } = connectionTypes(CoverageAlert, 'CoverageAlert');
