import type { BaseContext } from '@pb/platform';
import type DataLoader from 'dataloader';
import type { CoverageStatsService } from './coverage/coverage-stats.service.js';
import type { RegionService } from './region/region.service.js';
import type { SocialOrganizationService } from './social-organization/social-organization.service.js';
import type { SocialOrganization } from './social-organization/social-organization.type.js';

/** What every resolver of this subgraph receives: the viewer and the services that hold the rules. */
export interface OrganizationContext extends BaseContext {
  regions: RegionService;
  socialOrganizations: SocialOrganizationService;
  coverageStats: CoverageStatsService;
  /** Batches entity references of one request into one query. */
  socialOrganizationLoader: DataLoader<string, SocialOrganization | null>;
}

export type OrganizationServices = Omit<OrganizationContext, keyof BaseContext | 'socialOrganizationLoader'>;
