import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganizations } from './seed.js';
import { rebuildStatistics, STATISTICS } from './statistics.js';
import { testSubgraph } from './test-support.js';

const t = testSubgraph(13);

beforeAll(() => t.start());
afterAll(() => t.stop());

/** Every kept statistic as the rows hold it: cells with a count, months, sizes, summaries. */
async function kept() {
  const query = (sql: string) => t.app.dataSource.query(sql) as Promise<Array<Record<string, unknown>>>;
  return {
    cells: await query(
      `SELECT region_code, organizations, party_covered, standalone, eligible, eligible_standalone, work_covered,
              charter_included, cross_appointed, secretary_cross_appointed, registered_in_period, in_step,
              party_organizations, instructors_no_contact FROM coverage_cell
        WHERE organizations + party_organizations + instructors_no_contact > 0 ORDER BY region_code`,
    ),
    months: await query('SELECT * FROM coverage_month ORDER BY region_code, month'),
    sizes: await query('SELECT id, covered_units, covered_full_members FROM party_organization ORDER BY id'),
    summaries: await query(
      'SELECT id, work_covered_until, cross_appointed_until, secretary_cross_appointed_until FROM social_organization ORDER BY id',
    ),
  };
}

describe('the kept statistics', () => {
  it('are rebuilt from the rows to what the writes kept them as, all of them from one list', async () => {
    const { settings } = t.app.services.coverageStats;
    await seedOrganizations(t.app.dataSource, 200, () => {}, 'pb-statistics-test:events', settings);
    // the seed's events are seed.test.ts's subject; here they would only keep the relay busy
    await t.app.dataSource.query("DELETE FROM outbox WHERE stream = 'pb-statistics-test:events'");
    // writes after the seed keep every statistic incrementally
    const id = await t.register('330106');
    await t.app.services.fullMemberCounts.reportFullMemberCount(id, 5, 1, new Date().toISOString());
    const measure = await t.as<{ addWorkCoverage: { id: string } }>(
      'operator',
      'mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id } }',
      { input: { socialOrganizationId: id, kind: 'UNION', since: '2025-03-01', until: '2025-12-31' } },
    );
    expect(measure.errors).toBeUndefined();
    const [covered] = (await t.app.dataSource.query(
      'SELECT id FROM social_organization WHERE party_organization_id IS NOT NULL ORDER BY seq LIMIT 1',
    )) as Array<{ id: string }>;
    const uncovered = await t.as(
      'operator',
      'mutation ($id: ID!) { uncoverSocialOrganization(socialOrganizationId: $id, until: "2026-01-01") { id } }',
      { id: covered!.id },
    );
    expect(uncovered.errors).toBeUndefined();
    const before = await kept();
    expect(before.cells.length).toBeGreaterThan(0);

    // a copy gone wrong: every kept value off
    await t.app.dataSource.query('UPDATE coverage_cell SET organizations = organizations + 7, eligible = 0');
    await t.app.dataSource.query('DELETE FROM coverage_month');
    await t.app.dataSource.query(
      'UPDATE party_organization SET covered_units = 99, covered_full_members = 0',
    );
    await t.app.dataSource.query('UPDATE social_organization SET work_covered_until = NULL');
    await rebuildStatistics(t.app.dataSource, settings);

    expect(await kept()).toEqual(before);
    expect(STATISTICS.map((s) => s.name)).toEqual([
      'coverage summary (work_covered_until, cross_appointed_until, secretary_cross_appointed_until)',
      'Party organization sizes (covered_units, covered_full_members)',
      'coverage cells (coverage_cell, coverage_month)',
    ]);
  });
});
