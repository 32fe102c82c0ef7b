// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { ArgsType, Field, ID, type SubscribeResolverData, Subscription } from 'type-graphql';

/** What type-graphql's own decorators take as a return type (not exported from its root). */
type ReturnTypeFunc = Parameters<typeof Subscription>[0];

import type { BaseContext } from './subgraph.js';

/**
 * The arguments of every region-scoped subscription: the region to follow, the viewer's own when null.
 * Subscriptions with more arguments extend this class (`FundingArgs extends RegionArgs { year }`); the
 * SDL is the same as declaring `regionCode: ID` on the field itself.
 */
@ArgsType()
export class RegionArgs {
  @Field(() => ID, { nullable: true })
  regionCode?: string | null;
}

/** How a region-scoped subscription follows its stream: the service's subscribe, given the viewer's context. */
export type FollowStream<TContext extends BaseContext, TArgs extends RegionArgs> = (
  context: TContext,
  args: TArgs,
) => AsyncIterable<unknown>;

/** The description every figure stream shares: the client keeps the newest version it has seen. */
export const FIGURE_CHANGED =
  'The whole new figure whenever it changes; apply only versions newer than the one shown.';

/**
 * A subscription to one stream of a region and below it. The service does the scoping (it checks the
 * viewer's permission and narrows the region to what the viewer may see), so every subscription resolver
 * is this decorator, `@Args() _args: RegionArgs` (or a subclass) and a method that returns or projects the
 * event: the ten subscriptions of the two subgraphs used to repeat the same twelve lines of wiring.
 *
 * ```ts
 * @RegionSubscription(() => MemberStats, FIGURE_CHANGED, (context: PartyWorkContext, args: RegionArgs) =>
 *   context.memberStats.subscribe(args.regionCode, context.viewer))
 * memberStatsChanged(@Root() stats: MemberStats, @Args() _args: RegionArgs): MemberStats { return stats; }
 * ```
 */
export function RegionSubscription<TContext extends BaseContext, TArgs extends RegionArgs>(
  returnType: ReturnTypeFunc,
  description: string,
  follow: FollowStream<TContext, TArgs>,
): MethodDecorator {
  return Subscription(returnType, {
    description,
    subscribe: ({ args, context }: SubscribeResolverData<unknown, TArgs, TContext>) => follow(context, args),
  });
}
