import { type DomainEvent, eventStream } from '@pb/platform/events';
import { untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, testSubgraph } from '../test-support.js';

const t = testSubgraph(11);

const ESTABLISH = `mutation ($input: EstablishPartyOrganizationInput!) {
  establishPartyOrganization(input: $input) {
    id name type formationMode establishedAt active version region { code } coveredOrganizations { id }
  }
}`;
const COVER = `mutation ($party: ID!, $organization: ID!, $since: String!) {
  coverSocialOrganization(partyOrganizationId: $party, socialOrganizationId: $organization, since: $since) {
    id version coveredOrganizations { id }
  }
}`;

interface Established {
  establishPartyOrganization: { id: string; version: number; coveredOrganizations: Array<{ id: string }> };
}

async function establish(input: Record<string, unknown>) {
  return t.as<Established>('operator', ESTABLISH, {
    input: {
      name: '测试联合党支部',
      type: 'BRANCH',
      formationMode: 'JOINT',
      regionCode: '330100',
      establishedAt: '2025-06-01',
      ...input,
    },
  });
}

async function establishId(input: Record<string, unknown>): Promise<string> {
  const result = await establish(input);
  expect(result.errors).toBeUndefined();
  return result.data!.establishPartyOrganization.id;
}

/** The full-member count party-work reports for an organization (its FullMemberCountChanged event). */
async function reportFullMembers(organizationId: string, count: number, version: number) {
  const applied = await t.app.services.fullMemberCounts.reportFullMemberCount(
    organizationId,
    count,
    version,
    new Date().toISOString(),
  );
  expect(applied).toBe(true);
}

beforeAll(() => t.start());
afterAll(() => t.stop());

describe('Party organizations and their covers', () => {
  it('refuses a joint branch over five units, at establishment and on a later cover', async () => {
    const units = [];
    for (let i = 0; i < 6; i++) units.push(await t.register('330106'));
    const tooMany = await establish({ coveredOrganizationIds: units });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'JOINT_BRANCH_LIMIT',
    });
    expect(tooMany.errors?.[0]?.message).toContain('covering 5 units');
    const party = await establishId({ coveredOrganizationIds: units.slice(0, 5) });
    const sixth = await t.as('operator', COVER, { party, organization: units[5], since: '2025-07-01' });
    expect(sixth.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'JOINT_BRANCH_LIMIT',
    });
    const [row] = await t.app.dataSource.query(
      'SELECT party_organization_id FROM social_organization WHERE id = ?',
      [units[5]],
    );
    expect(row.party_organization_id).toBeNull();
  });

  it('establishes a joint branch covering several organizations, and shows the cover on each', async () => {
    const a = await t.register('330106');
    const b = await t.register('330108');
    const result = await establish({ coveredOrganizationIds: [a, b], hasCommittee: false });
    expect(result.errors).toBeUndefined();
    const party = result.data!.establishPartyOrganization;
    expect(party).toMatchObject({ type: 'BRANCH', formationMode: 'JOINT', active: true, version: 1 });
    expect(party.coveredOrganizations.map((o) => o.id).sort()).toEqual([a, b].sort());
    const covered = await t.as<{ socialOrganization: { partyCoverage: Record<string, unknown> } }>(
      'analyst',
      'query ($id: ID) { socialOrganization(id: $id) { partyCoverage { standalone since partyOrganization { id name } } } }',
      { id: a },
    );
    expect(covered.data?.socialOrganization.partyCoverage).toEqual({
      standalone: false,
      since: '2025-06-01',
      partyOrganization: { id: party.id, name: '测试联合党支部' },
    });
  });

  it('refuses a second active cover of one organization (CONFLICT naming the rule and the cover)', async () => {
    const organization = await t.register('330106');
    await establishId({ coveredOrganizationIds: [organization] });
    const other = await establishId({ name: '另一个联合党支部' });
    const result = await t.as('operator', COVER, { party: other, organization, since: '2025-07-01' });
    expect(errorOf(result)).toMatchObject({ code: 'CONFLICT', rule: 'ONE_ACTIVE_COVER' });
    expect(errorOf(result).message).toContain('socialOrganizationId');
    expect(errorOf(result).message).toContain('测试联合党支部');
    // the database holds the rule too: one active row per organization
    await expect(
      t.app.dataSource.query(
        "INSERT INTO party_coverage (id, party_organization_id, social_organization_id, since) VALUES ('x', ?, ?, '2025-07-01')",
        [other, organization],
      ),
    ).rejects.toThrow(/Duplicate/);
  });

  it('lets a STANDALONE Party organization cover exactly its own organization', async () => {
    const [a, b] = [await t.register('330106'), await t.register('330106')];
    await reportFullMembers(a, 3, 1);
    const two = await establish({
      formationMode: 'STANDALONE',
      regionCode: '330106',
      coveredOrganizationIds: [a, b],
    });
    expect(errorOf(two)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STANDALONE_COVERS_ONE' });
    expect(errorOf(two).message).toContain('input.coveredOrganizationIds');
    const own = await establishId({
      formationMode: 'STANDALONE',
      regionCode: '330106',
      coveredOrganizationIds: [a],
    });
    const second = await t.as('operator', COVER, { party: own, organization: b, since: '2025-07-01' });
    expect(errorOf(second)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STANDALONE_COVERS_ONE' });
    const standalone = await t.as<{ socialOrganization: { partyCoverage: { standalone: boolean } } }>(
      'analyst',
      'query ($id: ID) { socialOrganization(id: $id) { partyCoverage { standalone } } }',
      { id: a },
    );
    expect(standalone.data?.socialOrganization.partyCoverage.standalone).toBe(true);
  });

  it('refuses a STANDALONE branch for an organization with fewer than 3 full members, pointing to a joint branch', async () => {
    const [small, other] = [await t.register('330106'), await t.register('330106')];
    await reportFullMembers(small, 2, 1);
    const refused = await establish({
      name: '不够三人的党支部',
      formationMode: 'STANDALONE',
      regionCode: '330106',
      coveredOrganizationIds: [small],
    });
    expect(errorOf(refused)).toMatchObject({
      code: 'BAD_USER_INPUT',
      rule: 'STANDALONE_NEEDS_3_FULL_MEMBERS',
    });
    expect(refused.errors?.[0]?.extensions?.field).toBe('input.coveredOrganizationIds');
    expect(errorOf(refused).message).toContain('has 2 full members');
    expect(errorOf(refused).message).toContain('joint branch');
    // nothing of the refused establishment stays
    const [{ n }] = await t.app.dataSource.query(
      "SELECT COUNT(*) AS n FROM party_organization WHERE name = '不够三人的党支部'",
    );
    expect(Number(n)).toBe(0);
    // nor on a later cover by a standalone Party organization set up without one
    const empty = await establishId({ formationMode: 'STANDALONE', regionCode: '330106' });
    const later = await t.as('operator', COVER, { party: empty, organization: small, since: '2025-07-01' });
    expect(errorOf(later)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'STANDALONE_NEEDS_3_FULL_MEMBERS' });
    // the way the rule points to: a joint branch
    await establishId({ regionCode: '330106', coveredOrganizationIds: [small, other] });
    // from the third full member on, its own branch
    const grown = await t.register('330106');
    await reportFullMembers(grown, 3, 1);
    await establishId({ formationMode: 'STANDALONE', regionCode: '330106', coveredOrganizationIds: [grown] });
  });

  it('raises STANDALONE_BELOW_THRESHOLD, counted per region, when a standalone branch’s organization drops below 3', async () => {
    const ALERTS = `query ($region: ID) {
      coverageAlerts(regionCode: $region, kinds: [STANDALONE_BELOW_THRESHOLD], first: 500) {
        totalCount edges { node { rule severity figure message socialOrganization { id } partyOrganization { id } } }
      }
      coverageAlertCounts(regionCode: $region) { kind count }
    }`;
    type Alerts = {
      coverageAlerts: {
        totalCount: number;
        edges: Array<{
          node: {
            rule: string;
            severity: string;
            figure: number;
            message: string;
            socialOrganization: { id: string };
            partyOrganization: { id: string };
          };
        }>;
      };
      coverageAlertCounts: Array<{ kind: string; count: number }>;
    };
    const read = async (region: string | null) => {
      const result = await t.as<Alerts>('analyst', ALERTS, { region });
      expect(result.errors).toBeUndefined();
      const count = result.data!.coverageAlertCounts.find(
        (c) => c.kind === 'STANDALONE_BELOW_THRESHOLD',
      )!.count;
      expect(count, `count in ${region}`).toBe(result.data!.coverageAlerts.totalCount);
      return result.data!.coverageAlerts;
    };
    const before = { nation: await read(null), zhejiang: await read('330000'), county: await read('330108') };
    const unit = await t.register('330108');
    await reportFullMembers(unit, 4, 1);
    const party = await establishId({
      formationMode: 'STANDALONE',
      regionCode: '330108',
      coveredOrganizationIds: [unit],
    });
    expect((await read('330108')).totalCount).toBe(before.county.totalCount);
    // members left after the branch was set up (or were transferred out)
    await reportFullMembers(unit, 2, 2);
    const county = await read('330108');
    expect(county.totalCount).toBe(before.county.totalCount + 1);
    expect((await read('330000')).totalCount).toBe(before.zhejiang.totalCount + 1);
    expect((await read(null)).totalCount).toBe(before.nation.totalCount + 1);
    expect((await read('440000')).edges.map((e) => e.node.socialOrganization.id)).not.toContain(unit);
    const alert = county.edges.find((e) => e.node.socialOrganization.id === unit)!.node;
    expect(alert).toMatchObject({
      rule: 'STANDALONE_NEEDS_3_FULL_MEMBERS',
      severity: 'AMBER',
      figure: 2,
      partyOrganization: { id: party },
    });
    expect(alert.message).toContain('joint branch');
    // back to three: the alert is gone
    await reportFullMembers(unit, 3, 3);
    expect((await read('330108')).totalCount).toBe(before.county.totalCount);
  });

  it('covers only organizations in its own region or below', async () => {
    const ningbo = await t.register('330212');
    const party = await establishId({ regionCode: '330100' });
    const result = await t.as('operator', COVER, { party, organization: ningbo, since: '2025-07-01' });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'COVER_OUTSIDE_REGION' });
    expect(errorOf(result).message).toContain('330100');
  });

  it('refuses dates in the wrong order, naming both', async () => {
    const organization = await t.register('330106', { registeredAt: '2025-03-01' });
    const party = await establishId({ establishedAt: '2025-06-01' });
    const early = await t.as('operator', COVER, { party, organization, since: '2025-05-01' });
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATES_OUT_OF_ORDER' });
    expect(errorOf(early).message).toMatch(
      /since \(2025-05-01\) cannot be before the Party organization's establishment/,
    );
    const future = await t.as('operator', COVER, { party, organization, since: '2999-01-01' });
    expect(errorOf(future)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_IN_FUTURE' });
    const dissolve = await t.as(
      'operator',
      'mutation ($id: ID!) { dissolvePartyOrganization(id: $id, dissolvedAt: "2025-01-01") { id } }',
      { id: party },
    );
    expect(errorOf(dissolve)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATES_OUT_OF_ORDER' });
    expect(errorOf(dissolve).message).toContain('dissolvedAt (2025-01-01) cannot be before establishedAt');
    const badDate = await establish({ establishedAt: '2025-02-30' });
    expect(errorOf(badDate)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATE_FORMAT' });
  });

  it('uncovers, keeps the periods, and refuses to uncover what is not covered', async () => {
    const organization = await t.register('330106');
    const party = await establishId({ coveredOrganizationIds: [organization] });
    const UNCOVER = `mutation ($organization: ID!, $until: String!) {
      uncoverSocialOrganization(socialOrganizationId: $organization, until: $until) { id coveredOrganizations { id } }
    }`;
    const before = await t.as('operator', UNCOVER, { organization, until: '2025-05-01' });
    expect(errorOf(before)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATES_OUT_OF_ORDER' });
    const done = await t.as<{ uncoverSocialOrganization: { coveredOrganizations: unknown[] } }>(
      'operator',
      UNCOVER,
      {
        organization,
        until: '2025-09-01',
      },
    );
    expect(done.data?.uncoverSocialOrganization.coveredOrganizations).toEqual([]);
    const again = await t.as('operator', UNCOVER, { organization, until: '2025-09-02' });
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', rule: 'NOT_COVERED' });
    const history = await t.as<{ partyOrganization: { coverages: unknown[] } }>(
      'analyst',
      'query ($id: ID!) { partyOrganization(id: $id) { coverages { since until socialOrganization { id } } } }',
      { id: party },
    );
    expect(history.data?.partyOrganization.coverages).toEqual([
      { since: '2025-06-01', until: '2025-09-01', socialOrganization: { id: organization } },
    ]);
  });

  it('dissolves once, ending its covers, and never while it has active children', async () => {
    const organization = await t.register('330106');
    const committee = await establishId({
      type: 'COMMITTEE',
      formationMode: 'INDUSTRY',
      regionCode: '330000',
    });
    const branch = await establishId({ parentId: committee, coveredOrganizationIds: [organization] });
    const DISSOLVE =
      'mutation ($id: ID!, $on: String!) { dissolvePartyOrganization(id: $id, dissolvedAt: $on) { dissolvedAt active } }';
    const parentFirst = await t.as('operator', DISSOLVE, { id: committee, on: '2025-10-01' });
    expect(errorOf(parentFirst)).toMatchObject({ code: 'CONFLICT', rule: 'HAS_ACTIVE_CHILDREN' });
    const done = await t.as<{ dissolvePartyOrganization: unknown }>('operator', DISSOLVE, {
      id: branch,
      on: '2025-10-01',
    });
    expect(done.data?.dissolvePartyOrganization).toEqual({ dissolvedAt: '2025-10-01', active: false });
    const twice = await t.as('operator', DISSOLVE, { id: branch, on: '2025-10-02' });
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', rule: 'ALREADY_DISSOLVED' });
    const [row] = await t.app.dataSource.query(
      'SELECT party_organization_id FROM social_organization WHERE id = ?',
      [organization],
    );
    expect(row.party_organization_id).toBeNull();
  });

  it('accepts as parent only an active committee or general branch whose region contains the child', async () => {
    const branch = await establishId({});
    const underBranch = await establish({ parentId: branch });
    expect(errorOf(underBranch)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PARENT_TYPE' });
    const county = await establishId({ type: 'GENERAL_BRANCH', regionCode: '330106' });
    const wider = await establish({ parentId: county, regionCode: '330100' });
    expect(errorOf(wider)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PARENT_REGION' });
    const unknownRegion = await establish({ regionCode: '339999' });
    expect(errorOf(unknownRegion).code).toBe('NOT_FOUND');
    expect(errorOf(unknownRegion).message).toContain('input.regionCode');
  });

  it('publishes PartyOrganizationChanged with a growing version and the covered ids', async () => {
    const redis = new Redis(t.env.common.redisUrl);
    try {
      const stream = eventStream(t.env.common.redisNamespace, 'organization');
      const organization = await t.register('330106');
      const party = await establishId({});
      await t.as('operator', COVER, { party, organization, since: '2025-07-01' });
      const entries = (await redis.xrange(stream, '-', '+')) as Array<[string, string[]]>;
      const events = entries
        .map(([, fields]) => JSON.parse(fields[1]!) as DomainEvent)
        .filter((e) => e.aggregateId === party);
      expect(events.map((e) => [e.type, e.version])).toEqual([
        ['PartyOrganizationChanged', 1],
        ['PartyOrganizationChanged', 2],
      ]);
      expect(events[1]!.data).toMatchObject({
        id: party,
        type: 'BRANCH',
        formationMode: 'JOINT',
        regionCode: '330100',
        parentId: null,
        establishedAt: '2025-06-01',
        dissolvedAt: null,
        hasCommittee: false,
        coveredOrganizationIds: [organization],
      });
    } finally {
      redis.disconnect();
    }
  });

  it('keeps events in the outbox with their write: none for a refused write, unsent ones go out later', async () => {
    const count = async () => Number((await t.app.dataSource.query('SELECT COUNT(*) AS n FROM outbox'))[0].n);
    const organization = await t.register('330106');
    await establishId({ coveredOrganizationIds: [organization] });
    const before = await count();
    const other = await establishId({ name: '第三个联合党支部' });
    expect(await count()).toBe(before + 1);
    const refused = await t.as('operator', COVER, { party: other, organization, since: '2025-07-01' });
    expect(errorOf(refused).code).toBe('CONFLICT');
    expect(await count()).toBe(before + 1);
    // an event that could not be published (Redis was down) waits unsent; the relay sends it in order
    const waiting: DomainEvent = {
      type: 'SocialOrganizationChanged',
      aggregateId: organization,
      version: 99,
      occurredAt: new Date().toISOString(),
      data: { id: organization },
    };
    await t.app.dataSource.query('INSERT INTO outbox (stream, event) VALUES (?, ?)', [
      eventStream(t.env.common.redisNamespace, 'organization'),
      JSON.stringify(waiting),
    ]);
    await t.app.services.announcer.relay();
    const [{ unsent }] = await t.app.dataSource.query(
      'SELECT COUNT(*) AS unsent FROM outbox WHERE sent_at IS NULL',
    );
    expect(Number(unsent)).toBe(0);
    const redis = new Redis(t.env.common.redisUrl);
    try {
      const [last] = (await redis.xrevrange(
        eventStream(t.env.common.redisNamespace, 'organization'),
        '+',
        '-',
        'COUNT',
        1,
      )) as Array<[string, string[]]>;
      expect(JSON.parse(last![1][1]!)).toMatchObject({ aggregateId: organization, version: 99 });
    } finally {
      redis.disconnect();
    }
  });

  it('pushes the new coverage figure to live subscribers of every enclosing scope after a cover', async () => {
    const organization = await t.register('330108');
    const party = await establishId({});
    await t.app.services.coverageStats.settled();
    const stream = t.app.services.coverageStats.subscribe('330100', new Viewer('wall', ['wall'], null));
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    await untilWatched(t.app.pubSub, 'COVERAGE_STATS_CHANGED', ['330100']);
    const before = await t.app.services.coverageStats.counts('330100');
    await t.as('operator', COVER, { party, organization, since: '2025-07-01' });
    const { value } = await next;
    expect(value).toMatchObject({ regionCode: '330100', partyCovered: before.partyCovered + 1 });
    await iterator.return?.();
  });

  it('lists Party organizations by region, type, formation mode and activity, scoped to the viewer', async () => {
    await establishId({ regionCode: '440106', name: '广州联合党支部' });
    const LIST = `query ($filter: PartyOrganizationFilter) {
      partyOrganizations(filter: $filter, first: 500) { totalCount edges { node { formationMode active region { code } } } }
    }`;
    type Listed = {
      partyOrganizations: {
        totalCount: number;
        edges: Array<{ node: Record<string, unknown> & { region: { code: string } } }>;
      };
    };
    const joint = await t.as<Listed>('analyst', LIST, { filter: { formationMode: 'JOINT', active: true } });
    expect(
      joint.data!.partyOrganizations.edges.every((e) => e.node.formationMode === 'JOINT' && e.node.active),
    ).toBe(true);
    const guangdong = await t.as<Listed>('analyst', LIST, {}, '440000');
    expect(guangdong.data!.partyOrganizations.totalCount).toBe(1);
    expect(guangdong.data!.partyOrganizations.edges[0]!.node.region.code).toBe('440106');
    const outside = await t.as('analyst', LIST, { filter: { regionCode: '330000' } }, '440000');
    expect(errorOf(outside).code).toBe('FORBIDDEN');
  });
});

describe('work coverage and cross appointments', () => {
  const ADD = `mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id kind personName since until active } }`;
  const APPOINT = `mutation ($input: AppointCrossPostInput!) {
    appointCrossPost(input: $input) { id personName partyPost managementPost direction since partyOrganization { id } }
  }`;

  it('records measures, requires a person for instructors and liaisons, and keeps dates in order', async () => {
    const organization = await t.register('330106');
    const union = await t.as('operator', ADD, {
      input: { socialOrganizationId: organization, kind: 'UNION', since: '2025-04-01' },
    });
    expect(union.errors).toBeUndefined();
    const nobody = await t.as('operator', ADD, {
      input: { socialOrganizationId: organization, kind: 'INSTRUCTOR', since: '2025-04-01' },
    });
    expect(errorOf(nobody)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'PERSON_REQUIRED' });
    expect(errorOf(nobody).message).toContain('input.personName');
    const reversed = await t.as('operator', ADD, {
      input: {
        socialOrganizationId: organization,
        kind: 'LIAISON',
        personName: '王联络',
        since: '2025-04-01',
        until: '2025-03-01',
      },
    });
    expect(errorOf(reversed)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'DATES_OUT_OF_ORDER' });
    expect(errorOf(reversed).message).toContain(
      'input.until (2025-03-01) cannot be before input.since (2025-04-01)',
    );
    const instructor = await t.as<{ addWorkCoverage: { id: string } }>('operator', ADD, {
      input: {
        socialOrganizationId: organization,
        kind: 'INSTRUCTOR',
        personName: '张指导员',
        since: '2025-04-01',
      },
    });
    const listed = await t.as<{
      socialOrganization: { workCoverage: Array<{ kind: string; personName: string | null }> };
    }>(
      'analyst',
      'query ($id: ID) { socialOrganization(id: $id) { workCoverage { kind personName active } } }',
      { id: organization },
    );
    // an analyst sees personal names masked; an admin sees them
    expect(listed.data?.socialOrganization.workCoverage).toEqual([
      { kind: 'UNION', personName: null, active: true },
      { kind: 'INSTRUCTOR', personName: '张***', active: true },
    ]);
    const ended = await t.as<{ endWorkCoverage: { until: string; active: boolean } }>(
      'operator',
      'mutation ($id: ID!) { endWorkCoverage(id: $id, until: "2025-05-01") { until active } }',
      { id: instructor.data!.addWorkCoverage.id },
    );
    expect(ended.data?.endWorkCoverage).toEqual({ until: '2025-05-01', active: false });
  });

  it('records cross appointments in both directions, only where a Party organization covers', async () => {
    const organization = await t.register('330106');
    const input = {
      socialOrganizationId: organization,
      personName: '李书记',
      partyPost: '书记',
      managementPost: '会长',
      direction: 'PARTY_TO_MANAGEMENT',
      since: '2025-07-01',
    };
    const uncovered = await t.as('operator', APPOINT, { input });
    expect(errorOf(uncovered)).toMatchObject({ code: 'CONFLICT', rule: 'NOT_COVERED' });
    await reportFullMembers(organization, 5, 1);
    const party = await establishId({
      formationMode: 'STANDALONE',
      regionCode: '330106',
      coveredOrganizationIds: [organization],
    });
    const badPost = await t.as('operator', APPOINT, { input: { ...input, managementPost: '董事长' } });
    expect(errorOf(badPost)).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'MANAGEMENT_POST' });
    expect(errorOf(badPost).message).toContain('input.managementPost');
    for (const [direction, partyPost, managementPost] of [
      ['PARTY_TO_MANAGEMENT', '书记', '会长'],
      ['MANAGEMENT_TO_PARTY', '委员', '秘书长'],
    ]) {
      const result = await t.as<{ appointCrossPost: Record<string, unknown> }>('admin', APPOINT, {
        input: { ...input, direction, partyPost, managementPost },
      });
      expect(result.data?.appointCrossPost).toMatchObject({
        personName: '李书记',
        direction,
        partyPost,
        managementPost,
        partyOrganization: { id: party },
      });
    }
    const stats = await t.as<{ coverageStats: { crossAppointed: number } }>(
      'wall',
      '{ coverageStats(regionCode: "330106") { crossAppointed } }',
    );
    expect(stats.data!.coverageStats.crossAppointed).toBeGreaterThanOrEqual(1);
    // the posts were in that Party organization: they end with its cover
    await t.as(
      'operator',
      'mutation ($o: ID!) { uncoverSocialOrganization(socialOrganizationId: $o, until: "2025-09-01") { id } }',
      {
        o: organization,
      },
    );
    const after = await t.as<{
      socialOrganization: { crossAppointments: Array<{ until: string; active: boolean }> };
    }>('analyst', 'query ($id: ID) { socialOrganization(id: $id) { crossAppointments { until active } } }', {
      id: organization,
    });
    expect(after.data?.socialOrganization.crossAppointments).toEqual([
      { until: '2025-09-01', active: false },
      { until: '2025-09-01', active: false },
    ]);
  });
});
