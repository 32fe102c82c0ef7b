import { FIGURE_CHANGED, RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { Region } from '../region/region.type.js';
import { CoverageStats } from './coverage-stats.type.js';

@Resolver(() => CoverageStats)
export class CoverageStatsResolver {
  @Query(() => CoverageStats, {
    description: 'Coverage figures of a region and all below it; your region when null.',
  })
  coverageStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() { coverageStats, viewer }: OrganizationContext,
  ): Promise<CoverageStats> {
    return coverageStats.snapshot(regionCode, viewer);
  }

  @Query(() => [CoverageStats], {
    description: 'One figure per child region of parentCode (provinces when null), within your region.',
  })
  coverageByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Ctx() { coverageStats, viewer }: OrganizationContext,
  ): Promise<CoverageStats[]> {
    return coverageStats.byRegion(parentCode, viewer);
  }

  @RegionSubscription(
    () => CoverageStats,
    FIGURE_CHANGED,
    (context: OrganizationContext, args: RegionArgs) =>
      context.coverageStats.subscribe(args.regionCode, context.viewer),
  )
  coverageStatsChanged(@Root() stats: CoverageStats, @Args() _args: RegionArgs): CoverageStats {
    return stats;
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() stats: CoverageStats, @Ctx() { regions }: OrganizationContext): Region | null {
    return stats.regionCode ? (regions.find(stats.regionCode) ?? null) : null;
  }
}
