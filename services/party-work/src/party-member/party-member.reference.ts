import type { PartyWorkContext } from '../context.js';

/** `_entities` lookups of members and activities: every key of one request in one query, scoped to the viewer. */
export const memberReferences = {
  PartyMember: {
    __resolveReference(reference: { id: string }, { members }: PartyWorkContext) {
      return members.load(reference.id);
    },
  },
  Activity: {
    __resolveReference(reference: { id: string }, { activityById }: PartyWorkContext) {
      return activityById.load(reference.id);
    },
  },
};
