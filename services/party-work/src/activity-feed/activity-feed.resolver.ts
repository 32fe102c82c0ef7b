import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Ctx, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
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

  @Subscription(() => ActivityFeedItem, {
    description: 'Each activity recorded in the region or below it, as a wall may see it.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, PartyWorkContext>) =>
      context.activityFeed.subscribe(args.regionCode, context.viewer),
  })
  activityFeed(
    @Root() activity: Activity,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
    @Ctx() { activityFeed }: PartyWorkContext,
  ): Promise<ActivityFeedItem> {
    return activityFeed.project(activity);
  }
}
