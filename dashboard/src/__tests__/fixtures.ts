import type { Answer } from './fakeWall';

/** A province wall's answers, one per operation, as the API in docs/api.md describes them. */
export const coverageFigures = {
  __typename: 'CoverageStats',
  version: '10',
  organizations: 1200,
  partyOrganizations: 610,
  partyCovered: 1020,
  workCovered: 1140,
  eligible: 400,
  eligibleStandalone: 360,
  organizationCoverageRate: 0.85,
  workCoverageRate: 0.95,
  eligibleCoverageRate: 0.9,
};

export const activityFigures = {
  version: '4',
  quarter: '2026Q4',
  activities: 320,
  byType: [
    { type: 'GENERAL_MEETING', count: 40 },
    { type: 'PARTY_LECTURE', count: 30 },
    { type: 'THEMED_PARTY_DAY', count: 120 },
  ],
  onlineShare: 0.25,
  byWeek: [
    { week: '2026-10-19', activities: 30, online: 6 },
    { week: '2026-10-26', activities: 40, online: 10 },
    { week: '2026-11-02', activities: 50, online: 10 },
    { week: '2026-11-09', activities: 60, online: 20 },
    { week: '2026-11-16', activities: 70, online: 20 },
    { week: '2026-11-23', activities: 70, online: 14 },
  ],
  branches: 50,
  compliantBranches: 41,
  complianceRate: 0.876,
};

/** Twelve months, December 2025 to November 2026: registered and newly covered each month. */
export const coverageTrend = {
  version: '10',
  byMonth: [3, 5, 2, 7, 4, 6, 8, 1, 0, 9, 5, 6].map((registered, i) => ({
    month: `${i === 0 ? 2025 : 2026}-${String(i === 0 ? 12 : i).padStart(2, '0')}`,
    registered,
    newlyCovered: Math.max(0, registered - 1),
  })),
};

const row = (code: string, name: string, rate: number) => ({
  region: { code, name },
  version: '3',
  organizations: 100,
  partyCovered: Math.round(rate * 100),
  organizationCoverageRate: rate,
  workCoverageRate: Math.min(1, rate + 0.1),
  eligibleCoverageRate: rate,
  standaloneRate: rate / 2,
});

export const answers: Record<string, Answer> = {
  OrganizationFigures: { coverageStats: { version: '10', organizations: 1200 } },
  MemberFigures: { memberStats: { version: '7', fullMembers: 5000 } },
  CoverageFigures: { coverageStats: coverageFigures },
  ActivityFigures: { activityStats: activityFigures },
  CoverageByRegion: {
    coverageByRegion: [
      row('330100', '杭州市', 0.91),
      row('330200', '宁波市', 0.72),
      row('330300', '温州市', 0.83),
    ],
  },
  ActivityByRegion: {
    activityStatsByRegion: [
      { region: { code: '330100', name: '杭州市' }, complianceRate: 0.8, branches: 10, compliantBranches: 8 },
      {
        region: { code: '330200', name: '宁波市' },
        complianceRate: 0.95,
        branches: 20,
        compliantBranches: 19,
      },
    ],
  },
  RegionTitle: ({ code }) => ({ region: { code, name: code === '330000' ? '浙江省' : '杭州市' } }),
  ChildRegions: {
    regions: [
      { code: '330100', name: '杭州市' },
      { code: '330200', name: '宁波市' },
    ],
  },
  MemberStages: {
    memberStats: {
      version: '7',
      byStage: [
        { stage: 'FULL', count: 5000 },
        { stage: 'APPLICANT', count: 900 },
        { stage: 'ACTIVIST', count: 600 },
        { stage: 'CANDIDATE', count: 200 },
        { stage: 'PROBATIONARY', count: 150 },
      ],
      year: 2026,
      developedThisYear: 120,
      convertedThisYear: 98,
    },
  },
  SecretaryFigures: {
    secretaryStats: {
      version: '3',
      secretaryRate: 0.9375,
      partyOrganizations: 32,
      withSecretary: 30,
      branches: 27,
      branchesWithSecretary: 25,
    },
  },
  MemberWorkRoles: { memberStats: { version: '7', businessBackbone: 1240, management: 360 } },
  FundingBySource: {
    fundingStats: {
      version: '5',
      year: 2026,
      totalFen: '350000000',
      bySource: [
        { source: 'DUES_ALLOCATION', amountFen: '100000000' },
        { source: 'SOCIAL_CONSTRUCTION_FUND', amountFen: '250000000' },
      ],
    },
  },
  CoverageAlerts: {
    coverageAlertCounts: [
      { kind: 'ELIGIBLE_NOT_ESTABLISHED', count: 40 },
      { kind: 'BLANK_SPOT', count: 60 },
      { kind: 'REGISTERED_NOT_IN_STEP', count: 5 },
      { kind: 'CHARTER_CLAUSE_MISSING', count: 50 },
      { kind: 'STRUCTURE', count: 0 },
      { kind: 'INSTRUCTOR_NO_CONTACT', count: 2 },
    ],
    coverageAlerts: {
      totalCount: 157,
      edges: [
        { node: { kind: 'BLANK_SPOT', severity: 'AMBER', subjectName: '某网络协会' } },
        {
          node: {
            id: 'a2',
            kind: 'ELIGIBLE_NOT_ESTABLISHED',
            severity: 'RED',
            subjectName: '某直播行业协会',
          },
        },
        { node: { kind: 'BLANK_SPOT', severity: 'AMBER', subjectName: '某电竞联盟' } },
      ],
    },
  },
  WorkAlerts: {
    workAlertCounts: [
      { kind: 'COMPLIANCE_BEHIND_PACE', count: 640 },
      { kind: 'NO_SECRETARY', count: 12 },
      { kind: 'BRANCH_TOO_LARGE', count: 0 },
    ],
    allWorkAlerts: { totalCount: 652 },
    workAlerts: {
      totalCount: 1,
      edges: [{ node: { kind: 'COMPLIANCE_BEHIND_PACE', branchName: '某协会党支部' } }],
    },
  },
  CoverageTrend: { coverageStats: coverageTrend },
  RecentFeed: {
    recentActivities: [
      {
        id: 'a1',
        type: 'THEMED_PARTY_DAY',
        mode: 'ONLINE',
        heldAt: '2026-11-27T01:00:00.000Z',
        branchName: '西湖区网络作家协会党支部',
        region: { name: '西湖区' },
      },
    ],
    recentRegistrations: [
      { id: 'o1', name: '杭州市直播电商协会', registeredAt: '2026-11-26', region: { name: '滨江区' } },
    ],
    recentEstablishments: [
      {
        id: 'p1',
        name: '宁波市网络社会组织联合党委',
        establishedAt: '2026-11-20',
        region: { name: '宁波市' },
      },
    ],
  },
};
