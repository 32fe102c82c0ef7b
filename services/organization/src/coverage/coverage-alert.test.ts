import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../dates.js';
import { errorOf, testSubgraph } from '../test-support.js';
import { refreshPartySize } from './party-size.js';

const t = testSubgraph(23);

const ALERTS = `query ($region: ID, $kinds: [CoverageAlertKind!], $first: Int, $after: String) {
  coverageAlerts(regionCode: $region, kinds: $kinds, first: $first, after: $after) {
    totalCount
    edges { cursor node { id kind severity rule message figure region { code }
      socialOrganization { id name } partyOrganization { id name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Alert {
  id: string;
  kind: string;
  severity: string;
  rule: string;
  message: string;
  figure: number | null;
  region: { code: string };
  socialOrganization: { id: string; name: string } | null;
  partyOrganization: { id: string; name: string } | null;
}
type Alerts = {
  coverageAlerts: {
    totalCount: number;
    edges: Array<{ cursor: string; node: Alert }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

async function alerts(variables: Record<string, unknown>, region: string | null = null): Promise<Alert[]> {
  const result = await t.as<Alerts>('analyst', ALERTS, { first: 500, ...variables }, region);
  expect(result.errors).toBeUndefined();
  return result.data!.coverageAlerts.edges.map((e) => e.node);
}

const ids: Record<string, string> = {};
const ESTABLISH = `mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id } }`;

beforeAll(async () => {
  await t.start({ syncDays: 30, instructorContactDays: 90 });
  const s = t.app.services.fullMemberCounts;
  ids.eligibleBare = await t.register('330106', {
    name: '无党组织的网络协会',
    charterClause: 'FULL_LEADERSHIP',
  });
  ids.eligibleJoint = await t.register('330106', { name: '联合覆盖的网络协会', charterClause: 'BASIC' });
  ids.newBare = await t.register('330108', { name: '新登记的网络协会', registeredAt: addDays(today(), -45) });
  ids.instructed = await t.register('440106', { name: '有指导员的网络协会', charterClause: 'BASIC' });
  ids.amending = await t.register('440106', { name: '修改章程中的网络协会', charterClause: 'PENDING' });
  for (const id of [ids.eligibleBare, ids.eligibleJoint])
    await s.reportFullMemberCount(id, 40, 1, new Date().toISOString());
  const units: string[] = [ids.eligibleJoint];
  for (let i = 0; i < 5; i++) {
    const unit = await t.register('330106', { charterClause: 'BASIC' });
    await s.reportFullMemberCount(unit, 20, 1, new Date().toISOString());
    units.push(unit);
  }
  // five units through the API; the sixth is an older record from before the limit was enforced (an
  // import), which the API would refuse but the alert must still see
  const sixth = units.pop()!;
  const joint = await t.as<{ establishPartyOrganization: { id: string } }>('operator', ESTABLISH, {
    input: {
      name: '西湖区网络联合党支部',
      type: 'BRANCH',
      formationMode: 'JOINT',
      regionCode: '330106',
      establishedAt: '2025-06-01',
      coveredOrganizationIds: units,
    },
  });
  ids.jointParty = joint.data!.establishPartyOrganization.id;
  await t.app.dataSource.transaction(async (manager) => {
    await manager.query(
      "INSERT INTO party_coverage (id, party_organization_id, social_organization_id, since) VALUES (UUID(), ?, ?, '2025-06-01')",
      [ids.jointParty, sixth],
    );
    await manager.query(
      `UPDATE social_organization SET party_organization_id = ?, coverage_mode = 'JOINT', covered_since = '2025-06-01',
              first_covered_at = '2025-06-01' WHERE id = ?`,
      [ids.jointParty, sixth],
    );
    await refreshPartySize(manager, ids.jointParty!);
  });
  await t.as(
    'operator',
    'mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id } }',
    {
      input: {
        socialOrganizationId: ids.instructed,
        kind: 'INSTRUCTOR',
        personName: '张指导员',
        since: '2025-03-01',
        lastContactAt: '2025-04-01',
      },
    },
  );
});
afterAll(() => t.stop());

describe('coverage alerts', () => {
  it('raises 应建未建 red without any cover and amber when only in a joint branch', async () => {
    const found = await alerts({ kinds: ['ELIGIBLE_NOT_ESTABLISHED'] });
    const bare = found.find((a) => a.socialOrganization?.id === ids.eligibleBare);
    const joint = found.find((a) => a.socialOrganization?.id === ids.eligibleJoint);
    expect(bare).toMatchObject({
      severity: 'RED',
      rule: 'ELIGIBLE_NO_COVERAGE',
      figure: 40,
      region: { code: '330106' },
    });
    expect(bare!.message).toContain('无党组织的网络协会');
    expect(joint).toMatchObject({ severity: 'AMBER', rule: 'ELIGIBLE_JOINT_ONLY' });
    expect(found.every((a) => a.kind === 'ELIGIBLE_NOT_ESTABLISHED')).toBe(true);
  });

  it('raises 空白点 and 新登记未同步 for organizations with no coverage of any kind', async () => {
    const blank = (await alerts({ kinds: ['BLANK_SPOT'] })).map((a) => a.socialOrganization?.id);
    expect(blank).toContain(ids.eligibleBare);
    expect(blank).toContain(ids.newBare);
    expect(blank).not.toContain(ids.instructed);
    expect(blank).not.toContain(ids.eligibleJoint);
    const late = await alerts({ kinds: ['REGISTERED_NOT_IN_STEP'] });
    expect(late.map((a) => a.socialOrganization?.id)).toEqual([ids.newBare]);
    expect(late[0]!.message).toContain('45 days ago (more than 30)');
  });

  it('raises the missing charter clause and the instructor without contact for 90 days', async () => {
    const charter = (await alerts({ kinds: ['CHARTER_CLAUSE_MISSING'] })).map(
      (a) => a.socialOrganization?.id,
    );
    expect(charter).toContain(ids.newBare);
    expect(charter).not.toContain(ids.instructed);
    // an amendment under way is amber, a charter without the clause red
    const [pending] = await alerts({ kinds: ['CHARTER_CLAUSE_MISSING'] }, '440000').then((found) =>
      found.filter((a) => a.socialOrganization?.id === ids.amending),
    );
    expect(pending).toMatchObject({ severity: 'AMBER', rule: 'CHARTER_CLAUSE_PENDING' });
    const instructor = await alerts({ kinds: ['INSTRUCTOR_NO_CONTACT'] });
    expect(instructor).toHaveLength(1);
    expect(instructor[0]).toMatchObject({
      rule: 'INSTRUCTOR_NO_CONTACT',
      socialOrganization: { id: ids.instructed },
    });
  });

  it('raises structure advice on the joint branch: over 5 units, no committee, over 100 (branch size belongs to party-work)', async () => {
    const structure = await alerts({ kinds: ['STRUCTURE'] });
    const rules = structure
      .filter((a) => a.partyOrganization?.id === ids.jointParty)
      .map((a) => [a.rule, a.figure]);
    expect(rules).toEqual([
      ['JOINT_BRANCH_OVER_5_UNITS', 6],
      ['COMMITTEE_MISSING', 140],
      ['PARTY_COMMITTEE_NEEDED', 140],
    ]);
    expect(structure[0]!.message).toContain('西湖区网络联合党支部');
    await t.as(
      'operator',
      'mutation ($id: ID!) { updatePartyOrganization(input: { id: $id, hasCommittee: true }) { id } }',
      {
        id: ids.jointParty,
      },
    );
    const after = await alerts({ kinds: ['STRUCTURE'] });
    expect(after.filter((a) => a.partyOrganization?.id === ids.jointParty).map((a) => a.rule)).not.toContain(
      'COMMITTEE_MISSING',
    );
  });

  it('scopes alerts to the region and pages through them with stable cursors', async () => {
    const guangdong = await alerts({}, '440000');
    expect(guangdong.length).toBeGreaterThan(0);
    expect(guangdong.every((a) => a.region.code.startsWith('44'))).toBe(true);
    const outside = await t.as('analyst', ALERTS, { region: '330000' }, '440000');
    expect(errorOf(outside).code).toBe('FORBIDDEN');
    const all = await alerts({});
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Alerts } = await t.as<Alerts>('analyst', ALERTS, { first: 3, after });
      paged.push(...page.data!.coverageAlerts.edges.map((e) => e.node.id));
      expect(page.data!.coverageAlerts.totalCount).toBe(all.length);
      if (!page.data!.coverageAlerts.pageInfo.hasNextPage) break;
      after = page.data!.coverageAlerts.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((a) => a.id));
    // a wall lists alerts by name, but cannot open the organizations' records
    const wall = await t.as<Alerts>(
      'wall',
      '{ coverageAlerts(first: 500) { totalCount edges { node { kind subjectName } } } }',
    );
    expect(wall.data?.coverageAlerts.totalCount).toBe(all.length);
    const records = await t.as(
      'wall',
      '{ coverageAlerts(first: 1) { edges { node { socialOrganization { id } } } } }',
    );
    expect(errorOf(records).code).toBe('FORBIDDEN');
  });

  it('counts every kind exactly as its list, and the charter alerts as N less those counted by 入章率', async () => {
    const COUNTS = `query ($region: ID) {
      coverageAlertCounts(regionCode: $region) { kind count }
      coverageAlerts(regionCode: $region, first: 1) { totalCount }
      coverageStats(regionCode: $region) { organizations charterIncluded }
    }`;
    for (const region of [null, '330000', '440000', '330106']) {
      const result = await t.as<{
        coverageAlertCounts: Array<{ kind: string; count: number }>;
        coverageAlerts: { totalCount: number };
        coverageStats: { organizations: number; charterIncluded: number };
      }>('wall', COUNTS, { region });
      expect(result.errors).toBeUndefined();
      const counts = result.data!.coverageAlertCounts;
      expect(counts.map((c) => c.kind)).toEqual([
        'ELIGIBLE_NOT_ESTABLISHED',
        'BLANK_SPOT',
        'REGISTERED_NOT_IN_STEP',
        'CHARTER_CLAUSE_MISSING',
        'STRUCTURE',
        'INSTRUCTOR_NO_CONTACT',
        'STANDALONE_BELOW_THRESHOLD',
      ]);
      for (const { kind, count } of counts) {
        expect(count, `${kind} in ${region}`).toBe((await alerts({ kinds: [kind] }, region)).length);
      }
      const { organizations, charterIncluded } = result.data!.coverageStats;
      expect(counts.find((c) => c.kind === 'CHARTER_CLAUSE_MISSING')!.count).toBe(
        organizations - charterIncluded,
      );
      expect(result.data!.coverageAlerts.totalCount).toBe(counts.reduce((sum, c) => sum + c.count, 0));
    }
  });
});
