/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ActivityMode =
  /** both */
  | 'HYBRID'
  /** 面对面 */
  | 'OFFLINE'
  /** 键对键 */
  | 'ONLINE'
  | '%future added value';

export type ActivityType =
  /** 支部委员会 (1 per month where a committee exists) */
  | 'COMMITTEE_MEETING'
  /** 民主评议党员 (1 per year) */
  | 'DEMOCRATIC_APPRAISAL'
  /** 支部党员大会 (1 per quarter) */
  | 'GENERAL_MEETING'
  /** 党小组会 (1 per month per Party group) */
  | 'GROUP_MEETING'
  /** 组织生活会 (at least 1 per year) */
  | 'ORGANIZATIONAL_LIFE_MEETING'
  /** 党课 (1 per quarter) */
  | 'PARTY_LECTURE'
  /** 主题党日 (1 per month) */
  | 'THEMED_PARTY_DAY'
  | '%future added value';

export type AlertSeverity =
  | 'AMBER'
  | 'RED'
  | '%future added value';

/** 民主评议党员 grade. */
export type AppraisalGrade =
  /** 基本合格 */
  | 'BASICALLY_QUALIFIED'
  /** 优秀 */
  | 'EXCELLENT'
  /** 合格 */
  | 'QUALIFIED'
  /** 不合格 */
  | 'UNQUALIFIED'
  | '%future added value';

export type CoverageAlertKind =
  /** 空白点: no Party cover and no active work-coverage measure */
  | 'BLANK_SPOT'
  /** The charter carries no Party-building clause: MISSING (red) or PENDING an amendment (amber) */
  | 'CHARTER_CLAUSE_MISSING'
  /** 应建未建: eligible, no standalone Party organization */
  | 'ELIGIBLE_NOT_ESTABLISHED'
  /** An instructor without recorded contact for the set number of days */
  | 'INSTRUCTOR_NO_CONTACT'
  /** 新登记未同步: registered in the in-step period, still no coverage */
  | 'REGISTERED_NOT_IN_STEP'
  /** A standalone branch whose organization has fewer than 3 full members now (join a joint branch) */
  | 'STANDALONE_BELOW_THRESHOLD'
  /** A Party organization outside the structure rules (advice) */
  | 'STRUCTURE'
  | '%future added value';

export type FundingSource =
  /** 党费下拨 */
  | 'DUES_ALLOCATION'
  /** 财政党建专项 */
  | 'FISCAL_SPECIAL'
  /** 项目化运作 */
  | 'PROJECT'
  /** 以奖代补 */
  | 'REWARD_IN_LIEU'
  /** 自筹 */
  | 'SELF_RAISED'
  /** 社会建设专项资金 */
  | 'SOCIAL_CONSTRUCTION_FUND'
  | '%future added value';

/** Stage of Party member development. */
export type MemberStage =
  /** 入党积极分子 */
  | 'ACTIVIST'
  /** 入党申请人 */
  | 'APPLICANT'
  /** 发展对象 */
  | 'CANDIDATE'
  /** 正式党员 */
  | 'FULL'
  /** 预备党员 */
  | 'PROBATIONARY'
  | '%future added value';

export type WorkAlertKind =
  /** An activist not reviewed (talked with) in the last 6 months */
  | 'ACTIVIST_REVIEW_OVERDUE'
  /** No talk within a month of the application */
  | 'APPLICANT_TALK_OVERDUE'
  /** A branch over 50 members (split) */
  | 'BRANCH_TOO_LARGE'
  /** 换届 overdue: the branch committee’s term has ended with no newer election recorded */
  | 'COMMITTEE_TERM_ENDED'
  /** 三会一课滞后: behind the pace of the current quarter */
  | 'COMPLIANCE_BEHIND_PACE'
  /** 三会一课: the last closed quarter fell short of a floor */
  | 'COMPLIANCE_QUARTER_SHORT'
  /** 民主评议党员 not held this year, and Q4 has come */
  | 'DEMOCRATIC_APPRAISAL_MISSING'
  /** A branch without a secretary for more than 90 days (SECRETARY_GRACE_DAYS) */
  | 'NO_SECRETARY'
  /** 组织生活会 not held this year, and Q4 has come */
  | 'ORGANIZATIONAL_LIFE_MEETING_MISSING'
  /** Probation over, conversion not decided */
  | 'PROBATION_UNDECIDED'
  /** From Q4: a Party member (32 class hours) or a staff post holder (56) below the yearly minimum of training */
  | 'TRAINING_HOURS_SHORT'
  /** 民主评议 不合格: no follow-up (限期改正, 劝其退党, 除名) decided within a month of the appraisal */
  | 'UNQUALIFIED_FOLLOW_UP_OVERDUE'
  /** 谈心谈话: a Party member of the branch not yet talked with this year, and Q4 has come */
  | 'YEARLY_TALK_MISSING'
  | '%future added value';

export type ActivityByRegionQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type ActivityByRegionQuery = { activityStatsByRegion: Array<{ complianceRate: number, branches: number, compliantBranches: number, region: { code: string, name: string } | null }> };

export type ActivityFeedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type ActivityFeedSubscription = { activityFeed: { id: string, type: ActivityType, mode: ActivityMode, heldAt: string, branchName: string, region: { name: string } | null } };

export type ActivityFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type ActivityFiguresQuery = { activityStats: { version: string, quarter: string, activities: number, onlineShare: number, branches: number, compliantBranches: number, complianceRate: number, byType: Array<{ type: ActivityType, count: number }>, byWeek: Array<{ week: string, activities: number, online: number }> } };

export type ActivityFiguresFieldsFragment = { version: string, quarter: string, activities: number, onlineShare: number, branches: number, compliantBranches: number, complianceRate: number, byType: Array<{ type: ActivityType, count: number }>, byWeek: Array<{ week: string, activities: number, online: number }> };

export type ActivityStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type ActivityStatsChangedSubscription = { activityStatsChanged: { version: string, quarter: string, activities: number, onlineShare: number, branches: number, compliantBranches: number, complianceRate: number, byType: Array<{ type: ActivityType, count: number }>, byWeek: Array<{ week: string, activities: number, online: number }> } };

export type AppraisalFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type AppraisalFiguresQuery = { appraisalStats: { version: string, year: number, members: number, appraised: number, appraisalRate: number, byGrade: Array<{ grade: AppraisalGrade, members: number }> } };

export type AppraisalFiguresFieldsFragment = { version: string, year: number, members: number, appraised: number, appraisalRate: number, byGrade: Array<{ grade: AppraisalGrade, members: number }> };

export type AppraisalStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type AppraisalStatsChangedSubscription = { appraisalStatsChanged: { version: string, year: number, members: number, appraised: number, appraisalRate: number, byGrade: Array<{ grade: AppraisalGrade, members: number }> } };

export type ChildRegionsQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type ChildRegionsQuery = { regions: Array<{ code: string, name: string }> };

export type CoverageAlertsQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type CoverageAlertsQuery = { coverageAlertCounts: Array<{ kind: CoverageAlertKind, count: number }>, coverageAlerts: { totalCount: number, edges: Array<{ node: { kind: CoverageAlertKind, severity: AlertSeverity, subjectName: string } }> } };

export type CoverageByRegionQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type CoverageByRegionQuery = { coverageByRegion: Array<{ version: string, organizations: number, partyCovered: number, organizationCoverageRate: number, workCoverageRate: number, eligibleCoverageRate: number, standaloneRate: number, region: { code: string, name: string } | null }> };

export type CoverageFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type CoverageFiguresQuery = { coverageStats: { version: string, partyOrganizations: number, partyCovered: number, workCovered: number, eligible: number, eligibleStandalone: number, organizationCoverageRate: number, workCoverageRate: number, eligibleCoverageRate: number } };

export type CoverageFiguresFieldsFragment = { version: string, partyOrganizations: number, partyCovered: number, workCovered: number, eligible: number, eligibleStandalone: number, organizationCoverageRate: number, workCoverageRate: number, eligibleCoverageRate: number };

export type CoverageStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type CoverageStatsChangedSubscription = { coverageStatsChanged: { version: string, organizations: number, partyOrganizations: number, partyCovered: number, workCovered: number, eligible: number, eligibleStandalone: number, organizationCoverageRate: number, workCoverageRate: number, eligibleCoverageRate: number, standalone: number, secretaryCrossAppointed: number, secretaryInManagementRate: number, byMonth: Array<{ month: string, registered: number, newlyCovered: number }> } };

export type CoverageTrendQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type CoverageTrendQuery = { coverageStats: { version: string, byMonth: Array<{ month: string, registered: number, newlyCovered: number }> } };

export type CoverageTrendFieldsFragment = { version: string, byMonth: Array<{ month: string, registered: number, newlyCovered: number }> };

export type EstablishmentFeedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type EstablishmentFeedSubscription = { establishmentFeed: { id: string, name: string, establishedAt: string, region: { name: string } } };

export type FundingBySourceQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type FundingBySourceQuery = { fundingStats: { version: string, year: number, totalFen: string, bySource: Array<{ source: FundingSource, amountFen: string }> } };

export type FundingFieldsFragment = { version: string, year: number, totalFen: string, bySource: Array<{ source: FundingSource, amountFen: string }> };

export type FundingStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type FundingStatsChangedSubscription = { fundingStatsChanged: { version: string, year: number, totalFen: string, bySource: Array<{ source: FundingSource, amountFen: string }> } };

export type MemberFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type MemberFiguresQuery = { memberStats: { version: string, fullMembers: number } };

export type MemberFiguresFieldsFragment = { version: string, fullMembers: number };

export type MemberStagesQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type MemberStagesQuery = { memberStats: { version: string, year: number, developedThisYear: number, convertedThisYear: number, byStage: Array<{ stage: MemberStage, count: number }> } };

export type MemberStagesFieldsFragment = { version: string, year: number, developedThisYear: number, convertedThisYear: number, byStage: Array<{ stage: MemberStage, count: number }> };

export type MemberStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type MemberStatsChangedSubscription = { memberStatsChanged: { version: string, fullMembers: number, year: number, developedThisYear: number, convertedThisYear: number, businessBackbone: number, management: number, byStage: Array<{ stage: MemberStage, count: number }> } };

export type MemberWorkRolesQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type MemberWorkRolesQuery = { memberStats: { version: string, businessBackbone: number, management: number } };

export type MemberWorkRolesFieldsFragment = { version: string, businessBackbone: number, management: number };

export type OrganizationFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type OrganizationFiguresQuery = { coverageStats: { version: string, organizations: number } };

export type OrganizationFiguresFieldsFragment = { version: string, organizations: number };

export type RecentFeedQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type RecentFeedQuery = { recentActivities: Array<{ id: string, type: ActivityType, mode: ActivityMode, heldAt: string, branchName: string, region: { name: string } | null }>, recentRegistrations: Array<{ id: string, name: string, registeredAt: string, region: { name: string } }>, recentEstablishments: Array<{ id: string, name: string, establishedAt: string, region: { name: string } }> };

export type RegionTitleQueryVariables = Exact<{
  code: string | number;
}>;


export type RegionTitleQuery = { region: { code: string, name: string } | null };

export type RegistrationFeedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type RegistrationFeedSubscription = { registrationFeed: { id: string, name: string, registeredAt: string, region: { name: string } } };

export type SecretaryFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type SecretaryFiguresQuery = { secretaryStats: { version: string, secretaryRate: number, partyOrganizations: number, withSecretary: number, branches: number, branchesWithSecretary: number, reserveTalent: number, branchesWithReserveTalent: number } };

export type SecretaryFiguresFieldsFragment = { version: string, secretaryRate: number, partyOrganizations: number, withSecretary: number, branches: number, branchesWithSecretary: number, reserveTalent: number, branchesWithReserveTalent: number };

export type SecretaryInManagementQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type SecretaryInManagementQuery = { coverageStats: { version: string, standalone: number, secretaryCrossAppointed: number, secretaryInManagementRate: number } };

export type SecretaryInManagementFieldsFragment = { version: string, standalone: number, secretaryCrossAppointed: number, secretaryInManagementRate: number };

export type SecretaryStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type SecretaryStatsChangedSubscription = { secretaryStatsChanged: { version: string, secretaryRate: number, partyOrganizations: number, withSecretary: number, branches: number, branchesWithSecretary: number, reserveTalent: number, branchesWithReserveTalent: number } };

export type TalkFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type TalkFiguresQuery = { talkStats: { version: string, year: number, members: number, talkedWith: number, talkCoverageRate: number } };

export type TalkFiguresFieldsFragment = { version: string, year: number, members: number, talkedWith: number, talkCoverageRate: number };

export type TalkStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type TalkStatsChangedSubscription = { talkStatsChanged: { version: string, year: number, members: number, talkedWith: number, talkCoverageRate: number } };

export type TrainingFiguresQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type TrainingFiguresQuery = { trainingStats: { version: string, year: number, members: number, membersMeetingMinimum: number, memberRate: number, staff: number, staffMeetingMinimum: number, staffRate: number } };

export type TrainingFiguresFieldsFragment = { version: string, year: number, members: number, membersMeetingMinimum: number, memberRate: number, staff: number, staffMeetingMinimum: number, staffRate: number };

export type TrainingStatsChangedSubscriptionVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type TrainingStatsChangedSubscription = { trainingStatsChanged: { version: string, year: number, members: number, membersMeetingMinimum: number, memberRate: number, staff: number, staffMeetingMinimum: number, staffRate: number } };

export type WorkAlertsQueryVariables = Exact<{
  regionCode?: string | number | null | undefined;
}>;


export type WorkAlertsQuery = { workAlertCounts: Array<{ kind: WorkAlertKind, count: number }>, allWorkAlerts: { totalCount: number }, workAlerts: { totalCount: number, edges: Array<{ node: { kind: WorkAlertKind, branchName: string | null } }> } };

export const ActivityFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"byType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onlineShare"}},{"kind":"Field","name":{"kind":"Name","value":"byWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"week"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"online"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"compliantBranches"}},{"kind":"Field","name":{"kind":"Name","value":"complianceRate"}}]}}]} as unknown as DocumentNode<ActivityFiguresFieldsFragment, unknown>;
export const AppraisalFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppraisalFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AppraisalStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"appraised"}},{"kind":"Field","name":{"kind":"Name","value":"appraisalRate"}},{"kind":"Field","name":{"kind":"Name","value":"byGrade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"members"}}]}}]}}]} as unknown as DocumentNode<AppraisalFiguresFieldsFragment, unknown>;
export const CoverageFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"partyCovered"}},{"kind":"Field","name":{"kind":"Name","value":"workCovered"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleStandalone"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"workCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleCoverageRate"}}]}}]} as unknown as DocumentNode<CoverageFiguresFieldsFragment, unknown>;
export const CoverageTrendFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageTrendFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"registered"}},{"kind":"Field","name":{"kind":"Name","value":"newlyCovered"}}]}}]}}]} as unknown as DocumentNode<CoverageTrendFieldsFragment, unknown>;
export const FundingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"totalFen"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<FundingFieldsFragment, unknown>;
export const MemberFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fullMembers"}}]}}]} as unknown as DocumentNode<MemberFiguresFieldsFragment, unknown>;
export const MemberStagesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberStagesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byStage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"developedThisYear"}},{"kind":"Field","name":{"kind":"Name","value":"convertedThisYear"}}]}}]} as unknown as DocumentNode<MemberStagesFieldsFragment, unknown>;
export const MemberWorkRolesFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberWorkRolesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"businessBackbone"}},{"kind":"Field","name":{"kind":"Name","value":"management"}}]}}]} as unknown as DocumentNode<MemberWorkRolesFieldsFragment, unknown>;
export const OrganizationFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrganizationFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"organizations"}}]}}]} as unknown as DocumentNode<OrganizationFiguresFieldsFragment, unknown>;
export const SecretaryFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SecretaryStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryRate"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"withSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"reserveTalent"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithReserveTalent"}}]}}]} as unknown as DocumentNode<SecretaryFiguresFieldsFragment, unknown>;
export const SecretaryInManagementFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryInManagementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"standalone"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryCrossAppointed"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryInManagementRate"}}]}}]} as unknown as DocumentNode<SecretaryInManagementFieldsFragment, unknown>;
export const TalkFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalkFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TalkStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"talkedWith"}},{"kind":"Field","name":{"kind":"Name","value":"talkCoverageRate"}}]}}]} as unknown as DocumentNode<TalkFiguresFieldsFragment, unknown>;
export const TrainingFiguresFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrainingFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"membersMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"memberRate"}},{"kind":"Field","name":{"kind":"Name","value":"staff"}},{"kind":"Field","name":{"kind":"Name","value":"staffMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"staffRate"}}]}}]} as unknown as DocumentNode<TrainingFiguresFieldsFragment, unknown>;
export const ActivityByRegionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityByRegion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityStatsByRegion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parentCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"complianceRate"}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"compliantBranches"}}]}}]}}]} as unknown as DocumentNode<ActivityByRegionQuery, ActivityByRegionQueryVariables>;
export const ActivityFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActivityFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}},{"kind":"Field","name":{"kind":"Name","value":"branchName"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ActivityFeedSubscription, ActivityFeedSubscriptionVariables>;
export const ActivityFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"byType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onlineShare"}},{"kind":"Field","name":{"kind":"Name","value":"byWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"week"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"online"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"compliantBranches"}},{"kind":"Field","name":{"kind":"Name","value":"complianceRate"}}]}}]} as unknown as DocumentNode<ActivityFiguresQuery, ActivityFiguresQueryVariables>;
export const ActivityStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ActivityStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activityStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ActivityFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ActivityFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ActivityStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"byType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onlineShare"}},{"kind":"Field","name":{"kind":"Name","value":"byWeek"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"week"}},{"kind":"Field","name":{"kind":"Name","value":"activities"}},{"kind":"Field","name":{"kind":"Name","value":"online"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"compliantBranches"}},{"kind":"Field","name":{"kind":"Name","value":"complianceRate"}}]}}]} as unknown as DocumentNode<ActivityStatsChangedSubscription, ActivityStatsChangedSubscriptionVariables>;
export const AppraisalFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppraisalFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appraisalStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AppraisalFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppraisalFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AppraisalStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"appraised"}},{"kind":"Field","name":{"kind":"Name","value":"appraisalRate"}},{"kind":"Field","name":{"kind":"Name","value":"byGrade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"members"}}]}}]}}]} as unknown as DocumentNode<AppraisalFiguresQuery, AppraisalFiguresQueryVariables>;
export const AppraisalStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AppraisalStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appraisalStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AppraisalFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AppraisalFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AppraisalStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"appraised"}},{"kind":"Field","name":{"kind":"Name","value":"appraisalRate"}},{"kind":"Field","name":{"kind":"Name","value":"byGrade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"members"}}]}}]}}]} as unknown as DocumentNode<AppraisalStatsChangedSubscription, AppraisalStatsChangedSubscriptionVariables>;
export const ChildRegionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChildRegions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parentCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ChildRegionsQuery, ChildRegionsQueryVariables>;
export const CoverageAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageAlertCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"coverageAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"subjectName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CoverageAlertsQuery, CoverageAlertsQueryVariables>;
export const CoverageByRegionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageByRegion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageByRegion"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parentCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"organizations"}},{"kind":"Field","name":{"kind":"Name","value":"partyCovered"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"workCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"standaloneRate"}}]}}]}}]} as unknown as DocumentNode<CoverageByRegionQuery, CoverageByRegionQueryVariables>;
export const CoverageFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"partyCovered"}},{"kind":"Field","name":{"kind":"Name","value":"workCovered"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleStandalone"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"workCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleCoverageRate"}}]}}]} as unknown as DocumentNode<CoverageFiguresQuery, CoverageFiguresQueryVariables>;
export const CoverageStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CoverageStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrganizationFiguresFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageFiguresFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageTrendFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecretaryInManagementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrganizationFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"organizations"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"partyCovered"}},{"kind":"Field","name":{"kind":"Name","value":"workCovered"}},{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleStandalone"}},{"kind":"Field","name":{"kind":"Name","value":"organizationCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"workCoverageRate"}},{"kind":"Field","name":{"kind":"Name","value":"eligibleCoverageRate"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageTrendFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"registered"}},{"kind":"Field","name":{"kind":"Name","value":"newlyCovered"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryInManagementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"standalone"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryCrossAppointed"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryInManagementRate"}}]}}]} as unknown as DocumentNode<CoverageStatsChangedSubscription, CoverageStatsChangedSubscriptionVariables>;
export const CoverageTrendDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CoverageTrend"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CoverageTrendFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CoverageTrendFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"registered"}},{"kind":"Field","name":{"kind":"Name","value":"newlyCovered"}}]}}]}}]} as unknown as DocumentNode<CoverageTrendQuery, CoverageTrendQueryVariables>;
export const EstablishmentFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EstablishmentFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"establishmentFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"establishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<EstablishmentFeedSubscription, EstablishmentFeedSubscriptionVariables>;
export const FundingBySourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FundingBySource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fundingStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FundingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"totalFen"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<FundingBySourceQuery, FundingBySourceQueryVariables>;
export const FundingStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"FundingStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fundingStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FundingFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FundingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FundingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"totalFen"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<FundingStatsChangedSubscription, FundingStatsChangedSubscriptionVariables>;
export const MemberFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemberFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fullMembers"}}]}}]} as unknown as DocumentNode<MemberFiguresQuery, MemberFiguresQueryVariables>;
export const MemberStagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemberStages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberStagesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberStagesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byStage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"developedThisYear"}},{"kind":"Field","name":{"kind":"Name","value":"convertedThisYear"}}]}}]} as unknown as DocumentNode<MemberStagesQuery, MemberStagesQueryVariables>;
export const MemberStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MemberStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberFiguresFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberStagesFields"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberWorkRolesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fullMembers"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberStagesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"byStage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"developedThisYear"}},{"kind":"Field","name":{"kind":"Name","value":"convertedThisYear"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberWorkRolesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"businessBackbone"}},{"kind":"Field","name":{"kind":"Name","value":"management"}}]}}]} as unknown as DocumentNode<MemberStatsChangedSubscription, MemberStatsChangedSubscriptionVariables>;
export const MemberWorkRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemberWorkRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemberWorkRolesFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemberWorkRolesFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemberStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"businessBackbone"}},{"kind":"Field","name":{"kind":"Name","value":"management"}}]}}]} as unknown as DocumentNode<MemberWorkRolesQuery, MemberWorkRolesQueryVariables>;
export const OrganizationFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrganizationFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrganizationFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"organizations"}}]}}]} as unknown as DocumentNode<OrganizationFiguresQuery, OrganizationFiguresQueryVariables>;
export const RecentFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecentFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recentActivities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}},{"kind":"Field","name":{"kind":"Name","value":"branchName"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentRegistrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentEstablishments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"establishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RecentFeedQuery, RecentFeedQueryVariables>;
export const RegionTitleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionTitle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RegionTitleQuery, RegionTitleQueryVariables>;
export const RegistrationFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RegistrationFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registrationFeed"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"region"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RegistrationFeedSubscription, RegistrationFeedSubscriptionVariables>;
export const SecretaryFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SecretaryFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secretaryStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecretaryFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SecretaryStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryRate"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"withSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"reserveTalent"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithReserveTalent"}}]}}]} as unknown as DocumentNode<SecretaryFiguresQuery, SecretaryFiguresQueryVariables>;
export const SecretaryInManagementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SecretaryInManagement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"coverageStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecretaryInManagementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryInManagementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoverageStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"standalone"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryCrossAppointed"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryInManagementRate"}}]}}]} as unknown as DocumentNode<SecretaryInManagementQuery, SecretaryInManagementQueryVariables>;
export const SecretaryStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SecretaryStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secretaryStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecretaryFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecretaryFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SecretaryStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryRate"}},{"kind":"Field","name":{"kind":"Name","value":"partyOrganizations"}},{"kind":"Field","name":{"kind":"Name","value":"withSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"branches"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"reserveTalent"}},{"kind":"Field","name":{"kind":"Name","value":"branchesWithReserveTalent"}}]}}]} as unknown as DocumentNode<SecretaryStatsChangedSubscription, SecretaryStatsChangedSubscriptionVariables>;
export const TalkFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TalkFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"talkStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TalkFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalkFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TalkStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"talkedWith"}},{"kind":"Field","name":{"kind":"Name","value":"talkCoverageRate"}}]}}]} as unknown as DocumentNode<TalkFiguresQuery, TalkFiguresQueryVariables>;
export const TalkStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TalkStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"talkStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TalkFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TalkFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TalkStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"talkedWith"}},{"kind":"Field","name":{"kind":"Name","value":"talkCoverageRate"}}]}}]} as unknown as DocumentNode<TalkStatsChangedSubscription, TalkStatsChangedSubscriptionVariables>;
export const TrainingFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrainingFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrainingFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"membersMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"memberRate"}},{"kind":"Field","name":{"kind":"Name","value":"staff"}},{"kind":"Field","name":{"kind":"Name","value":"staffMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"staffRate"}}]}}]} as unknown as DocumentNode<TrainingFiguresQuery, TrainingFiguresQueryVariables>;
export const TrainingStatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrainingStatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingStatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrainingFiguresFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrainingFiguresFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingStats"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"membersMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"memberRate"}},{"kind":"Field","name":{"kind":"Name","value":"staff"}},{"kind":"Field","name":{"kind":"Name","value":"staffMeetingMinimum"}},{"kind":"Field","name":{"kind":"Name","value":"staffRate"}}]}}]} as unknown as DocumentNode<TrainingStatsChangedSubscription, TrainingStatsChangedSubscriptionVariables>;
export const WorkAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WorkAlerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workAlertCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"allWorkAlerts"},"name":{"kind":"Name","value":"workAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"workAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"COMPLIANCE_BEHIND_PACE"},{"kind":"EnumValue","value":"COMPLIANCE_QUARTER_SHORT"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"branchName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkAlertsQuery, WorkAlertsQueryVariables>;