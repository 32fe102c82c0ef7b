import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { ReportedFullMemberCount } from './full-member-count.type.js';

@Resolver(() => ReportedFullMemberCount)
export class FullMemberCountResolver {
  @Query(() => [ReportedFullMemberCount], {
    description:
      'The full-member counts of up to 500 organizations, in the order asked, with their versions: what `pnpm resync organization` rebuilds the organization subgraph from. National tokens only.',
  })
  async reportedFullMemberCounts(
    @Arg('socialOrganizationIds', () => [ID]) socialOrganizationIds: string[],
    @Ctx() { memberReads, viewer }: PartyWorkContext,
  ): Promise<ReportedFullMemberCount[]> {
    const rows = await memberReads.reportedFullMemberCounts(socialOrganizationIds, viewer);
    return rows.map((row) => Object.assign(new ReportedFullMemberCount(), row));
  }
}
