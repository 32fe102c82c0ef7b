import { readPage } from '@pb/platform/pagination';
import { FIGURE_CHANGED, RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_ORGANIZATION_FAILS } from '../cross-subgraph.js';
import {
  PartyOrganization,
  partyOrganizationReference,
} from '../party-organization/party-organization.type.js';
import { ActivityFilter, RecordActivityInput } from './activity.input.js';
import { Activity, ActivityConnection, ActivityStats } from './activity.type.js';

/**
 * The quarter of a figure to follow (the current one when null), beside the region (RegionArgs): a class
 * of its own, after the region in the method, so that the field's arguments stay `(quarter, regionCode)`.
 */
@ArgsType()
export class QuarterArgs {
  @Field(() => String, { nullable: true })
  quarter?: string | null;
}

@Resolver(() => Activity)
export class ActivityResolver {
  @Mutation(() => Activity, {
    description: 'Records an activity (or a correction of one) within the recording window.',
  })
  recordActivity(
    @Arg('input', () => RecordActivityInput) input: RecordActivityInput,
    @Ctx() { activities, viewer }: PartyWorkContext,
  ) {
    return activities.record(input, viewer);
  }

  @Query(() => ActivityConnection, {
    description: 'Activities in a region and all below it; latest versions unless asked.',
  })
  activities(
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { activityReads, viewer }: PartyWorkContext,
  ) {
    return activityReads.list(filter, readPage(first, after), viewer);
  }

  @Query(() => ActivityStats, {
    description: 'Organizational-life figures of a quarter (current when null) in a region and all below it.',
  })
  activityStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('quarter', () => String, { nullable: true }) quarter: string | null,
    @Ctx() { activityStats, viewer }: PartyWorkContext,
  ) {
    return activityStats.snapshot(regionCode, quarter, viewer);
  }

  @Query(() => [ActivityStats], {
    description: 'One figure per child region of parentCode (provinces when null).',
  })
  activityStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('quarter', () => String, { nullable: true }) quarter: string | null,
    @Ctx() { activityStats, viewer }: PartyWorkContext,
  ) {
    return activityStats.byRegion(parentCode, quarter, viewer);
  }

  @RegionSubscription(
    () => Activity,
    'Each activity recorded in the region or below it.',
    (context: PartyWorkContext, args: RegionArgs) =>
      context.activityReads.subscribeRecorded(args.regionCode, context.viewer),
  )
  activityRecorded(@Root() activity: Activity, @Args() _args: RegionArgs): Activity {
    return activity;
  }

  @RegionSubscription(
    () => ActivityStats,
    FIGURE_CHANGED,
    (context: PartyWorkContext, args: RegionArgs & QuarterArgs) =>
      context.activityStats.subscribe(args.regionCode, args.quarter, context.viewer),
  )
  activityStatsChanged(
    @Root() stats: ActivityStats,
    @Args() _region: RegionArgs,
    @Args() _quarter: QuarterArgs,
  ): ActivityStats {
    return stats;
  }

  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description: `The branch that held it. ${NULL_WHEN_ORGANIZATION_FAILS}`,
  })
  branch(@Root() activity: Activity): PartyOrganization {
    return partyOrganizationReference(activity.branchId);
  }
}
