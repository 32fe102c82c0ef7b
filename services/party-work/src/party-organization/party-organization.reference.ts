import type { PartyWorkContext } from '../context.js';
import { PartyOrganization } from './party-organization.type.js';

/**
 * `_entities` lookups of Party organizations: the replica's region and committee, which the fields party-work
 * adds need; every key of one request in one query.
 */
export const partyOrganizationReferenceResolver = {
  PartyOrganization: {
    async __resolveReference(reference: { id: string }, { loaders }: PartyWorkContext) {
      const replica = await loaders.partyOrganizations.load(reference.id);
      return Object.assign(new PartyOrganization(), {
        id: reference.id,
        regionCode: replica?.regionCode ?? null,
        hasCommittee: replica?.hasCommittee ?? false,
      });
    },
  },
};
