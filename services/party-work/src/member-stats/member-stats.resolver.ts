import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { MemberStats } from './member-stats.type.js';

@Resolver(() => MemberStats)
export class MemberStatsResolver {
  @Query(() => MemberStats, {
    description: 'Member figures of a region and all below it; your region when null.',
  })
  memberStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() { memberStats, viewer }: PartyWorkContext,
  ): Promise<MemberStats> {
    return memberStats.snapshot(regionCode, viewer);
  }

  @Subscription(() => MemberStats, {
    description: 'The whole new figure whenever it changes; apply only versions newer than the one shown.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, PartyWorkContext>) =>
      context.memberStats.subscribe(args.regionCode, context.viewer),
  })
  memberStatsChanged(
    @Root() stats: MemberStats,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): MemberStats {
    return stats;
  }
}
