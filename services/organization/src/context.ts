import type { ChangeCounter } from '@pb/platform/change-counter';
import type { BaseContext } from '@pb/platform/subgraph';
import type { Viewer } from '@pb/platform/viewer';
import DataLoader from 'dataloader';
import type { BulkService } from './bulk/bulk.service.js';
import type { CoverageAlertService } from './coverage/coverage-alert.service.js';
import type { CoverageStatsService } from './coverage/coverage-stats.service.js';
import type { CrossAppointmentService } from './cross-appointment/cross-appointment.service.js';
import type { CrossAppointment } from './cross-appointment/cross-appointment.type.js';
import type { Announcer } from './events/announcer.js';
import type { PartyOrganizationQueries } from './party-organization/party-organization.queries.js';
import type { PartyOrganizationService } from './party-organization/party-organization.service.js';
import type { PartyCoverage, PartyOrganization } from './party-organization/party-organization.type.js';
import type { RegionService } from './region/region.service.js';
import type { FullMemberCountService } from './social-organization/full-member-count.service.js';
import type { SocialOrganizationQueries } from './social-organization/social-organization.queries.js';
import type { SocialOrganizationService } from './social-organization/social-organization.service.js';
import type { SocialOrganization } from './social-organization/social-organization.type.js';
import type { WallFeedService } from './wall-feed/wall-feed.service.js';
import type { WorkCoverageService } from './work-coverage/work-coverage.service.js';
import type { WorkCoverageMeasure } from './work-coverage/work-coverage.type.js';

/** The services that hold the rules; one set per running subgraph. */
export interface OrganizationServices {
  regions: RegionService;
  socialOrganizations: SocialOrganizationService;
  socialOrganizationQueries: SocialOrganizationQueries;
  fullMemberCounts: FullMemberCountService;
  /** Moved after each commit, whichever way it was written (platform/src/change-counter.ts). */
  changeCounter: ChangeCounter;
  partyOrganizations: PartyOrganizationService;
  partyOrganizationQueries: PartyOrganizationQueries;
  workCoverage: WorkCoverageService;
  crossAppointments: CrossAppointmentService;
  coverageStats: CoverageStatsService;
  coverageAlerts: CoverageAlertService;
  bulk: BulkService;
  announcer: Announcer;
  wallFeed: WallFeedService;
}

/** What every resolver of this subgraph receives: the viewer, the services, and per-request loaders. */
export interface OrganizationContext extends BaseContext, OrganizationServices {
  /** Batches entity references of one request into one query. */
  socialOrganizationLoader: DataLoader<string, SocialOrganization | null>;
  loaders: ReturnType<typeof createLoaders>;
}

/**
 * Loaders for fields of records the viewer already reached (a scoped list or lookup): each batches one
 * request's keys into one query. A Party organization reached from a visible record is shown even when
 * its own region is wider than the viewer's (the higher organization of a county branch).
 */
export function createLoaders(services: OrganizationServices, viewer: Viewer) {
  return {
    partyOrganization: new DataLoader<string, PartyOrganization | null>((ids) => {
      viewer.require('read:records');
      return services.partyOrganizationQueries.loadMany(ids);
    }),
    /** Entity references from the gateway: scoped to the viewer's region. */
    partyOrganizationReference: new DataLoader<string, PartyOrganization | null>((ids) =>
      services.partyOrganizationQueries.findManyById(ids, viewer),
    ),
    partyCoverage: new DataLoader<string, PartyCoverage | null>((ids) =>
      services.partyOrganizationQueries.coverOf(ids),
    ),
    coveredIds: new DataLoader<string, string[]>((ids) => services.partyOrganizationQueries.coveredIds(ids)),
    workCoverage: new DataLoader<string, WorkCoverageMeasure[]>((ids) =>
      services.workCoverage.forOrganizations(ids, viewer),
    ),
    crossAppointments: new DataLoader<string, CrossAppointment[]>((ids) =>
      services.crossAppointments.forOrganizations(ids, viewer),
    ),
  };
}

export function createContext(services: OrganizationServices, base: BaseContext): OrganizationContext {
  return {
    ...base,
    ...services,
    socialOrganizationLoader: new DataLoader((ids: readonly string[]) =>
      services.socialOrganizationQueries.findManyById(ids, base.viewer),
    ),
    loaders: createLoaders(services, base.viewer),
  };
}
