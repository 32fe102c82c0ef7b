import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Activity } from '../activity/activity.type.js';
import type { PartyWorkContext } from '../context.js';
import { ActivityFeedItem } from './activity-feed.type.js';

@Resolver(() => ActivityFeedItem)
export class ActivityFeedResolver {
  @Query(() => [ActivityFeedItem], {
    description: 'The latest activities in the region and below it (yours when null), newest recorded first.',
  })
  recentActivities(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 50; 10 when null.' }) first:
      | number
      | null,
    @Ctx() { activityFeed, viewer }: PartyWorkContext,
  ): Promise<ActivityFeedItem[]> {
    return activityFeed.recent(regionCode, first, viewer);
  }

  @RegionSubscription(
    () => ActivityFeedItem,
    'Each activity recorded in the region or below it, as a wall may see it.',
    (context: PartyWorkContext, args: RegionArgs) =>
      context.activityFeed.subscribe(args.regionCode, context.viewer),
  )
  activityFeed(
    @Root() activity: Activity,
    @Args() _args: RegionArgs,
    @Ctx() { activityFeed }: PartyWorkContext,
  ): Promise<ActivityFeedItem> {
    return activityFeed.project(activity);
  }
}
