import { FIGURE_CHANGED, RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Query, Resolver, Root } from 'type-graphql';
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

  @RegionSubscription(
    () => MemberStats,
    FIGURE_CHANGED,
    (context: PartyWorkContext, args: RegionArgs) =>
      context.memberStats.subscribe(args.regionCode, context.viewer),
  )
  memberStatsChanged(@Root() stats: MemberStats, @Args() _args: RegionArgs): MemberStats {
    return stats;
  }
}
