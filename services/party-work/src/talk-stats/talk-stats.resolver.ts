import { FIGURE_CHANGED, RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { TalkStats } from './talk-stats.type.js';

@Resolver(() => TalkStats)
export class TalkStatsResolver {
  @Query(() => TalkStats, {
    description:
      '谈心谈话覆盖率 of a year (the current one, China time, when null) of a region and all below it; your region when null.',
  })
  talkStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { talkStats, viewer }: PartyWorkContext,
  ): Promise<TalkStats> {
    return talkStats.snapshot(regionCode, year, viewer);
  }

  @Query(() => [TalkStats], {
    description:
      '谈心谈话覆盖率 of a year (the current one when null), one figure per child region of parentCode (provinces when null).',
  })
  talkStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { talkStats, viewer }: PartyWorkContext,
  ): Promise<TalkStats[]> {
    return talkStats.byRegion(parentCode, year, viewer);
  }

  @RegionSubscription(
    () => TalkStats,
    FIGURE_CHANGED,
    (context: PartyWorkContext, args: RegionArgs) =>
      context.talkStats.subscribe(args.regionCode, null, context.viewer),
  )
  talkStatsChanged(@Root() stats: TalkStats, @Args() _args: RegionArgs): TalkStats {
    return stats;
  }
}
