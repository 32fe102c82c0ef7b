import type { PartyWorkContext } from '../context.js';

/** `_entities` lookups of members: every key of one request in one query, scoped to the viewer. */
export const partyMemberReferenceResolver = {
  PartyMember: {
    __resolveReference(reference: { id: string }, { loaders }: PartyWorkContext) {
      return loaders.members.load(reference.id);
    },
  },
};
