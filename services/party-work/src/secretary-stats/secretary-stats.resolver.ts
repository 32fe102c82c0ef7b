import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
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

  @Subscription(() => SecretaryStats, {
    description: 'The whole new figure whenever it changes; apply only versions newer than the one shown.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, PartyWorkContext>) =>
      context.secretaryStats.subscribe(args.regionCode, context.viewer),
  })
  secretaryStatsChanged(
    @Root() stats: SecretaryStats,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): SecretaryStats {
    return stats;
  }
}
