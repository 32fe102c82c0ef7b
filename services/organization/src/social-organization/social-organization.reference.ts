import type { OrganizationContext } from '../context.js';

/** `_entities` lookups of organizations: every key of one request in one query, scoped to the viewer. */
export const socialOrganizationReference = {
  SocialOrganization: {
    __resolveReference(reference: { id: string }, context: OrganizationContext) {
      return context.socialOrganizationLoader.load(reference.id);
    },
  },
};
