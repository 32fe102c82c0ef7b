import { type BaseContext, validClientRequestId } from '@pb/platform';
import DataLoader from 'dataloader';
import type { ActivityService } from './activity/activity.service.js';
import type { Activity } from './activity/activity.type.js';
import type { ActivityFeedService } from './activity-feed/activity-feed.service.js';
import type { PartyWorkServices } from './app.js';
import type { BulkService } from './bulk/bulk.service.js';
import type { FundingService } from './funding/funding.service.js';
import type { MemberLifeService } from './member-life/member-life.service.js';
import type { Appraisal, TrainingRecord } from './member-life/member-life.type.js';
import type { MemberStatsService } from './member-stats/member-stats.service.js';
import type { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import type { PartyOrganizationReplicaEntity } from './organization-replica/party-organization-replica.entity.js';
import type { PartyMemberService } from './party-member/party-member.service.js';
import { MemberStage, type PartyMember, type StageChange } from './party-member/party-member.type.js';
import type { PersonalDataService } from './personal-data/personal-data.service.js';
import type { PersonalDataReadService } from './personal-data/personal-data-read.service.js';
import type { SecretaryStatsService } from './secretary-stats/secretary-stats.service.js';
import type { StaffService } from './staff/staff.service.js';
import type { StaffAssignment } from './staff/staff.type.js';
import type { WorkAlertService } from './work-alert/work-alert.service.js';

/** What every resolver of this subgraph receives: the viewer, the services that hold the rules, and
 * per-request loaders so a list of any length costs one query per field. */
export interface PartyWorkContext extends BaseContext {
  /**
   * The client's own `x-request-id` when well formed, kept beside the platform's request id in the audit
   * log; null when the client sent none, or one that is not an id.
   */
  clientRequestId: string | null;
  partyMembers: PartyMemberService;
  memberStats: MemberStatsService;
  secretaryStats: SecretaryStatsService;
  activities: ActivityService;
  activityFeed: ActivityFeedService;
  memberLife: MemberLifeService;
  funding: FundingService;
  staff: StaffService;
  personalData: PersonalDataService;
  personalDataReads: PersonalDataReadService;
  workAlerts: WorkAlertService;
  organizations: OrganizationReplicaService;
  bulk: BulkService;
  /** Full-member counts of the organizations one request asks about, in one query. */
  fullMemberCounts: DataLoader<string, number>;
  probationaryMemberCounts: DataLoader<string, number>;
  members: DataLoader<string, PartyMember | null>;
  activityById: DataLoader<string, Activity | null>;
  /** The most recently held activity of each branch asked about. */
  lastActivities: DataLoader<string, Activity | null>;
  partyOrganizations: DataLoader<string, PartyOrganizationReplicaEntity | null>;
  histories: DataLoader<string, StageChange[]>;
  appraisals: DataLoader<string, Appraisal[]>;
  trainings: DataLoader<string, TrainingRecord[]>;
  currentStaff: DataLoader<string, StaffAssignment[]>;
}

/** The context of one request or subscription: the services, and loaders that batch its keys. */
export function createContext(services: PartyWorkServices, base: BaseContext): PartyWorkContext {
  const { partyMembers, activities, organizations, memberLife, staff } = services;
  const { viewer } = base;
  return {
    ...base,
    // the platform's one rule, once, where every context is made (the pass's, a test's, a subscription's)
    clientRequestId: validClientRequestId(
      typeof base.clientRequestId === 'string' ? base.clientRequestId : null,
    ),
    ...services,
    fullMemberCounts: new DataLoader((ids: readonly string[]) =>
      partyMembers.countByOrganization(ids, MemberStage.FULL, viewer),
    ),
    probationaryMemberCounts: new DataLoader((ids: readonly string[]) =>
      partyMembers.countByOrganization(ids, MemberStage.PROBATIONARY, viewer),
    ),
    members: new DataLoader((ids: readonly string[]) => partyMembers.findMany(ids, viewer)),
    activityById: new DataLoader((ids: readonly string[]) => activities.findMany(ids, viewer)),
    lastActivities: new DataLoader((ids: readonly string[]) => activities.lastHeld(ids, viewer)),
    partyOrganizations: new DataLoader((ids: readonly string[]) => organizations.findPartyOrganizations(ids)),
    histories: new DataLoader((ids: readonly string[]) => partyMembers.histories(ids)),
    appraisals: new DataLoader((ids: readonly string[]) => memberLife.appraisals(ids)),
    trainings: new DataLoader((ids: readonly string[]) => memberLife.trainings(ids)),
    currentStaff: new DataLoader((ids: readonly string[]) => staff.byOrganizations(ids)),
  };
}
