import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { YearArgs } from '../funding/funding.resolver.js';
import { AppraisalStats } from './appraisal-stats.type.js';

@Resolver(() => AppraisalStats)
export class AppraisalStatsResolver {
  @Query(() => AppraisalStats, {
    description:
      '民主评议党员 of a year (current when null, China time): Party members on the rolls, how many hold a grade of the year, by grade; in a region and all below it.',
  })
  appraisalStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { appraisalStats, viewer }: PartyWorkContext,
  ) {
    return appraisalStats.snapshot(regionCode, year, viewer);
  }

  @Query(() => [AppraisalStats], {
    description: 'One 民主评议 figure of the year per child region of parentCode (provinces when null).',
  })
  appraisalStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { appraisalStats, viewer }: PartyWorkContext,
  ) {
    return appraisalStats.byRegion(parentCode, year, viewer);
  }

  @RegionSubscription(
    () => AppraisalStats,
    'The whole new figure of the year whenever it changes; apply only versions newer than the one shown.',
    (context: PartyWorkContext, args: RegionArgs & YearArgs) =>
      context.appraisalStats.subscribe(args.regionCode, args.year, context.viewer),
  )
  appraisalStatsChanged(
    @Root() stats: AppraisalStats,
    @Args() _region: RegionArgs,
    @Args() _year: YearArgs,
  ): AppraisalStats {
    return stats;
  }
}
