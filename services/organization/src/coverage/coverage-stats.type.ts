import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';

/** One month of the registration trend (month in China time). */
@ObjectType({ description: 'Registrations and new coverage in one month, over the active organizations.' })
export class CoverageMonth {
  @Field(() => String, { description: 'YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Active organizations registered in the month.' })
  registered!: number;

  @Field(() => Int, {
    description:
      'Active organizations first covered (by a Party organization or a work measure) in the month.',
  })
  newlyCovered!: number;
}

/**
 * Coverage figures for a region and every region below it (national when `region` is null), over the
 * N active organizations in scope. `version` only grows: a client applies an update only when its version
 * is newer than what it shows. Every rate is a fraction in [0, 1] (0 when its denominator is 0).
 */
@ObjectType({
  description: 'Coverage figures for a region and every region below it (national when region is null).',
})
export class CoverageStats {
  regionCode!: string | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, { description: 'Active social organizations in scope (N).' })
  organizations!: number;

  @Field(() => Int, { description: 'Covered by an active Party organization, of any formation mode.' })
  partyCovered!: number;

  @Field(() => Int, { description: 'Covered by their own standalone (单独组建) Party organization.' })
  standalone!: number;

  @Field(() => Int, { description: 'Eligible (应建): full Party members ≥ 3, as reported by party-work.' })
  eligible!: number;

  @Field(() => Int, { description: 'Eligible and covered by a standalone Party organization.' })
  eligibleStandalone!: number;

  @Field(() => Int, { description: 'Party-covered, or with an active work-coverage measure.' })
  workCovered!: number;

  @Field(() => Int, { description: '空白点: N − workCovered.' })
  blankSpots!: number;

  @Field(() => Int, { description: 'Charter carries the Party-building clause (FULL_LEADERSHIP or BASIC).' })
  charterIncluded!: number;

  @Field(() => Int, { description: 'Standalone-covered with at least one active cross appointment.' })
  crossAppointed!: number;

  @Field(() => Int, {
    description:
      'Standalone-covered with an active cross appointment whose Party post is 书记: the secretary also in the management.',
  })
  secretaryCrossAppointed!: number;

  @Field(() => Float, { description: '组织覆盖率: partyCovered ÷ organizations.' })
  organizationCoverageRate!: number;

  @Field(() => Float, { description: '单独组建率: standalone ÷ organizations.' })
  standaloneRate!: number;

  @Field(() => Float, { description: '应建尽建率: eligibleStandalone ÷ eligible.' })
  eligibleCoverageRate!: number;

  @Field(() => Float, { description: '工作覆盖率: workCovered ÷ organizations.' })
  workCoverageRate!: number;

  @Field(() => Float, { description: '入章率: charterIncluded ÷ organizations.' })
  charterRate!: number;

  @Field(() => Float, { description: '交叉任职率: crossAppointed ÷ standalone.' })
  crossAppointmentRate!: number;

  @Field(() => Float, { description: '书记兼任管理层比例: secretaryCrossAppointed ÷ standalone.' })
  secretaryInManagementRate!: number;

  @Field(() => Int, { description: 'D of the in-step rate: days after registration to get any coverage.' })
  inStepDays!: number;

  @Field(() => String, {
    description: 'First registration day of the in-step period (365 days ending D days ago).',
  })
  inStepPeriodFrom!: string;

  @Field(() => String, { description: 'Last registration day of the in-step period (today − D).' })
  inStepPeriodTo!: string;

  @Field(() => Int, { description: 'Active organizations registered in the in-step period.' })
  registeredInPeriod!: number;

  @Field(() => Int, {
    description: 'Of those, the ones whose first coverage (Party or work) began within D days.',
  })
  inStep!: number;

  @Field(() => Float, { description: '同步建立率: inStep ÷ registeredInPeriod.' })
  inStepRate!: number;

  @Field(() => Int, { description: '党组织: active Party organizations whose region is in scope.' })
  partyOrganizations!: number;

  @Field(() => [CoverageMonth], {
    description: 'The last 12 months, this one included, oldest first: registrations against new coverage.',
  })
  byMonth!: CoverageMonth[];
}
