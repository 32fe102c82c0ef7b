import type { OrganizationContext } from '../context.js';

/** `_entities` lookups of Party organizations: every key of one request in one query, scoped to the viewer. */
export const partyOrganizationReference = {
  PartyOrganization: {
    __resolveReference(reference: { id: string }, context: OrganizationContext) {
      return context.loaders.partyOrganizationReference.load(reference.id);
    },
  },
};
