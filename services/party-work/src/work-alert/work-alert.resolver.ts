import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { WorkAlertConnection, WorkAlertCount, WorkAlertKind } from './work-alert.type.js';

@Resolver()
export class WorkAlertResolver {
  @Query(() => WorkAlertConnection, {
    description: 'What branches should act on, in a region and all below it.',
  })
  workAlerts(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('kinds', () => [WorkAlertKind], { nullable: true }) kinds: WorkAlertKind[] | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { workAlerts, viewer }: PartyWorkContext,
  ) {
    return workAlerts.list(regionCode, kinds, readPage(first, after), viewer);
  }

  @Query(() => [WorkAlertCount], {
    description:
      'How many work alerts of each kind (every kind, zeros included) a region and all below it have.',
  })
  workAlertCounts(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() { workAlerts, viewer }: PartyWorkContext,
  ) {
    return workAlerts.counts(regionCode, viewer);
  }
}
