import { SocialOrganization } from './social-organization.type.js';

/** `_entities` lookups of social organizations: the id is all the fields party-work adds need. */
export const socialOrganizationReferenceResolver = {
  SocialOrganization: {
    __resolveReference(reference: { id: string }): SocialOrganization {
      return Object.assign(new SocialOrganization(), { id: reference.id });
    },
  },
};
