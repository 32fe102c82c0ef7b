import { seededRandom } from '@pb/demo-data';
import { addDays, today } from '@pb/platform/calendar';
import { readAhead, readUntil, untilWatched } from '@pb/platform/testing';
import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, parse, subscribe } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartyOrganizationSnapshot } from '../organization-replica/organization-replica.service.js';
import { StaffRole } from '../staff/staff.type.js';
import { oracleSecretaryStats } from '../statistics/statistics-oracle.test-helper.js';
import { MutationTally, startTestApp, type TestApp } from '../test-support.js';
import { WorkAlertKind } from '../work-alert/work-alert.type.js';
import { oracleWorkAlerts } from '../work-alert/work-alert-oracle.test-helper.js';

/**
 * 书记配备率, reserve talent and staff by role against the oracle: after a seeded random sequence of
 * secretary assignments and ends (some dated ahead, some refused by ONE_SECRETARY or DATE_ORDER), other
 * posts taken up and ended, and Party organizations dissolved or moved by organization events, the figure
 * of every scope (nation, provinces, cities, counties) equals a recomputation from the rows, today and on
 * later days (assignments begin and end by date), and the NO_SECRETARY alerts equal their own oracle.
 */
const MUTATIONS = 600;
const SEED = Number(process.env.ORACLE_SEED ?? 20261206);
// a provincial committee, a city's general branch and county branches, in three provinces
const REGIONS = ['330000', '330100', '330106', '330106', '330108', '330212', '440305', '440106', '110108'];
const SCOPES = [null, '330000', '330100', '330106', '330200', '440000', '440305', '110000', '110108'];
const admin = new Viewer('oracle', ['admin'], null);
const DAY = today();

let test: TestApp;

const uuid = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  test = await startTestApp();
});
afterAll(async () => {
  await test?.stop();
});

async function expectFiguresMatch(scopes: Array<string | null>, when: string, day = DAY) {
  const { secretaryStats, workAlerts } = test.app.services;
  for (const scope of scopes) {
    const { region: _r, version: _v, updatedAt: _u, ...figure } = await secretaryStats.snapshot(scope, admin);
    const expected = await oracleSecretaryStats(test.app.dataSource, scope, day);
    expect({ scope, when, ...JSON.parse(JSON.stringify(figure)) }).toEqual({ scope, when, ...expected });
    const alerts = await workAlerts.counts(scope, admin);
    const truth = await oracleWorkAlerts(test.app.dataSource, scope, day);
    expect(alerts.find((a) => a.kind === WorkAlertKind.NO_SECRETARY)?.count, `NO_SECRETARY in ${scope}`).toBe(
      truth.filter((line) => line.startsWith('NO_SECRETARY|')).length,
    );
  }
}

describe('secretary rate (书记配备率) against the oracle', () => {
  it(
    `agrees in every scope after ${MUTATIONS} seeded random assignments and ends`,
    {
      timeout: 120_000,
    },
    async () => {
      const random = seededRandom(SEED);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
      const { organizations, staff } = test.app.services;

      const parties: Array<PartyOrganizationSnapshot & { version: number }> = Array.from(
        { length: 30 },
        (_, i) => {
          const regionCode = pick(REGIONS);
          return {
            id: uuid('8101', i),
            name: `党组织${i}`,
            type: regionCode.endsWith('0000')
              ? 'COMMITTEE'
              : regionCode.endsWith('00')
                ? 'GENERAL_BRANCH'
                : 'BRANCH',
            formationMode: random() < 0.5 ? 'STANDALONE' : 'JOINT',
            regionCode,
            // one established ahead of today, one dissolved today: neither counts today
            establishedAt: i === 28 ? addDays(DAY, 5) : addDays(DAY, -int(30, 1500)),
            dissolvedAt: i === 29 ? DAY : null,
            hasCommittee: false,
            coveredOrganizationIds: [],
            version: 1,
          };
        },
      );
      for (const p of parties) await organizations.applyPartyOrganization(p, p.version);

      const assignments: string[] = [];
      const tally = new MutationTally();

      for (let n = 1; n <= MUTATIONS; n++) {
        const roll = random();
        if (roll < 0.5 || assignments.length < 5) {
          await tally.attempt(async () => {
            // mostly begun in the past, some ahead of today; a few with an end date already set
            const from = random() < 0.12 ? addDays(DAY, int(1, 40)) : addDays(DAY, -int(0, 1200));
            const assignment = await staff.assign(
              {
                partyOrganizationId: pick(parties).id,
                role: StaffRole.SECRETARY,
                personName: `书记${n}`,
                from,
                to: random() < 0.2 ? addDays(from, int(0, 400)) : null,
              },
              admin,
            );
            assignments.push(assignment.id);
          });
        } else if (roll < 0.75) {
          // ends on a day around today: before it (the post holder has gone), today (still in post) or after
          await tally.attempt(() =>
            staff.end({ id: pick(assignments), to: addDays(DAY, int(-300, 30)) }, admin),
          );
        } else if (roll < 0.9) {
          // other posts, some dated ahead; few names, so one person may hold a role twice in one organization
          await tally.attempt(async () => {
            const role = pick(Object.values(StaffRole).filter((r) => r !== StaffRole.SECRETARY));
            const from = random() < 0.1 ? addDays(DAY, int(1, 20)) : addDays(DAY, -int(0, 800));
            const assignment = await staff.assign(
              {
                partyOrganizationId: pick(parties).id,
                role,
                personName: `${role === StaffRole.RESERVE_TALENT ? '后备' : '委员'}${int(1, 6)}`,
                from,
                to: random() < 0.2 ? addDays(from, int(0, 60)) : null,
              },
              admin,
            );
            assignments.push(assignment.id);
          });
        } else {
          // organization's events: a Party organization dissolved, or moved to another region
          const party = pick(parties.slice(0, 28));
          party.version += 1;
          if (random() < 0.3 && !party.dissolvedAt) party.dissolvedAt = addDays(DAY, -int(0, 20));
          else if (party.type === 'BRANCH') party.regionCode = pick(REGIONS.filter((r) => !r.endsWith('00')));
          await organizations.applyPartyOrganization(party, party.version);
        }
        if (n % 150 === 0) await expectFiguresMatch([null, '330000', '440000'], `after ${n}`);
      }
      await expectFiguresMatch(SCOPES, 'at the end');
      // later days: posts dated ahead begin, posts with an end date end, with no write in between; the
      // day's roll (as every server's minute check does it) moves the cells and the alerts
      for (const ahead of [1, 25, 70, 120]) {
        await test.app.services.workAlertKeeper.reconcile(addDays(DAY, ahead));
        await expectFiguresMatch([null, '330000', '440000'], `${ahead} days on`, addDays(DAY, ahead));
      }
      await test.app.services.workAlertKeeper.reconcile(DAY);
      await expectFiguresMatch([null, '330000'], 'back on the day');

      // the run meant something: secretaries in post and organizations without one, refusals by rule
      const national = await oracleSecretaryStats(test.app.dataSource, null, DAY);
      expect(national.withSecretary).toBeGreaterThan(0);
      expect(national.withSecretary).toBeLessThan(national.partyOrganizations);
      expect(national.branchesWithReserveTalent).toBeGreaterThan(0);
      expect(national.staffByRole.every((r) => r.people > 0)).toBe(true);
      expect(tally.accepted).toBeGreaterThan(MUTATIONS / 3);
      expect(tally.refused).toBeGreaterThan(0);
    },
  );
});

describe('secretaryStats over GraphQL', () => {
  const BRANCH = uuid('8102', 1);
  const ASSIGN = 'mutation ($i: AssignStaffInput!) { assignStaff(input: $i) { id } }';
  const END = 'mutation ($i: EndStaffAssignmentInput!) { endStaffAssignment(input: $i) { to } }';
  type Figure = {
    partyOrganizations: number;
    withSecretary: number;
    secretaryRate: number;
    version: string;
    reserveTalent: number;
    branchesWithReserveTalent: number;
    staffByRole: Array<{ role: string; people: number }>;
  };

  it('answers a region for a wall and refuses a region outside the token', async () => {
    const result = await test.as<{ secretaryStats: Figure & { region: { code: string } } }>(
      'wall',
      '{ secretaryStats(regionCode: "330000") { region { code } partyOrganizations withSecretary secretaryRate version } }',
      {},
      '330000',
    );
    expect(result.errors).toBeUndefined();
    const expected = await oracleSecretaryStats(test.app.dataSource, '330000', DAY);
    expect(result.data?.secretaryStats).toMatchObject({
      region: { code: '330000' },
      partyOrganizations: expected.partyOrganizations,
      withSecretary: expected.withSecretary,
      secretaryRate: expected.secretaryRate,
    });
    // by city: one figure per city of the province (the provincial committee itself is in none)
    const byCity = await test.as<{
      secretaryStatsByRegion: Array<{
        region: { code: string };
        partyOrganizations: number;
        reserveTalent: number;
        staffByRole: Array<{ role: string; people: number }>;
      }>;
    }>(
      'wall',
      '{ secretaryStatsByRegion(parentCode: "330000") { region { code } partyOrganizations reserveTalent staffByRole { role people } } }',
      {},
      '330000',
    );
    expect(byCity.errors).toBeUndefined();
    const cities = byCity.data!.secretaryStatsByRegion;
    expect(cities.map((c) => c.region.code)).toEqual(['330100', '330200']);
    for (const city of cities)
      expect(city).toMatchObject(
        (({ partyOrganizations, reserveTalent, staffByRole }) => ({
          partyOrganizations,
          reserveTalent,
          staffByRole,
        }))(await oracleSecretaryStats(test.app.dataSource, city.region.code, DAY)),
      );
    const outside = await test.as(
      'wall',
      '{ secretaryStats(regionCode: "440000") { withSecretary } }',
      {},
      '330000',
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sends the new figure live when a secretary is appointed and when the appointment ends', async () => {
    await test.app.services.organizations.applyPartyOrganization(
      {
        id: BRANCH,
        name: '杭州市网络作家协会党支部',
        type: 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: '330106',
        establishedAt: '2021-03-01',
      },
      1,
    );
    const stream = (await subscribe({
      schema: test.app.schema,
      document: parse(
        'subscription { secretaryStatsChanged(regionCode: "330106") { partyOrganizations withSecretary secretaryRate version reserveTalent branchesWithReserveTalent staffByRole { role people } } }',
      ),
      contextValue: test.app.context({
        viewer: new Viewer('sub-wall', ['wall'], '330000'),
        requestId: 'sub',
      }),
    })) as AsyncIterableIterator<ExecutionResult<{ secretaryStatsChanged: Figure }>>;
    const readFigure = readAhead(stream);
    // the subscription is live once Redis has its channel subscribed (a deadline, not a pause)
    await untilWatched(test.app.pubSub, 'SECRETARY_STATS_CHANGED', ['330106']);

    // the last figure `want` accepts; figures of earlier writes may come first
    const next = async (want: (figure: Figure) => boolean) =>
      (await readUntil(async () => (await readFigure()).data!.secretaryStatsChanged, want)).at(-1)!;
    const before = (await test.app.services.secretaryStats.snapshot('330106', admin)) as Figure;
    const assigned = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCH, role: 'SECRETARY', personName: '沈洁', from: '2021-03-01' },
    });
    expect(assigned.errors).toBeUndefined();
    const up = await next((f) => f.withSecretary === before.withSecretary + 1);
    expect(up.partyOrganizations).toBe(before.partyOrganizations);
    expect(up.secretaryRate).toBeCloseTo(up.withSecretary / up.partyOrganizations, 12);
    expect(Number(up.version)).toBeGreaterThan(Number(before.version));

    // ended yesterday: no secretary today
    const ended = await test.as('operator', END, {
      i: { id: assigned.data!.assignStaff.id, to: addDays(DAY, -1) },
    });
    expect(ended.errors).toBeUndefined();
    const down = await next((f) => f.withSecretary === before.withSecretary);
    expect(Number(down.version)).toBeGreaterThan(Number(up.version));

    // a reserve talent appointed, then the post ended: the staff figures move live too
    const reserve = await test.as<{ assignStaff: { id: string } }>('operator', ASSIGN, {
      i: { partyOrganizationId: BRANCH, role: 'RESERVE_TALENT', personName: '韩雪', from: '2024-05-01' },
    });
    expect(reserve.errors).toBeUndefined();
    const people = (f: Figure, role: string) => f.staffByRole.find((r) => r.role === role)?.people;
    const added = await next((f) => f.reserveTalent === before.reserveTalent + 1);
    expect(added.branchesWithReserveTalent).toBe(before.branchesWithReserveTalent + 1);
    expect(people(added, 'RESERVE_TALENT')).toBe(added.reserveTalent);
    expect(added.staffByRole.map((r: { role: string }) => r.role)).toEqual(Object.values(StaffRole));
    await test.as('operator', END, { i: { id: reserve.data!.assignStaff.id, to: addDays(DAY, -1) } });
    const gone = await next((f) => f.reserveTalent === before.reserveTalent);
    expect(gone.branchesWithReserveTalent).toBe(before.branchesWithReserveTalent);
    await stream.return?.();
  });
});
