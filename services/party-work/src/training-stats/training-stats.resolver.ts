import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { TrainingStats } from './training-stats.type.js';

@Resolver(() => TrainingStats)
export class TrainingStatsResolver {
  @Query(() => TrainingStats, {
    description:
      'Training attainment (教育培训达标) of a year (current when null) in a region and all below it; your region when null.',
  })
  trainingStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { trainingStats, viewer }: PartyWorkContext,
  ): Promise<TrainingStats> {
    return trainingStats.snapshot(regionCode, year, viewer);
  }

  @Query(() => [TrainingStats], {
    description:
      'One training figure of a year (current when null) per child region of parentCode (provinces when null).',
  })
  trainingStatsByRegion(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { trainingStats, viewer }: PartyWorkContext,
  ): Promise<TrainingStats[]> {
    return trainingStats.byRegion(parentCode, year, viewer);
  }

  @RegionSubscription(
    () => TrainingStats,
    'The whole new figure of the current year whenever it changes; apply only versions newer than the one shown.',
    (context: PartyWorkContext, args: RegionArgs) =>
      context.trainingStats.subscribe(args.regionCode, null, context.viewer),
  )
  trainingStatsChanged(@Root() stats: TrainingStats, @Args() _args: RegionArgs): TrainingStats {
    return stats;
  }
}
