import { demoOrganizations } from '@pb/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleCounts } from './coverage/coverage-oracle.test-helper.js';
import { seedOrganizations } from './seed.js';
import { testSubgraph } from './test-support.js';

const t = testSubgraph(3);

beforeAll(() => t.start());
afterAll(() => t.stop());

describe('the demo data set', () => {
  it('seeds the same organizations party-work seeds, with coverage that obeys the rules, idempotently', async () => {
    const stream = 'pb-seed-test:events:organization';
    const { settings } = t.app.services.coverageStats;
    await seedOrganizations(t.app.dataSource, 600, () => {}, stream, settings);
    await seedOrganizations(t.app.dataSource, 600, () => {}, stream, settings);
    const rows = (await t.app.dataSource.query(
      'SELECT id, region_code FROM social_organization ORDER BY seq',
    )) as Array<{
      id: string;
      region_code: string;
    }>;
    expect(rows.map((r) => [r.id, r.region_code])).toEqual(
      demoOrganizations(600).map((o) => [o.id, o.regionCode]),
    );
    const [history] = await t.app.dataSource.query('SELECT COUNT(*) AS n FROM social_organization_change');
    expect(Number(history.n)).toBe(600);
    // each organization and Party organization seeded has its event staged, once (seeding again adds none),
    // at the version it was seeded with, and a Party organization's with its covers
    const events = (
      (await t.app.dataSource.query('SELECT event FROM outbox WHERE stream = ?', [stream])) as Array<{
        event: string;
      }>
    ).map(
      (r) =>
        JSON.parse(r.event) as {
          type: string;
          aggregateId: string;
          version: number;
          data: { coveredOrganizationIds?: string[] };
        },
    );
    const organizationEvents = events.filter((e) => e.type === 'SocialOrganizationChanged');
    expect(organizationEvents.map((e) => e.aggregateId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(events.map((e) => e.version))).toEqual(new Set([1]));
    const [parties] = await t.app.dataSource.query('SELECT COUNT(*) AS n FROM party_organization');
    const partyEvents = events.filter((e) => e.type === 'PartyOrganizationChanged');
    expect(partyEvents).toHaveLength(Number(parties.n));
    const [coverCount] = await t.app.dataSource.query('SELECT COUNT(*) AS n FROM party_coverage');
    expect(partyEvents.reduce((n, e) => n + (e.data.coveredOrganizationIds ?? []).length, 0)).toBe(
      Number(coverCount.n),
    );
    // every cover lies in its Party organization's region; a standalone one covers one organization
    const [outside] = await t.app.dataSource.query(
      `SELECT COUNT(*) AS n FROM party_coverage c JOIN party_organization p ON p.id = c.party_organization_id
         JOIN social_organization o ON o.id = c.social_organization_id
        WHERE o.region_code NOT LIKE CONCAT(TRIM(TRAILING '0' FROM p.region_code), '%')`,
    );
    expect(Number(outside.n)).toBe(0);
    const [standalone] = await t.app.dataSource.query(
      `SELECT COUNT(*) AS n FROM (SELECT party_organization_id FROM party_coverage c
         JOIN party_organization p ON p.id = c.party_organization_id WHERE p.formation_mode = 'STANDALONE'
        GROUP BY party_organization_id HAVING COUNT(*) > 1) x`,
    );
    expect(Number(standalone.n)).toBe(0);
    // each Party organization's size (structure alerts, coveredFullMemberCount) is that of what it covers
    const sizes = (await t.app.dataSource.query(
      `SELECT p.covered_units AS units, p.covered_full_members AS members,
              (SELECT COUNT(*) FROM party_coverage c WHERE c.party_organization_id = p.id AND c.until IS NULL) AS trueUnits,
              (SELECT COALESCE(SUM(o.full_member_count), 0) FROM party_coverage c
                 JOIN social_organization o ON o.id = c.social_organization_id
                WHERE c.party_organization_id = p.id AND c.until IS NULL) AS trueMembers
         FROM party_organization p`,
    )) as Array<Record<string, string | number>>;
    expect(
      sizes.filter(
        (s) => Number(s.units) !== Number(s.trueUnits) || Number(s.members) !== Number(s.trueMembers),
      ),
    ).toEqual([]);
    expect(sizes.some((s) => Number(s.trueMembers) > 0)).toBe(true);
    for (const scope of [null, '330000', '110000', '440300']) {
      expect(await t.app.services.coverageStats.counts(scope)).toEqual(
        await oracleCounts(t.app.dataSource, scope, 30),
      );
    }
    const national = await oracleCounts(t.app.dataSource, null, 30);
    expect(national.standalone).toBeGreaterThan(0);
    expect(national.partyCovered).toBeGreaterThan(national.standalone);
    expect(national.workCovered).toBeGreaterThan(national.partyCovered);
    expect(national.crossAppointed).toBeGreaterThan(0);
  });
});
