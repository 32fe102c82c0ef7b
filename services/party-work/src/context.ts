import { validClientRequestId } from '@pb/platform/gateway-pass';
import type { BaseContext } from '@pb/platform/subgraph';
import type { Viewer } from '@pb/platform/viewer';
import DataLoader from 'dataloader';
import type { ActivityService } from './activity/activity.service.js';
import type { Activity } from './activity/activity.type.js';
import type { ActivityReadService } from './activity/activity-read.service.js';
import type { ActivityStatsService } from './activity/activity-stats.service.js';
import type { ComplianceService } from './activity/compliance.service.js';
import type { ActivityFeedService } from './activity-feed/activity-feed.service.js';
import type { PartyWorkServices } from './app.js';
import type { AppraisalStatsService } from './appraisal-stats/appraisal-stats.service.js';
import type { BulkService } from './bulk/bulk.service.js';
import type { CommitteeService } from './committee/committee.service.js';
import type { CommitteeTerm } from './committee/committee.type.js';
import type { FundingService } from './funding/funding.service.js';
import type { FundingStatsService } from './funding/funding-stats.service.js';
import type { MemberLifeService } from './member-life/member-life.service.js';
import type { Appraisal, Talk, TrainingRecord } from './member-life/member-life.type.js';
import type { TalkReadService } from './member-life/talk-read.service.js';
import type { MemberStatsService } from './member-stats/member-stats.service.js';
import type { OrganizationReplicaService } from './organization-replica/organization-replica.service.js';
import type { PartyOrganizationReplicaEntity } from './organization-replica/party-organization-replica.entity.js';
import type { PartyMemberService } from './party-member/party-member.service.js';
import { MemberStage, type PartyMember, type StageChange } from './party-member/party-member.type.js';
import type { PartyMemberReadService } from './party-member/party-member-read.service.js';
import type { PersonalDataService } from './personal-data/personal-data.service.js';
import type { PersonalDataReadService } from './personal-data/personal-data-read.service.js';
import type { SecretaryStatsService } from './secretary-stats/secretary-stats.service.js';
import type { StaffService } from './staff/staff.service.js';
import type { StaffAssignment } from './staff/staff.type.js';
import type { TalkStatsService } from './talk-stats/talk-stats.service.js';
import type { TrainingStatsService } from './training-stats/training-stats.service.js';
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
  memberReads: PartyMemberReadService;
  memberStats: MemberStatsService;
  secretaryStats: SecretaryStatsService;
  talkStats: TalkStatsService;
  activities: ActivityService;
  activityReads: ActivityReadService;
  activityStats: ActivityStatsService;
  compliance: ComplianceService;
  activityFeed: ActivityFeedService;
  memberLife: MemberLifeService;
  talkReads: TalkReadService;
  funding: FundingService;
  fundingStats: FundingStatsService;
  appraisalStats: AppraisalStatsService;
  trainingStats: TrainingStatsService;
  staff: StaffService;
  committees: CommitteeService;
  personalData: PersonalDataService;
  personalDataReads: PersonalDataReadService;
  workAlerts: WorkAlertService;
  organizations: OrganizationReplicaService;
  bulk: BulkService;
  loaders: PartyWorkLoaders;
}

/** The loaders of one request: `context.loaders.x`. */
export type PartyWorkLoaders = ReturnType<typeof createLoaders>;

/**
 * Per-request loaders: each batches one request's keys into one query, so a list of any length costs one
 * query per field. Members and activities are scoped to the viewer's region by their services.
 */
export function createLoaders(services: PartyWorkServices, viewer: Viewer) {
  const { memberReads, activityReads, organizations, memberLife, staff, committees } = services;
  return {
    /** Full-member counts of the organizations one request asks about, in one query. */
    fullMemberCounts: new DataLoader<string, number>((ids) =>
      memberReads.countByOrganization(ids, MemberStage.FULL, viewer),
    ),
    probationaryMemberCounts: new DataLoader<string, number>((ids) =>
      memberReads.countByOrganization(ids, MemberStage.PROBATIONARY, viewer),
    ),
    members: new DataLoader<string, PartyMember | null>((ids) => memberReads.findMany(ids, viewer)),
    activityById: new DataLoader<string, Activity | null>((ids) => activityReads.findMany(ids, viewer)),
    /** The most recently held activity of each branch asked about. */
    lastActivities: new DataLoader<string, Activity | null>((ids) => activityReads.lastHeld(ids, viewer)),
    partyOrganizations: new DataLoader<string, PartyOrganizationReplicaEntity | null>((ids) =>
      organizations.findPartyOrganizations(ids),
    ),
    histories: new DataLoader<string, StageChange[]>((ids) => memberReads.histories(ids)),
    appraisals: new DataLoader<string, Appraisal[]>((ids) => memberLife.appraisals(ids)),
    trainings: new DataLoader<string, TrainingRecord[]>((ids) => memberLife.trainings(ids)),
    talks: new DataLoader<string, Talk[]>((ids) => services.talkReads.byMembers(ids)),
    currentStaff: new DataLoader<string, StaffAssignment[]>((ids) => staff.byOrganizations(ids)),
    committeeTerms: new DataLoader<string, CommitteeTerm[]>((ids) => committees.termsOf(ids)),
  };
}

/** The context of one request or subscription: the services, and loaders that batch its keys. */
export function createContext(services: PartyWorkServices, base: BaseContext): PartyWorkContext {
  return {
    ...base,
    // the platform's one rule, once, where every context is made (the pass's, a test's, a subscription's)
    clientRequestId: validClientRequestId(
      typeof base.clientRequestId === 'string' ? base.clientRequestId : null,
    ),
    ...services,
    loaders: createLoaders(services, base.viewer),
  };
}
