import type { PartyWorkContext } from '../context.js';

/** `_entities` lookups of activities: every key of one request in one query, scoped to the viewer. */
export const activityReferenceResolver = {
  Activity: {
    __resolveReference(reference: { id: string }, { loaders }: PartyWorkContext) {
      return loaders.activityById.load(reference.id);
    },
  },
};
