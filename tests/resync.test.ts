import { randomUUID } from 'node:crypto';
import { addMonths, quarterOf, today } from '@pb/platform/calendar';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollecting, type System, startSystem } from './utils/system.js';

/**
 * `pnpm resync` in both directions, on a running system: the consumer's copy is damaged in the ways a
 * copy goes wrong (rows lost, values wrong at the same version, a version the producer never had, rows
 * the producer never had, and the statistics built on them), the command runs, and the copy and the
 * figures must equal the producer's data again; a second run changes nothing, and a live event after
 * it still applies.
 */
describe('pnpm resync', () => {
  let system: System;
  let organizationDb: mysql.Connection;
  let partyWorkDb: mysql.Connection;
  const mysqlUrl = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

  beforeAll(async () => {
    system = await startSystem({ organizations: 40 });
    organizationDb = await mysql.createConnection(`${mysqlUrl}/${system.organizationDatabase}`);
    partyWorkDb = await mysql.createConnection(`${mysqlUrl}/${system.partyWorkDatabase}`);
  });
  afterAll(async () => {
    await organizationDb?.end();
    await partyWorkDb?.end();
    await system?.stopAll();
  });

  /** Runs one subgraph's `resync` against this system; its exit code, stdout and stderr. */
  function resync(consumer: 'organization' | 'party-work') {
    // as the consumer's own MySQL account, as the subgraph runs: the command needs no more than its grants
    return runCollecting([`services/${consumer}/dist/cli.js`, 'resync'], {
      ...system.subgraphEnv(consumer),
      ORGANIZATION_URL: system.subgraphUrl('organization'),
      PARTY_WORK_URL: system.subgraphUrl('party-work'),
    });
  }

  async function rows<T>(db: mysql.Connection, sql: string, params: unknown[] = []): Promise<T[]> {
    const [result] = await db.query(sql, params);
    return result as T[];
  }

  async function until(check: () => Promise<boolean>, what: string, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const addFullMember = (socialOrganizationId: string, name: string) =>
    system.graphql(
      'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
      { input: { name, stage: 'FULL', socialOrganizationId } },
      { role: 'operator' },
    );

  /** party-work's truth: each organization's full members and the version of its reported count. */
  async function partyWorkCounts(): Promise<Map<string, { count: number; version: number }>> {
    const counted = await rows<{ id: string; n: number }>(
      partyWorkDb,
      `SELECT social_organization_id AS id, COUNT(*) AS n FROM party_member
        WHERE status = 'ACTIVE' AND stage = 'FULL' GROUP BY social_organization_id`,
    );
    const versions = await rows<{ id: string; version: number }>(
      partyWorkDb,
      'SELECT social_organization_id AS id, version FROM full_member_counter',
    );
    const truth = new Map<string, { count: number; version: number }>();
    for (const { id } of await rows<{ id: string }>(organizationDb, 'SELECT id FROM social_organization'))
      truth.set(id, { count: 0, version: 0 });
    for (const r of counted) truth.get(r.id)!.count = Number(r.n);
    for (const r of versions) if (truth.has(r.id)) truth.get(r.id)!.version = Number(r.version);
    return truth;
  }

  it("rebuilds organization's full-member counts and eligibility from party-work", async () => {
    const organizations = await rows<{ id: string; full_member_count: number }>(
      organizationDb,
      "SELECT id, full_member_count FROM social_organization WHERE status = 'ACTIVE' ORDER BY id",
    );
    // a live count first, so one copy holds a reported version (1) rather than the seed's 0
    const live = organizations[0]!.id;
    expect((await addFullMember(live, '实时一')).errors).toBeUndefined();
    await until(async () => {
      const [r] = await rows<{ v: number }>(
        organizationDb,
        'SELECT full_member_count_version AS v FROM social_organization WHERE id = ?',
        [live],
      );
      return Number(r?.v) >= 1;
    }, 'the FullMemberCountChanged event');

    // damage: counts wrong at the same version (a replayed event could not mend them), a version
    // party-work never had, and the coverage cells built on them
    const eligible = organizations.filter((o) => o.full_member_count >= 3 && o.id !== live).slice(0, 3);
    const ineligible = organizations.filter((o) => o.full_member_count < 3 && o.id !== live).slice(0, 2);
    expect(eligible.length).toBe(3);
    expect(ineligible.length).toBe(2);
    await organizationDb.query('UPDATE social_organization SET full_member_count = 0 WHERE id IN (?)', [
      eligible.map((o) => o.id),
    ]);
    await organizationDb.query('UPDATE social_organization SET full_member_count = 7 WHERE id IN (?)', [
      ineligible.map((o) => o.id),
    ]);
    await organizationDb.query(
      'UPDATE social_organization SET full_member_count = 1, full_member_count_version = 999 WHERE id = ?',
      [live],
    );
    await organizationDb.query('UPDATE coverage_cell SET eligible = eligible + 5, eligible_standalone = 0');
    const damaged = await system.graphql<{ socialOrganization: { eligible: boolean } }>(
      'query ($id: ID) { socialOrganization(id: $id) { eligible } }',
      { id: eligible[0]!.id },
    );
    expect(damaged.data?.socialOrganization.eligible).toBe(false);

    const run = await resync('organization');
    expect(run.stderr).toMatch(/organization resync: full-member counts: 40\/40 rows \(100%\)/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /full-member counts of 40 organizations \(0 restored, \d+ corrected, \d+ unchanged/,
    );

    const truth = await partyWorkCounts();
    const copy = await rows<{ id: string; n: number; v: number; status: string; eligible: number }>(
      organizationDb,
      'SELECT id, full_member_count AS n, full_member_count_version AS v, status, eligible FROM social_organization',
    );
    for (const row of copy) {
      expect({ id: row.id, count: Number(row.n), version: Number(row.v) }).toEqual({
        id: row.id,
        ...truth.get(row.id),
      });
    }
    const eligibleTruth = copy.filter((r) => r.status === 'ACTIVE' && truth.get(r.id)!.count >= 3);
    const standalone = await rows<{ id: string }>(
      organizationDb,
      "SELECT id FROM social_organization WHERE coverage_mode = 'STANDALONE'",
    );
    const standaloneIds = new Set(standalone.map((r) => r.id));
    const stats = await system.graphql<{ coverageStats: { eligible: number; eligibleStandalone: number } }>(
      '{ coverageStats { eligible eligibleStandalone } }',
    );
    expect(stats.data?.coverageStats).toEqual({
      eligible: eligibleTruth.length,
      eligibleStandalone: eligibleTruth.filter((r) => standaloneIds.has(r.id)).length,
    });
    const party = await rows<{ id: string; covered: number; expected: number }>(
      organizationDb,
      `SELECT p.id, p.covered_full_members AS covered,
              (SELECT COALESCE(SUM(o.full_member_count), 0) FROM social_organization o WHERE o.party_organization_id = p.id) AS expected
         FROM party_organization p`,
    );
    for (const p of party) expect(Number(p.covered)).toBe(Number(p.expected));

    const again = await resync('organization');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\(0 restored, 0 corrected, 40 unchanged, 0 newer kept, 0 removed\)/);

    // the overruled version 999 no longer shadows live events
    expect((await addFullMember(live, '实时二')).errors).toBeUndefined();
    const expected = truth.get(live)!.count + 1;
    await until(async () => {
      const [r] = await rows<{ n: number }>(
        organizationDb,
        'SELECT full_member_count AS n FROM social_organization WHERE id = ?',
        [live],
      );
      return Number(r?.n) === expected;
    }, 'a live count after the resync');
  }, 120_000);

  it("rebuilds party-work's copies of organizations and Party organizations, and its statistics", async () => {
    const quarters = [quarterOf(today()), quarterOf(addMonths(today(), -3))];
    const figures = async () => {
      const result = await system.graphql<Record<string, unknown>>(
        `query ($q0: String, $q1: String) {
           nation: memberStats { fullMembers probationaryMembers byStage { stage count } }
           provinces: activityStatsByRegion(quarter: $q0) { region { code } activities branches requiredHeld compliantBranches }
           previous: activityStatsByRegion(quarter: $q1) { region { code } activities branches requiredHeld compliantBranches attended due }
           activities: activityStats(quarter: $q1) { activities branches requiredHeld required compliantBranches onlineActivities }
           weeks: activityStats(quarter: $q0) { byWeek { week activities online } }
         }`,
        { q0: quarters[0], q1: quarters[1] },
      );
      expect(result.errors).toBeUndefined();
      const provinces = await rows<{ code: string }>(
        partyWorkDb,
        'SELECT DISTINCT LEFT(region_code, 2) AS code FROM party_member',
      );
      const members: unknown[] = [];
      for (const { code } of provinces) {
        const province = await system.graphql<{ memberStats: unknown }>(
          'query ($r: ID) { memberStats(regionCode: $r) { fullMembers probationaryMembers byStage { stage count } } }',
          { r: `${code}0000` },
        );
        members.push([code, province.data?.memberStats]);
      }
      return { ...result.data, members };
    };
    const replicas = async () => ({
      organizations: await rows(
        partyWorkDb,
        'SELECT id, name, region_code, status, version FROM organization_replica ORDER BY id',
      ),
      partyOrganizations: (
        await rows<Record<string, unknown>>(
          partyWorkDb,
          `SELECT id, name, type, formation_mode, region_code, parent_id, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
                  DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at, has_committee, covered_organization_ids, version
             FROM party_organization_replica ORDER BY id`,
        )
      ).map((r) => ({
        ...r,
        has_committee: Number(r.has_committee),
        covered_organization_ids: (JSON.parse(String(r.covered_organization_ids)) as string[]).sort(),
      })),
    });
    const producer = async () => ({
      organizations: await rows(
        organizationDb,
        'SELECT id, name, region_code, status, version FROM social_organization ORDER BY id',
      ),
      partyOrganizations: (
        await rows<Record<string, unknown>>(
          organizationDb,
          `SELECT p.id, p.name, p.type, p.formation_mode, p.region_code, p.parent_id,
                  DATE_FORMAT(p.established_at, '%Y-%m-%d') AS established_at, DATE_FORMAT(p.dissolved_at, '%Y-%m-%d') AS dissolved_at,
                  p.has_committee, p.version,
                  (SELECT GROUP_CONCAT(o.id) FROM social_organization o WHERE o.party_organization_id = p.id) AS covered
             FROM party_organization p ORDER BY p.id`,
        )
      ).map(({ covered, ...r }) => ({
        ...r,
        has_committee: Number(r.has_committee),
        covered_organization_ids: covered ? String(covered).split(',').sort() : [],
      })),
    });
    const truthBefore = await figures();

    // damage: a copy lost, one moved to a wrong region under a version never issued (with its members
    // and their cells), a branch lost, one moved with its activities and its committee flipped, a row the
    // producer never had, and cells off
    const busyOrganizations = await rows<{ id: string; region_code: string }>(
      partyWorkDb,
      `SELECT r.id, r.region_code FROM organization_replica r JOIN party_member m ON m.social_organization_id = r.id
        GROUP BY r.id, r.region_code ORDER BY COUNT(*) DESC, r.id LIMIT 2`,
    );
    const busyBranches = await rows<{ id: string }>(
      partyWorkDb,
      `SELECT b.id FROM party_organization_replica b JOIN activity a ON a.branch_id = b.id
        WHERE b.type = 'BRANCH' GROUP BY b.id ORDER BY COUNT(*) DESC, b.id LIMIT 2`,
    );
    expect(busyOrganizations.length).toBe(2);
    expect(busyBranches.length).toBe(2);
    const [lost, moved] = busyOrganizations as [{ id: string }, { id: string; region_code: string }];
    const [lostBranch, movedBranch] = busyBranches as [{ id: string }, { id: string }];
    const wrongRegion = moved.region_code.startsWith('11') ? '310101' : '110101';
    await partyWorkDb.query('DELETE FROM organization_replica WHERE id = ?', [lost.id]);
    await partyWorkDb.query('UPDATE organization_replica SET region_code = ?, version = 999 WHERE id = ?', [
      wrongRegion,
      moved.id,
    ]);
    await partyWorkDb.query('UPDATE party_member SET region_code = ? WHERE social_organization_id = ?', [
      wrongRegion,
      moved.id,
    ]);
    await partyWorkDb.query('DELETE FROM party_organization_replica WHERE id = ?', [lostBranch.id]);
    await partyWorkDb.query(
      'UPDATE party_organization_replica SET region_code = ?, has_committee = 1 - has_committee WHERE id = ?',
      [wrongRegion, movedBranch.id],
    );
    await partyWorkDb.query('UPDATE activity SET region_code = ? WHERE branch_id = ?', [
      wrongRegion,
      movedBranch.id,
    ]);
    await partyWorkDb.query(
      "INSERT INTO organization_replica (id, name, region_code, status, version) VALUES (?, '从未登记', '330106', 'ACTIVE', 3)",
      [randomUUID()],
    );
    await partyWorkDb.query('UPDATE member_cell SET members = members + 3 WHERE region_code = ?', [
      moved.region_code,
    ]);
    await partyWorkDb.query('UPDATE activity_cell SET activities = activities + 2');
    await partyWorkDb.query('UPDATE compliance_cell SET met = 0, compliant = 0');
    await partyWorkDb.query('UPDATE activity_week_cell SET activities = activities + 1');
    expect(await figures()).not.toEqual(truthBefore);

    const run = await resync('party-work');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/party-work resync: social organizations: 40\/40 rows \(100%\)/);
    expect(run.stderr).toMatch(/party-work resync: Party organizations: (\d+)\/\1 rows \(100%\)/);
    // the seeds give copies and the producer's rows the same version (1): only the damaged rows change
    expect(run.stdout).toMatch(
      /social organizations 40 \(1 restored, 1 corrected, 38 unchanged, 0 newer kept, 1 removed\)/,
    );

    expect(await replicas()).toEqual(await producer());
    const strays = await rows(
      partyWorkDb,
      `SELECT m.id FROM party_member m JOIN organization_replica r ON r.id = m.social_organization_id WHERE m.region_code <> r.region_code
       UNION ALL
       SELECT a.id FROM activity a JOIN party_organization_replica b ON b.id = a.branch_id WHERE a.region_code <> b.region_code`,
    );
    expect(strays).toEqual([]);
    expect(await figures()).toEqual(truthBefore);

    const again = await resync('party-work');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /social organizations 40 \(0 restored, 0 corrected, 40 unchanged, 0 newer kept, 0 removed\)/,
    );
    expect(again.stdout).toMatch(
      /Party organizations (\d+) \(0 restored, 0 corrected, \1 unchanged, 0 newer kept, 0 removed\)/,
    );

    // the overruled version 999 no longer shadows live events
    const renamed = await system.graphql(
      'mutation ($input: UpdateSocialOrganizationInput!) { updateSocialOrganization(input: $input) { id } }',
      { input: { id: moved.id, name: '更名后的组织', effectiveOn: today() } },
      { role: 'operator' },
    );
    expect(renamed.errors).toBeUndefined();
    await until(async () => {
      const [r] = await rows<{ name: string }>(
        partyWorkDb,
        'SELECT name FROM organization_replica WHERE id = ?',
        [moved.id],
      );
      return r?.name === '更名后的组织';
    }, 'a live SocialOrganizationChanged after the resync');
  }, 120_000);
});
