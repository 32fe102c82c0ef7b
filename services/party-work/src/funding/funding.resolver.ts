import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { RecordFundingInput } from './funding.input.js';
import { FundingRecord, FundingStats } from './funding.type.js';

/**
 * The year of a figure to follow (the current one when null), beside the region (RegionArgs): a class of
 * its own, after the region in the method, so that the field's arguments stay `(year, regionCode)`.
 */
@ArgsType()
export class YearArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;
}

@Resolver()
export class FundingResolver {
  @Mutation(() => FundingRecord, { description: 'Records money received for Party work, in fen.' })
  recordFunding(
    @Arg('input', () => RecordFundingInput) input: RecordFundingInput,
    @Ctx() { funding, viewer }: PartyWorkContext,
  ) {
    return funding.record(input, viewer);
  }

  @Query(() => FundingStats, {
    description: 'Funding of a year (current when null) by source and quarter, in a region and all below it.',
  })
  fundingStats(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { fundingStats, viewer }: PartyWorkContext,
  ) {
    return fundingStats.snapshot(regionCode, year, viewer);
  }

  @RegionSubscription(
    () => FundingStats,
    'The whole new figure of the year whenever it changes; apply only versions newer than the one shown.',
    (context: PartyWorkContext, args: RegionArgs & YearArgs) =>
      context.fundingStats.subscribe(args.regionCode, args.year, context.viewer),
  )
  fundingStatsChanged(
    @Root() stats: FundingStats,
    @Args() _region: RegionArgs,
    @Args() _year: YearArgs,
  ): FundingStats {
    return stats;
  }
}
