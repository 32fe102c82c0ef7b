import type { OrganizationContext } from '../context.js';

/** `_entities` lookups of regions: public reference data, held in memory. */
export const regionReference = {
  Region: {
    __resolveReference(reference: { code: string }, { regions }: OrganizationContext) {
      return regions.find(reference.code) ?? null;
    },
  },
};
