import { FIGURE_CHANGED, RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { SecretaryStats } from './secretary-stats.type.js';

@Resolver(() => SecretaryStats)
export class SecretaryStatsResolver {
  @Query(() => SecretaryStats, {
    description: '书记配备率 of a region and all below it; your region when null.',
  })
  secretaryStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() { secretaryStats, viewer }: PartyWorkContext,
  ): Promise<SecretaryStats> {
    return secretaryStats.snapshot(regionCode, viewer);
  }

  @Query(() => [SecretaryStats], {
    description:
      'One secretary figure (书记配备率, reserve talent, staff by role) per child region of parentCode (provinces when null).',
  })
  secretaryStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Ctx() { secretaryStats, viewer }: PartyWorkContext,
  ): Promise<SecretaryStats[]> {
    return secretaryStats.byRegion(parentCode, viewer);
  }

  @RegionSubscription(
    () => SecretaryStats,
    FIGURE_CHANGED,
    (context: PartyWorkContext, args: RegionArgs) =>
      context.secretaryStats.subscribe(args.regionCode, context.viewer),
  )
  secretaryStatsChanged(@Root() stats: SecretaryStats, @Args() _args: RegionArgs): SecretaryStats {
    return stats;
  }
}
