import { Initial1764201600000 } from './migrations/1764201600000-initial.js';
import { RegionEntity } from './region/region.entity.js';
import { SocialOrganizationEntity } from './social-organization/social-organization.entity.js';

/** Every table of this subgraph, and the migrations that create them, in order. */
export const entities = [RegionEntity, SocialOrganizationEntity];
export const migrations = [Initial1764201600000];
