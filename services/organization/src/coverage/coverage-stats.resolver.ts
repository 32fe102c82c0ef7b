import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
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

  @Subscription(() => CoverageStats, {
    description: 'The whole new figure whenever it changes; apply only versions newer than the one shown.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, OrganizationContext>) =>
      context.coverageStats.subscribe(args.regionCode, context.viewer),
  })
  coverageStatsChanged(
    @Root() stats: CoverageStats,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): CoverageStats {
    return stats;
  }

  @FieldResolver(() => Region, { nullable: true })
  region(@Root() stats: CoverageStats, @Ctx() { regions }: OrganizationContext): Region | null {
    return stats.regionCode ? (regions.find(stats.regionCode) ?? null) : null;
  }
}
