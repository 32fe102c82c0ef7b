import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { CommitteeTerm, RecordCommitteeElectionInput } from './committee.type.js';

@Resolver()
export class CommitteeResolver {
  @Mutation(() => CommitteeTerm, {
    description:
      '换届: records the election of a Party organization’s committee, beginning a term (by default 5 years for a 党委, 3 for a 党总支 or 党支部).',
  })
  recordCommitteeElection(
    @Arg('input', () => RecordCommitteeElectionInput) input: RecordCommitteeElectionInput,
    @Ctx() { committees, viewer }: PartyWorkContext,
  ) {
    return committees.recordElection(input, viewer);
  }
}
