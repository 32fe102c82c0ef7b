/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ActivityByRegion($regionCode: ID) {\n  activityStatsByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    complianceRate\n    branches\n    compliantBranches\n  }\n}": typeof types.ActivityByRegionDocument,
    "subscription ActivityFeed($regionCode: ID) {\n  activityFeed(regionCode: $regionCode) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n}": typeof types.ActivityFeedDocument,
    "query ActivityFigures($regionCode: ID) {\n  activityStats(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}": typeof types.ActivityFiguresDocument,
    "fragment ActivityFiguresFields on ActivityStats {\n  version\n  quarter\n  activities\n  byType {\n    type\n    count\n  }\n  onlineShare\n  byWeek {\n    week\n    activities\n    online\n  }\n  branches\n  compliantBranches\n  complianceRate\n}": typeof types.ActivityFiguresFieldsFragmentDoc,
    "subscription ActivityStatsChanged($regionCode: ID) {\n  activityStatsChanged(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}": typeof types.ActivityStatsChangedDocument,
    "query AppraisalFigures($regionCode: ID) {\n  appraisalStats(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}": typeof types.AppraisalFiguresDocument,
    "fragment AppraisalFiguresFields on AppraisalStats {\n  version\n  year\n  members\n  appraised\n  appraisalRate\n  byGrade {\n    grade\n    members\n  }\n}": typeof types.AppraisalFiguresFieldsFragmentDoc,
    "subscription AppraisalStatsChanged($regionCode: ID) {\n  appraisalStatsChanged(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}": typeof types.AppraisalStatsChangedDocument,
    "query ChildRegions($regionCode: ID) {\n  regions(parentCode: $regionCode) {\n    code\n    name\n  }\n}": typeof types.ChildRegionsDocument,
    "query CoverageAlerts($regionCode: ID) {\n  coverageAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  coverageAlerts(regionCode: $regionCode, first: 50) {\n    totalCount\n    edges {\n      node {\n        kind\n        severity\n        subjectName\n      }\n    }\n  }\n}": typeof types.CoverageAlertsDocument,
    "query CoverageByRegion($regionCode: ID) {\n  coverageByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    version\n    organizations\n    partyCovered\n    organizationCoverageRate\n    workCoverageRate\n    eligibleCoverageRate\n    standaloneRate\n  }\n}": typeof types.CoverageByRegionDocument,
    "query CoverageFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageFiguresFields\n  }\n}": typeof types.CoverageFiguresDocument,
    "fragment CoverageFiguresFields on CoverageStats {\n  version\n  partyOrganizations\n  partyCovered\n  workCovered\n  eligible\n  eligibleStandalone\n  organizationCoverageRate\n  workCoverageRate\n  eligibleCoverageRate\n}": typeof types.CoverageFiguresFieldsFragmentDoc,
    "subscription CoverageStatsChanged($regionCode: ID) {\n  coverageStatsChanged(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n    ...CoverageFiguresFields\n    ...CoverageTrendFields\n    ...SecretaryInManagementFields\n  }\n}": typeof types.CoverageStatsChangedDocument,
    "query CoverageTrend($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageTrendFields\n  }\n}": typeof types.CoverageTrendDocument,
    "fragment CoverageTrendFields on CoverageStats {\n  version\n  byMonth {\n    month\n    registered\n    newlyCovered\n  }\n}": typeof types.CoverageTrendFieldsFragmentDoc,
    "subscription EstablishmentFeed($regionCode: ID) {\n  establishmentFeed(regionCode: $regionCode) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}": typeof types.EstablishmentFeedDocument,
    "query FundingBySource($regionCode: ID) {\n  fundingStats(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}": typeof types.FundingBySourceDocument,
    "fragment FundingFields on FundingStats {\n  version\n  year\n  totalFen\n  bySource {\n    source\n    amountFen\n  }\n}": typeof types.FundingFieldsFragmentDoc,
    "subscription FundingStatsChanged($regionCode: ID) {\n  fundingStatsChanged(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}": typeof types.FundingStatsChangedDocument,
    "query MemberFigures($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberFiguresFields\n  }\n}": typeof types.MemberFiguresDocument,
    "fragment MemberFiguresFields on MemberStats {\n  version\n  fullMembers\n}": typeof types.MemberFiguresFieldsFragmentDoc,
    "query MemberStages($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberStagesFields\n  }\n}": typeof types.MemberStagesDocument,
    "fragment MemberStagesFields on MemberStats {\n  version\n  byStage {\n    stage\n    count\n  }\n  year\n  developedThisYear\n  convertedThisYear\n}": typeof types.MemberStagesFieldsFragmentDoc,
    "subscription MemberStatsChanged($regionCode: ID) {\n  memberStatsChanged(regionCode: $regionCode) {\n    ...MemberFiguresFields\n    ...MemberStagesFields\n    ...MemberWorkRolesFields\n  }\n}": typeof types.MemberStatsChangedDocument,
    "query MemberWorkRoles($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberWorkRolesFields\n  }\n}": typeof types.MemberWorkRolesDocument,
    "fragment MemberWorkRolesFields on MemberStats {\n  version\n  businessBackbone\n  management\n}": typeof types.MemberWorkRolesFieldsFragmentDoc,
    "query OrganizationFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n  }\n}": typeof types.OrganizationFiguresDocument,
    "fragment OrganizationFiguresFields on CoverageStats {\n  version\n  organizations\n}": typeof types.OrganizationFiguresFieldsFragmentDoc,
    "query RecentFeed($regionCode: ID) {\n  recentActivities(regionCode: $regionCode, first: 20) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n  recentRegistrations(regionCode: $regionCode, first: 20) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n  recentEstablishments(regionCode: $regionCode, first: 20) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}": typeof types.RecentFeedDocument,
    "query RegionTitle($code: ID!) {\n  region(code: $code) {\n    code\n    name\n  }\n}": typeof types.RegionTitleDocument,
    "subscription RegistrationFeed($regionCode: ID) {\n  registrationFeed(regionCode: $regionCode) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n}": typeof types.RegistrationFeedDocument,
    "query SecretaryFigures($regionCode: ID) {\n  secretaryStats(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}": typeof types.SecretaryFiguresDocument,
    "fragment SecretaryFiguresFields on SecretaryStats {\n  version\n  secretaryRate\n  partyOrganizations\n  withSecretary\n  branches\n  branchesWithSecretary\n  reserveTalent\n  branchesWithReserveTalent\n}": typeof types.SecretaryFiguresFieldsFragmentDoc,
    "query SecretaryInManagement($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...SecretaryInManagementFields\n  }\n}": typeof types.SecretaryInManagementDocument,
    "fragment SecretaryInManagementFields on CoverageStats {\n  version\n  standalone\n  secretaryCrossAppointed\n  secretaryInManagementRate\n}": typeof types.SecretaryInManagementFieldsFragmentDoc,
    "subscription SecretaryStatsChanged($regionCode: ID) {\n  secretaryStatsChanged(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}": typeof types.SecretaryStatsChangedDocument,
    "query TalkFigures($regionCode: ID) {\n  talkStats(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}": typeof types.TalkFiguresDocument,
    "fragment TalkFiguresFields on TalkStats {\n  version\n  year\n  members\n  talkedWith\n  talkCoverageRate\n}": typeof types.TalkFiguresFieldsFragmentDoc,
    "subscription TalkStatsChanged($regionCode: ID) {\n  talkStatsChanged(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}": typeof types.TalkStatsChangedDocument,
    "query TrainingFigures($regionCode: ID) {\n  trainingStats(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}": typeof types.TrainingFiguresDocument,
    "fragment TrainingFiguresFields on TrainingStats {\n  version\n  year\n  members\n  membersMeetingMinimum\n  memberRate\n  staff\n  staffMeetingMinimum\n  staffRate\n}": typeof types.TrainingFiguresFieldsFragmentDoc,
    "subscription TrainingStatsChanged($regionCode: ID) {\n  trainingStatsChanged(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}": typeof types.TrainingStatsChangedDocument,
    "query WorkAlerts($regionCode: ID) {\n  workAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  allWorkAlerts: workAlerts(regionCode: $regionCode, first: 0) {\n    totalCount\n  }\n  workAlerts(\n    regionCode: $regionCode\n    kinds: [COMPLIANCE_BEHIND_PACE, COMPLIANCE_QUARTER_SHORT]\n    first: 10\n  ) {\n    totalCount\n    edges {\n      node {\n        kind\n        branchName\n      }\n    }\n  }\n}": typeof types.WorkAlertsDocument,
};
const documents: Documents = {
    "query ActivityByRegion($regionCode: ID) {\n  activityStatsByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    complianceRate\n    branches\n    compliantBranches\n  }\n}": types.ActivityByRegionDocument,
    "subscription ActivityFeed($regionCode: ID) {\n  activityFeed(regionCode: $regionCode) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n}": types.ActivityFeedDocument,
    "query ActivityFigures($regionCode: ID) {\n  activityStats(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}": types.ActivityFiguresDocument,
    "fragment ActivityFiguresFields on ActivityStats {\n  version\n  quarter\n  activities\n  byType {\n    type\n    count\n  }\n  onlineShare\n  byWeek {\n    week\n    activities\n    online\n  }\n  branches\n  compliantBranches\n  complianceRate\n}": types.ActivityFiguresFieldsFragmentDoc,
    "subscription ActivityStatsChanged($regionCode: ID) {\n  activityStatsChanged(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}": types.ActivityStatsChangedDocument,
    "query AppraisalFigures($regionCode: ID) {\n  appraisalStats(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}": types.AppraisalFiguresDocument,
    "fragment AppraisalFiguresFields on AppraisalStats {\n  version\n  year\n  members\n  appraised\n  appraisalRate\n  byGrade {\n    grade\n    members\n  }\n}": types.AppraisalFiguresFieldsFragmentDoc,
    "subscription AppraisalStatsChanged($regionCode: ID) {\n  appraisalStatsChanged(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}": types.AppraisalStatsChangedDocument,
    "query ChildRegions($regionCode: ID) {\n  regions(parentCode: $regionCode) {\n    code\n    name\n  }\n}": types.ChildRegionsDocument,
    "query CoverageAlerts($regionCode: ID) {\n  coverageAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  coverageAlerts(regionCode: $regionCode, first: 50) {\n    totalCount\n    edges {\n      node {\n        kind\n        severity\n        subjectName\n      }\n    }\n  }\n}": types.CoverageAlertsDocument,
    "query CoverageByRegion($regionCode: ID) {\n  coverageByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    version\n    organizations\n    partyCovered\n    organizationCoverageRate\n    workCoverageRate\n    eligibleCoverageRate\n    standaloneRate\n  }\n}": types.CoverageByRegionDocument,
    "query CoverageFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageFiguresFields\n  }\n}": types.CoverageFiguresDocument,
    "fragment CoverageFiguresFields on CoverageStats {\n  version\n  partyOrganizations\n  partyCovered\n  workCovered\n  eligible\n  eligibleStandalone\n  organizationCoverageRate\n  workCoverageRate\n  eligibleCoverageRate\n}": types.CoverageFiguresFieldsFragmentDoc,
    "subscription CoverageStatsChanged($regionCode: ID) {\n  coverageStatsChanged(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n    ...CoverageFiguresFields\n    ...CoverageTrendFields\n    ...SecretaryInManagementFields\n  }\n}": types.CoverageStatsChangedDocument,
    "query CoverageTrend($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageTrendFields\n  }\n}": types.CoverageTrendDocument,
    "fragment CoverageTrendFields on CoverageStats {\n  version\n  byMonth {\n    month\n    registered\n    newlyCovered\n  }\n}": types.CoverageTrendFieldsFragmentDoc,
    "subscription EstablishmentFeed($regionCode: ID) {\n  establishmentFeed(regionCode: $regionCode) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}": types.EstablishmentFeedDocument,
    "query FundingBySource($regionCode: ID) {\n  fundingStats(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}": types.FundingBySourceDocument,
    "fragment FundingFields on FundingStats {\n  version\n  year\n  totalFen\n  bySource {\n    source\n    amountFen\n  }\n}": types.FundingFieldsFragmentDoc,
    "subscription FundingStatsChanged($regionCode: ID) {\n  fundingStatsChanged(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}": types.FundingStatsChangedDocument,
    "query MemberFigures($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberFiguresFields\n  }\n}": types.MemberFiguresDocument,
    "fragment MemberFiguresFields on MemberStats {\n  version\n  fullMembers\n}": types.MemberFiguresFieldsFragmentDoc,
    "query MemberStages($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberStagesFields\n  }\n}": types.MemberStagesDocument,
    "fragment MemberStagesFields on MemberStats {\n  version\n  byStage {\n    stage\n    count\n  }\n  year\n  developedThisYear\n  convertedThisYear\n}": types.MemberStagesFieldsFragmentDoc,
    "subscription MemberStatsChanged($regionCode: ID) {\n  memberStatsChanged(regionCode: $regionCode) {\n    ...MemberFiguresFields\n    ...MemberStagesFields\n    ...MemberWorkRolesFields\n  }\n}": types.MemberStatsChangedDocument,
    "query MemberWorkRoles($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberWorkRolesFields\n  }\n}": types.MemberWorkRolesDocument,
    "fragment MemberWorkRolesFields on MemberStats {\n  version\n  businessBackbone\n  management\n}": types.MemberWorkRolesFieldsFragmentDoc,
    "query OrganizationFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n  }\n}": types.OrganizationFiguresDocument,
    "fragment OrganizationFiguresFields on CoverageStats {\n  version\n  organizations\n}": types.OrganizationFiguresFieldsFragmentDoc,
    "query RecentFeed($regionCode: ID) {\n  recentActivities(regionCode: $regionCode, first: 20) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n  recentRegistrations(regionCode: $regionCode, first: 20) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n  recentEstablishments(regionCode: $regionCode, first: 20) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}": types.RecentFeedDocument,
    "query RegionTitle($code: ID!) {\n  region(code: $code) {\n    code\n    name\n  }\n}": types.RegionTitleDocument,
    "subscription RegistrationFeed($regionCode: ID) {\n  registrationFeed(regionCode: $regionCode) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n}": types.RegistrationFeedDocument,
    "query SecretaryFigures($regionCode: ID) {\n  secretaryStats(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}": types.SecretaryFiguresDocument,
    "fragment SecretaryFiguresFields on SecretaryStats {\n  version\n  secretaryRate\n  partyOrganizations\n  withSecretary\n  branches\n  branchesWithSecretary\n  reserveTalent\n  branchesWithReserveTalent\n}": types.SecretaryFiguresFieldsFragmentDoc,
    "query SecretaryInManagement($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...SecretaryInManagementFields\n  }\n}": types.SecretaryInManagementDocument,
    "fragment SecretaryInManagementFields on CoverageStats {\n  version\n  standalone\n  secretaryCrossAppointed\n  secretaryInManagementRate\n}": types.SecretaryInManagementFieldsFragmentDoc,
    "subscription SecretaryStatsChanged($regionCode: ID) {\n  secretaryStatsChanged(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}": types.SecretaryStatsChangedDocument,
    "query TalkFigures($regionCode: ID) {\n  talkStats(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}": types.TalkFiguresDocument,
    "fragment TalkFiguresFields on TalkStats {\n  version\n  year\n  members\n  talkedWith\n  talkCoverageRate\n}": types.TalkFiguresFieldsFragmentDoc,
    "subscription TalkStatsChanged($regionCode: ID) {\n  talkStatsChanged(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}": types.TalkStatsChangedDocument,
    "query TrainingFigures($regionCode: ID) {\n  trainingStats(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}": types.TrainingFiguresDocument,
    "fragment TrainingFiguresFields on TrainingStats {\n  version\n  year\n  members\n  membersMeetingMinimum\n  memberRate\n  staff\n  staffMeetingMinimum\n  staffRate\n}": types.TrainingFiguresFieldsFragmentDoc,
    "subscription TrainingStatsChanged($regionCode: ID) {\n  trainingStatsChanged(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}": types.TrainingStatsChangedDocument,
    "query WorkAlerts($regionCode: ID) {\n  workAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  allWorkAlerts: workAlerts(regionCode: $regionCode, first: 0) {\n    totalCount\n  }\n  workAlerts(\n    regionCode: $regionCode\n    kinds: [COMPLIANCE_BEHIND_PACE, COMPLIANCE_QUARTER_SHORT]\n    first: 10\n  ) {\n    totalCount\n    edges {\n      node {\n        kind\n        branchName\n      }\n    }\n  }\n}": types.WorkAlertsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActivityByRegion($regionCode: ID) {\n  activityStatsByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    complianceRate\n    branches\n    compliantBranches\n  }\n}"): (typeof documents)["query ActivityByRegion($regionCode: ID) {\n  activityStatsByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    complianceRate\n    branches\n    compliantBranches\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ActivityFeed($regionCode: ID) {\n  activityFeed(regionCode: $regionCode) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n}"): (typeof documents)["subscription ActivityFeed($regionCode: ID) {\n  activityFeed(regionCode: $regionCode) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActivityFigures($regionCode: ID) {\n  activityStats(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}"): (typeof documents)["query ActivityFigures($regionCode: ID) {\n  activityStats(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ActivityFiguresFields on ActivityStats {\n  version\n  quarter\n  activities\n  byType {\n    type\n    count\n  }\n  onlineShare\n  byWeek {\n    week\n    activities\n    online\n  }\n  branches\n  compliantBranches\n  complianceRate\n}"): (typeof documents)["fragment ActivityFiguresFields on ActivityStats {\n  version\n  quarter\n  activities\n  byType {\n    type\n    count\n  }\n  onlineShare\n  byWeek {\n    week\n    activities\n    online\n  }\n  branches\n  compliantBranches\n  complianceRate\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription ActivityStatsChanged($regionCode: ID) {\n  activityStatsChanged(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}"): (typeof documents)["subscription ActivityStatsChanged($regionCode: ID) {\n  activityStatsChanged(regionCode: $regionCode) {\n    ...ActivityFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppraisalFigures($regionCode: ID) {\n  appraisalStats(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}"): (typeof documents)["query AppraisalFigures($regionCode: ID) {\n  appraisalStats(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AppraisalFiguresFields on AppraisalStats {\n  version\n  year\n  members\n  appraised\n  appraisalRate\n  byGrade {\n    grade\n    members\n  }\n}"): (typeof documents)["fragment AppraisalFiguresFields on AppraisalStats {\n  version\n  year\n  members\n  appraised\n  appraisalRate\n  byGrade {\n    grade\n    members\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AppraisalStatsChanged($regionCode: ID) {\n  appraisalStatsChanged(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}"): (typeof documents)["subscription AppraisalStatsChanged($regionCode: ID) {\n  appraisalStatsChanged(regionCode: $regionCode) {\n    ...AppraisalFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChildRegions($regionCode: ID) {\n  regions(parentCode: $regionCode) {\n    code\n    name\n  }\n}"): (typeof documents)["query ChildRegions($regionCode: ID) {\n  regions(parentCode: $regionCode) {\n    code\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoverageAlerts($regionCode: ID) {\n  coverageAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  coverageAlerts(regionCode: $regionCode, first: 50) {\n    totalCount\n    edges {\n      node {\n        kind\n        severity\n        subjectName\n      }\n    }\n  }\n}"): (typeof documents)["query CoverageAlerts($regionCode: ID) {\n  coverageAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  coverageAlerts(regionCode: $regionCode, first: 50) {\n    totalCount\n    edges {\n      node {\n        kind\n        severity\n        subjectName\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoverageByRegion($regionCode: ID) {\n  coverageByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    version\n    organizations\n    partyCovered\n    organizationCoverageRate\n    workCoverageRate\n    eligibleCoverageRate\n    standaloneRate\n  }\n}"): (typeof documents)["query CoverageByRegion($regionCode: ID) {\n  coverageByRegion(parentCode: $regionCode) {\n    region {\n      code\n      name\n    }\n    version\n    organizations\n    partyCovered\n    organizationCoverageRate\n    workCoverageRate\n    eligibleCoverageRate\n    standaloneRate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoverageFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageFiguresFields\n  }\n}"): (typeof documents)["query CoverageFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CoverageFiguresFields on CoverageStats {\n  version\n  partyOrganizations\n  partyCovered\n  workCovered\n  eligible\n  eligibleStandalone\n  organizationCoverageRate\n  workCoverageRate\n  eligibleCoverageRate\n}"): (typeof documents)["fragment CoverageFiguresFields on CoverageStats {\n  version\n  partyOrganizations\n  partyCovered\n  workCovered\n  eligible\n  eligibleStandalone\n  organizationCoverageRate\n  workCoverageRate\n  eligibleCoverageRate\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription CoverageStatsChanged($regionCode: ID) {\n  coverageStatsChanged(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n    ...CoverageFiguresFields\n    ...CoverageTrendFields\n    ...SecretaryInManagementFields\n  }\n}"): (typeof documents)["subscription CoverageStatsChanged($regionCode: ID) {\n  coverageStatsChanged(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n    ...CoverageFiguresFields\n    ...CoverageTrendFields\n    ...SecretaryInManagementFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoverageTrend($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageTrendFields\n  }\n}"): (typeof documents)["query CoverageTrend($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...CoverageTrendFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CoverageTrendFields on CoverageStats {\n  version\n  byMonth {\n    month\n    registered\n    newlyCovered\n  }\n}"): (typeof documents)["fragment CoverageTrendFields on CoverageStats {\n  version\n  byMonth {\n    month\n    registered\n    newlyCovered\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription EstablishmentFeed($regionCode: ID) {\n  establishmentFeed(regionCode: $regionCode) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}"): (typeof documents)["subscription EstablishmentFeed($regionCode: ID) {\n  establishmentFeed(regionCode: $regionCode) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FundingBySource($regionCode: ID) {\n  fundingStats(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}"): (typeof documents)["query FundingBySource($regionCode: ID) {\n  fundingStats(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment FundingFields on FundingStats {\n  version\n  year\n  totalFen\n  bySource {\n    source\n    amountFen\n  }\n}"): (typeof documents)["fragment FundingFields on FundingStats {\n  version\n  year\n  totalFen\n  bySource {\n    source\n    amountFen\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FundingStatsChanged($regionCode: ID) {\n  fundingStatsChanged(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}"): (typeof documents)["subscription FundingStatsChanged($regionCode: ID) {\n  fundingStatsChanged(regionCode: $regionCode) {\n    ...FundingFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberFigures($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberFiguresFields\n  }\n}"): (typeof documents)["query MemberFigures($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MemberFiguresFields on MemberStats {\n  version\n  fullMembers\n}"): (typeof documents)["fragment MemberFiguresFields on MemberStats {\n  version\n  fullMembers\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberStages($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberStagesFields\n  }\n}"): (typeof documents)["query MemberStages($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberStagesFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MemberStagesFields on MemberStats {\n  version\n  byStage {\n    stage\n    count\n  }\n  year\n  developedThisYear\n  convertedThisYear\n}"): (typeof documents)["fragment MemberStagesFields on MemberStats {\n  version\n  byStage {\n    stage\n    count\n  }\n  year\n  developedThisYear\n  convertedThisYear\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription MemberStatsChanged($regionCode: ID) {\n  memberStatsChanged(regionCode: $regionCode) {\n    ...MemberFiguresFields\n    ...MemberStagesFields\n    ...MemberWorkRolesFields\n  }\n}"): (typeof documents)["subscription MemberStatsChanged($regionCode: ID) {\n  memberStatsChanged(regionCode: $regionCode) {\n    ...MemberFiguresFields\n    ...MemberStagesFields\n    ...MemberWorkRolesFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MemberWorkRoles($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberWorkRolesFields\n  }\n}"): (typeof documents)["query MemberWorkRoles($regionCode: ID) {\n  memberStats(regionCode: $regionCode) {\n    ...MemberWorkRolesFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MemberWorkRolesFields on MemberStats {\n  version\n  businessBackbone\n  management\n}"): (typeof documents)["fragment MemberWorkRolesFields on MemberStats {\n  version\n  businessBackbone\n  management\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganizationFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n  }\n}"): (typeof documents)["query OrganizationFigures($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...OrganizationFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment OrganizationFiguresFields on CoverageStats {\n  version\n  organizations\n}"): (typeof documents)["fragment OrganizationFiguresFields on CoverageStats {\n  version\n  organizations\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RecentFeed($regionCode: ID) {\n  recentActivities(regionCode: $regionCode, first: 20) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n  recentRegistrations(regionCode: $regionCode, first: 20) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n  recentEstablishments(regionCode: $regionCode, first: 20) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}"): (typeof documents)["query RecentFeed($regionCode: ID) {\n  recentActivities(regionCode: $regionCode, first: 20) {\n    id\n    type\n    mode\n    heldAt\n    branchName\n    region {\n      name\n    }\n  }\n  recentRegistrations(regionCode: $regionCode, first: 20) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n  recentEstablishments(regionCode: $regionCode, first: 20) {\n    id\n    name\n    establishedAt\n    region {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RegionTitle($code: ID!) {\n  region(code: $code) {\n    code\n    name\n  }\n}"): (typeof documents)["query RegionTitle($code: ID!) {\n  region(code: $code) {\n    code\n    name\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription RegistrationFeed($regionCode: ID) {\n  registrationFeed(regionCode: $regionCode) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n}"): (typeof documents)["subscription RegistrationFeed($regionCode: ID) {\n  registrationFeed(regionCode: $regionCode) {\n    id\n    name\n    registeredAt\n    region {\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecretaryFigures($regionCode: ID) {\n  secretaryStats(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}"): (typeof documents)["query SecretaryFigures($regionCode: ID) {\n  secretaryStats(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SecretaryFiguresFields on SecretaryStats {\n  version\n  secretaryRate\n  partyOrganizations\n  withSecretary\n  branches\n  branchesWithSecretary\n  reserveTalent\n  branchesWithReserveTalent\n}"): (typeof documents)["fragment SecretaryFiguresFields on SecretaryStats {\n  version\n  secretaryRate\n  partyOrganizations\n  withSecretary\n  branches\n  branchesWithSecretary\n  reserveTalent\n  branchesWithReserveTalent\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecretaryInManagement($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...SecretaryInManagementFields\n  }\n}"): (typeof documents)["query SecretaryInManagement($regionCode: ID) {\n  coverageStats(regionCode: $regionCode) {\n    ...SecretaryInManagementFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SecretaryInManagementFields on CoverageStats {\n  version\n  standalone\n  secretaryCrossAppointed\n  secretaryInManagementRate\n}"): (typeof documents)["fragment SecretaryInManagementFields on CoverageStats {\n  version\n  standalone\n  secretaryCrossAppointed\n  secretaryInManagementRate\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SecretaryStatsChanged($regionCode: ID) {\n  secretaryStatsChanged(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}"): (typeof documents)["subscription SecretaryStatsChanged($regionCode: ID) {\n  secretaryStatsChanged(regionCode: $regionCode) {\n    ...SecretaryFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TalkFigures($regionCode: ID) {\n  talkStats(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}"): (typeof documents)["query TalkFigures($regionCode: ID) {\n  talkStats(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TalkFiguresFields on TalkStats {\n  version\n  year\n  members\n  talkedWith\n  talkCoverageRate\n}"): (typeof documents)["fragment TalkFiguresFields on TalkStats {\n  version\n  year\n  members\n  talkedWith\n  talkCoverageRate\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription TalkStatsChanged($regionCode: ID) {\n  talkStatsChanged(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}"): (typeof documents)["subscription TalkStatsChanged($regionCode: ID) {\n  talkStatsChanged(regionCode: $regionCode) {\n    ...TalkFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingFigures($regionCode: ID) {\n  trainingStats(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}"): (typeof documents)["query TrainingFigures($regionCode: ID) {\n  trainingStats(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TrainingFiguresFields on TrainingStats {\n  version\n  year\n  members\n  membersMeetingMinimum\n  memberRate\n  staff\n  staffMeetingMinimum\n  staffRate\n}"): (typeof documents)["fragment TrainingFiguresFields on TrainingStats {\n  version\n  year\n  members\n  membersMeetingMinimum\n  memberRate\n  staff\n  staffMeetingMinimum\n  staffRate\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription TrainingStatsChanged($regionCode: ID) {\n  trainingStatsChanged(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}"): (typeof documents)["subscription TrainingStatsChanged($regionCode: ID) {\n  trainingStatsChanged(regionCode: $regionCode) {\n    ...TrainingFiguresFields\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkAlerts($regionCode: ID) {\n  workAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  allWorkAlerts: workAlerts(regionCode: $regionCode, first: 0) {\n    totalCount\n  }\n  workAlerts(\n    regionCode: $regionCode\n    kinds: [COMPLIANCE_BEHIND_PACE, COMPLIANCE_QUARTER_SHORT]\n    first: 10\n  ) {\n    totalCount\n    edges {\n      node {\n        kind\n        branchName\n      }\n    }\n  }\n}"): (typeof documents)["query WorkAlerts($regionCode: ID) {\n  workAlertCounts(regionCode: $regionCode) {\n    kind\n    count\n  }\n  allWorkAlerts: workAlerts(regionCode: $regionCode, first: 0) {\n    totalCount\n  }\n  workAlerts(\n    regionCode: $regionCode\n    kinds: [COMPLIANCE_BEHIND_PACE, COMPLIANCE_QUARTER_SHORT]\n    first: 10\n  ) {\n    totalCount\n    edges {\n      node {\n        kind\n        branchName\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;