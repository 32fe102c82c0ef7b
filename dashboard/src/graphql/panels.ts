import { gql, type TypedDocumentNode } from '@apollo/client/core';
import activityByRegionSource from './ActivityByRegion.graphql?raw';
import activityFeedSource from './ActivityFeed.graphql?raw';
import activityFiguresSource from './ActivityFigures.graphql?raw';
import activityFiguresChangedSource from './ActivityFiguresChanged.graphql?raw';
import activityFiguresFieldsSource from './ActivityFiguresFields.graphql?raw';
import childRegionsSource from './ChildRegions.graphql?raw';
import coverageAlertsSource from './CoverageAlerts.graphql?raw';
import coverageByRegionSource from './CoverageByRegion.graphql?raw';
import coverageFiguresSource from './CoverageFigures.graphql?raw';
import coverageFiguresChangedSource from './CoverageFiguresChanged.graphql?raw';
import coverageFiguresFieldsSource from './CoverageFiguresFields.graphql?raw';
import coverageTrendSource from './CoverageTrend.graphql?raw';
import coverageTrendChangedSource from './CoverageTrendChanged.graphql?raw';
import coverageTrendFieldsSource from './CoverageTrendFields.graphql?raw';
import establishmentFeedSource from './EstablishmentFeed.graphql?raw';
import fundingBySourceSource from './FundingBySource.graphql?raw';
import fundingBySourceChangedSource from './FundingBySourceChanged.graphql?raw';
import fundingFieldsSource from './FundingFields.graphql?raw';
import memberStagesSource from './MemberStages.graphql?raw';
import memberStagesChangedSource from './MemberStagesChanged.graphql?raw';
import memberStagesFieldsSource from './MemberStagesFields.graphql?raw';
import type { RegionVariables } from './operations';
import recentFeedSource from './RecentFeed.graphql?raw';
import regionTitleSource from './RegionTitle.graphql?raw';
import registrationFeedSource from './RegistrationFeed.graphql?raw';
import workAlertsSource from './WorkAlerts.graphql?raw';

// the panels' operations; each panel reads its own so that a field the server lacks empties one panel

export interface RegionRef {
  code: string;
  name: string;
}

/** The coverage figures of the headline: rates with the counts they are made of. */
export interface CoverageFigures {
  version: string;
  organizations: number;
  /** 党组织: active Party organizations in scope */
  partyOrganizations: number;
  partyCovered: number;
  workCovered: number;
  eligible: number;
  eligibleStandalone: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  eligibleCoverageRate: number;
}

/** One month of the registration trend. */
export interface CoverageMonth {
  /** YYYY-MM */
  month: string;
  registered: number;
  newlyCovered: number;
}

export interface CoverageTrend {
  version: string;
  byMonth: CoverageMonth[];
}

export interface ActivityFigures {
  version: string;
  quarter: string;
  activities: number;
  byType: Array<{ type: string; count: number }>;
  onlineShare: number;
  /** the quarter's weeks begun so far, oldest first: how many activities, how many online (or hybrid) */
  byWeek: Array<{ week: string; activities: number; online: number }>;
  branches: number;
  compliantBranches: number;
  /** 三会一课完成率 */
  complianceRate: number;
}

/** One child region's coverage, a row of `coverageByRegion`. */
export interface RegionCoverage {
  region: RegionRef | null;
  version: string;
  organizations: number;
  partyCovered: number;
  organizationCoverageRate: number;
  workCoverageRate: number;
  eligibleCoverageRate: number;
  standaloneRate: number;
}

export interface RegionCompliance {
  region: RegionRef | null;
  complianceRate: number;
  branches: number;
  compliantBranches: number;
}

export interface StageCount {
  stage: string;
  count: number;
}

/** Members by stage, and this year's development (发展党员) and conversions (按期转正). */
export interface MemberStagesFigure {
  version: string;
  byStage: StageCount[];
  year: number;
  developedThisYear: number;
  convertedThisYear: number;
}

/** This year's funding by source. */
export interface Funding {
  version: string;
  year: number;
  /** decimal string: sums may pass 2^31 */
  totalFen: string;
  bySource: Array<{ source: string; amountFen: string }>;
}

/** A coverage alert names its subject; a work alert its branch (never a member, on a wall). */
export interface AlertNode {
  kind: string;
  severity?: string;
  subjectName?: string;
  /** party-work's name of the branch, which a wall token may read */
  branchName?: string | null;
}

export interface AlertConnection {
  totalCount: number;
  edges: Array<{ node: AlertNode }>;
}

/** An activity on the feed: its branch by name, never its title or the people in it. */
export interface ActivityFeedItem {
  id: string;
  type: string;
  mode: string;
  heldAt: string;
  branchName: string;
  region: { name: string } | null;
}

export interface RegistrationFeedItem {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  registeredAt: string;
  region: { name: string } | null;
}

export interface EstablishmentFeedItem {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  establishedAt: string;
  region: { name: string } | null;
}

export interface RecentFeed {
  recentActivities: ActivityFeedItem[];
  recentRegistrations: RegistrationFeedItem[];
  recentEstablishments: EstablishmentFeedItem[];
}

/** An operation, with the fragments it spreads appended (each .graphql file holds one definition). */
const doc = <TData, TVars>(source: string, ...fragments: string[]): TypedDocumentNode<TData, TVars> =>
  gql([source, ...fragments].join('\n'));

export const CoverageFiguresQuery = doc<{ coverageStats: CoverageFigures }, RegionVariables>(
  coverageFiguresSource,
  coverageFiguresFieldsSource,
);
export const CoverageFiguresChanged = doc<{ coverageStatsChanged: CoverageFigures }, RegionVariables>(
  coverageFiguresChangedSource,
  coverageFiguresFieldsSource,
);
export const CoverageTrendQuery = doc<{ coverageStats: CoverageTrend }, RegionVariables>(
  coverageTrendSource,
  coverageTrendFieldsSource,
);
export const CoverageTrendChanged = doc<{ coverageStatsChanged: CoverageTrend }, RegionVariables>(
  coverageTrendChangedSource,
  coverageTrendFieldsSource,
);
export const ActivityFiguresQuery = doc<{ activityStats: ActivityFigures }, RegionVariables>(
  activityFiguresSource,
  activityFiguresFieldsSource,
);
export const ActivityFiguresChanged = doc<{ activityStatsChanged: ActivityFigures }, RegionVariables>(
  activityFiguresChangedSource,
  activityFiguresFieldsSource,
);
export const CoverageByRegion = doc<{ coverageByRegion: RegionCoverage[] }, RegionVariables>(
  coverageByRegionSource,
);
export const ActivityByRegion = doc<{ activityStatsByRegion: RegionCompliance[] }, RegionVariables>(
  activityByRegionSource,
);
export const RegionTitle = doc<{ region: RegionRef | null }, { code: string }>(regionTitleSource);
export const ChildRegions = doc<{ regions: RegionRef[] }, RegionVariables>(childRegionsSource);
export const MemberStages = doc<{ memberStats: MemberStagesFigure }, RegionVariables>(
  memberStagesSource,
  memberStagesFieldsSource,
);
export const MemberStagesChanged = doc<{ memberStatsChanged: MemberStagesFigure }, RegionVariables>(
  memberStagesChangedSource,
  memberStagesFieldsSource,
);
export const FundingBySource = doc<{ fundingStats: Funding }, RegionVariables>(
  fundingBySourceSource,
  fundingFieldsSource,
);
export const FundingBySourceChanged = doc<{ fundingStatsChanged: Funding }, RegionVariables>(
  fundingBySourceChangedSource,
  fundingFieldsSource,
);
/** A kind of alert and how many a region (and all below it) has, as its subgraph counts it. */
export interface AlertCount {
  kind: string;
  count: number;
}
export const CoverageAlerts = doc<
  { coverageAlertCounts: AlertCount[]; coverageAlerts: AlertConnection },
  RegionVariables
>(coverageAlertsSource);
export const WorkAlerts = doc<
  { workAlertCounts: AlertCount[]; allWorkAlerts: { totalCount: number }; workAlerts: AlertConnection },
  RegionVariables
>(workAlertsSource);
export const RecentFeed = doc<RecentFeed, RegionVariables>(recentFeedSource);
export const ActivityFeed = doc<{ activityFeed: ActivityFeedItem }, RegionVariables>(activityFeedSource);
export const RegistrationFeed = doc<{ registrationFeed: RegistrationFeedItem }, RegionVariables>(
  registrationFeedSource,
);
export const EstablishmentFeed = doc<{ establishmentFeed: EstablishmentFeedItem }, RegionVariables>(
  establishmentFeedSource,
);
