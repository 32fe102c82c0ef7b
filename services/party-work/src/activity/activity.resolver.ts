import { readPage } from '@pb/platform';
import type { SubscribeResolverData } from 'type-graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_ORGANIZATION_FAILS } from '../cross-subgraph.js';
import {
  PartyOrganization,
  partyOrganizationReference,
} from '../party-organization/party-organization.type.js';
import { ActivityFilter, RecordActivityInput } from './activity.input.js';
import { Activity, ActivityConnection, ActivityStats } from './activity.type.js';

type StatsArgs = { regionCode?: string | null; quarter?: string | null };

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
    @Ctx() { activities, viewer }: PartyWorkContext,
  ) {
    return activities.list(filter, readPage(first, after), viewer);
  }

  @Query(() => ActivityStats, {
    description: 'Organizational-life figures of a quarter (current when null) in a region and all below it.',
  })
  activityStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('quarter', () => String, { nullable: true }) quarter: string | null,
    @Ctx() { activities, viewer }: PartyWorkContext,
  ) {
    return activities.snapshot(regionCode, quarter, viewer);
  }

  @Query(() => [ActivityStats], {
    description: 'One figure per child region of parentCode (provinces when null).',
  })
  activityStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('quarter', () => String, { nullable: true }) quarter: string | null,
    @Ctx() { activities, viewer }: PartyWorkContext,
  ) {
    return activities.byRegion(parentCode, quarter, viewer);
  }

  @Subscription(() => Activity, {
    description: 'Each activity recorded in the region or below it.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, PartyWorkContext>) =>
      context.activities.subscribeRecorded(args.regionCode, context.viewer),
  })
  activityRecorded(
    @Root() activity: Activity,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): Activity {
    return activity;
  }

  @Subscription(() => ActivityStats, {
    description: 'The whole new figure whenever it changes; apply only versions newer than the one shown.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, StatsArgs, PartyWorkContext>) =>
      context.activities.subscribe(args.regionCode, args.quarter, context.viewer),
  })
  activityStatsChanged(
    @Root() stats: ActivityStats,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
    @Arg('quarter', () => String, { nullable: true }) _quarter: string | null,
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
