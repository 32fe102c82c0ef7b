import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { RecordFundingInput } from './funding.input.js';
import { FundingRecord, FundingStats } from './funding.type.js';

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
    @Ctx() { funding, viewer }: PartyWorkContext,
  ) {
    return funding.stats(regionCode, year, viewer);
  }

  @Subscription(() => FundingStats, {
    description:
      'The whole new figure of the year whenever it changes; apply only versions newer than the one shown.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<
      unknown,
      { regionCode?: string | null; year?: number | null },
      PartyWorkContext
    >) => context.funding.subscribe(args.regionCode, args.year, context.viewer),
  })
  fundingStatsChanged(
    @Root() stats: FundingStats,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) _year: number | null,
  ): FundingStats {
    return stats;
  }
}
