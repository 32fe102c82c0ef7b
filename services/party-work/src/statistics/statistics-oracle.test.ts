import { addDays, addMonths, quarterOf, seededRandom, today, Viewer } from '@pb/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterlyFloors } from '../activity/activity.service.js';
import { ActivityMode, type ActivityStats, ActivityType } from '../activity/activity.type.js';
import { FundingSource } from '../funding/funding.type.js';
import type { PartyOrganizationSnapshot } from '../organization-replica/organization-replica.service.js';
import { MemberStage, MembershipEnd, STAGE_ORDER } from '../party-member/party-member.type.js';
import { MutationTally, startTestApp, type TestApp } from '../test-support.js';
import {
  keptCells,
  oracleActivityStats,
  oracleFundingStats,
  oracleKeptCells,
  oracleMemberStats,
} from './statistics-oracle.test-helper.js';

/**
 * The statistics oracle: after a seeded random sequence of mutations (members and their development,
 * activities and corrections, funding, and organization events out of order and duplicated), every
 * figure equals an independent recomputation from the raw rows (statistics-oracle.test-helper.ts).
 */
const MUTATIONS = 1200;
const SEED = 20261127;
const COUNTIES = ['330106', '330108', '330212', '440305', '440106', '110108', '110105'];
const SCOPES = [null, '330000', '330100', '330106', '440000', '440305', '110000', '110108'];
const admin = new Viewer('oracle', ['admin'], null);
const DAY = today();
const QUARTERS = [
  quarterOf(DAY),
  quarterOf(addMonths(DAY, -3)),
  quarterOf(addMonths(DAY, -6)),
  quarterOf(addMonths(DAY, -12)),
];

let test: TestApp;

const uuid = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  test = await startTestApp({ activityRecordingWindowDays: 400 });
});
afterAll(async () => {
  await test?.stop();
});

async function expectFiguresMatch(scopes: Array<string | null>, quarters: string[]) {
  const { activities, memberStats, funding } = test.app.services;
  for (const scope of scopes) {
    for (const quarter of quarters) {
      const {
        region: _r,
        quarter: _q,
        version: _v,
        updatedAt: _u,
        ...figure
      } = (await activities.snapshot(scope, quarter, admin)) as ActivityStats;
      expect({ scope, quarter, ...figure }).toEqual({
        scope,
        quarter,
        ...(await oracleActivityStats(test.app.dataSource, scope, quarter, DAY)),
      });
    }
    const {
      region: _r,
      version: _v,
      updatedAt: _u,
      year: _y,
      ...members
    } = await memberStats.snapshot(scope, admin);
    expect({ scope, ...members }).toEqual({
      scope,
      ...(await oracleMemberStats(test.app.dataSource, scope, DAY)),
    });
    for (const year of [Number(DAY.slice(0, 4)), Number(DAY.slice(0, 4)) - 1]) {
      const {
        region: _fr,
        version: _fv,
        updatedAt: _fu,
        year: _fy,
        ...money
      } = await funding.stats(scope, year, admin);
      expect({ scope, year, ...money }).toEqual({
        scope,
        year,
        ...(await oracleFundingStats(test.app.dataSource, scope, year)),
      });
    }
  }
}

describe('statistics against the oracle', () => {
  it(`agree after ${MUTATIONS} seeded random mutations`, { timeout: 120_000 }, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const { organizations, partyMembers, activities, memberLife, funding } = test.app.services;

    const orgs = Array.from({ length: 16 }, (_, i) => ({
      id: uuid('8001', i),
      regionCode: pick(COUNTIES),
      version: 1,
    }));
    for (const [i, o] of orgs.entries())
      await organizations.apply(
        { id: o.id, name: `组织${i}`, regionCode: o.regionCode, status: i === 15 ? 'REVOKED' : 'ACTIVE' },
        1,
      );
    const branches: Array<PartyOrganizationSnapshot & { version: number }> = Array.from(
      { length: 12 },
      (_, i) => ({
        id: uuid('8002', i),
        name: `党支部${i}`,
        type: i === 11 ? 'GENERAL_BRANCH' : 'BRANCH',
        formationMode: 'STANDALONE',
        regionCode: pick(COUNTIES),
        establishedAt: addDays(DAY, -int(30, 900)),
        dissolvedAt: null,
        hasCommittee: random() < 0.4,
        coveredOrganizationIds: [],
        version: 1,
      }),
    );
    for (const b of branches) await organizations.applyPartyOrganization(b, b.version);

    const memberIds: string[] = [];
    const activityIds: string[] = [];
    const tally = new MutationTally();

    for (let n = 1; n <= MUTATIONS; n++) {
      const roll = random();
      if (roll < 0.2 || memberIds.length < 5) {
        await tally.attempt(async () => {
          const member = await partyMembers.add(
            {
              name: `成员${n}`,
              socialOrganizationId: pick(orgs).id,
              branchId: random() < 0.8 ? pick(branches).id : null,
              stage: pick(STAGE_ORDER),
              stageSince: addDays(DAY, -int(0, 1100)),
            },
            admin,
          );
          memberIds.push(member.id);
        });
      } else if (roll < 0.36) {
        await tally.attempt(async () => {
          const memberId = pick(memberIds);
          const [member] = await partyMembers.findMany([memberId], admin);
          const next = STAGE_ORDER[STAGE_ORDER.indexOf(member!.stage) + 1] ?? MemberStage.FULL;
          await partyMembers.advance(
            {
              memberId,
              stage: random() < 0.9 ? next : pick(STAGE_ORDER),
              effectiveOn: addDays(DAY, -int(0, 500)),
              approvedBy: '支部党员大会',
              introducers: ['张伟', '李娜'],
              politicalReviewPassed: random() < 0.9,
            },
            admin,
          );
        });
      } else if (roll < 0.4) {
        await tally.attempt(() =>
          memberLife.recordTraining(
            {
              memberId: pick(memberIds),
              title: '集中培训',
              startedOn: addDays(DAY, -int(0, 700)),
              hours: int(4, 24),
            },
            admin,
          ),
        );
      } else if (roll < 0.43) {
        await tally.attempt(() =>
          partyMembers.end(
            {
              memberId: pick(memberIds),
              reason: pick(Object.values(MembershipEnd)),
              effectiveOn: DAY,
              approvedBy: '支部委员会',
            },
            admin,
          ),
        );
      } else if (roll < 0.46) {
        await tally.attempt(() =>
          partyMembers.transfer(
            {
              memberId: pick(memberIds),
              socialOrganizationId: pick(orgs).id,
              branchId: pick(branches).id,
              effectiveOn: DAY,
              approvedBy: '上级党委',
            },
            admin,
          ),
        );
      } else if (roll < 0.85) {
        await tally.attempt(async () => {
          const mode = pick(Object.values(ActivityMode));
          const expected = int(0, 40);
          const excused = int(0, Math.floor(expected / 4));
          const absent = int(0, expected - excused);
          const attending = expected - excused - absent;
          const online = mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : int(0, attending);
          const correctsId = roll > 0.78 && activityIds.length > 0 ? pick(activityIds) : null;
          const branchId = correctsId
            ? ((
                await test.app.dataSource.query('SELECT branch_id FROM activity WHERE id = ?', [correctsId])
              )[0].branch_id as string)
            : pick(branches).id;
          const activity = await activities.record(
            {
              branchId,
              type: random() < 0.85 ? pick(quarterlyFloors(true))[0] : pick(Object.values(ActivityType)),
              mode,
              title: `活动${n}`,
              heldAt: new Date(Date.now() - int(1, 200 * 24) * 3600_000).toISOString(),
              expected,
              present: attending - online,
              online,
              excused,
              absent,
              correctsId,
            },
            admin,
          );
          activityIds.push(activity.id);
        });
      } else if (roll < 0.93) {
        await tally.attempt(() =>
          funding.record(
            random() < 0.5
              ? {
                  source: pick(Object.values(FundingSource)),
                  amountFen: int(1, 5_000_000),
                  receivedOn: addDays(DAY, -int(0, 600)),
                  partyOrganizationId: pick(branches).id,
                }
              : {
                  source: pick(Object.values(FundingSource)),
                  amountFen: int(1, 5_000_000),
                  receivedOn: addDays(DAY, -int(0, 600)),
                  socialOrganizationId: pick(orgs).id,
                  project: '项目',
                },
            admin,
          ),
        );
      } else if (roll < 0.97) {
        // a Party organization changes; its events arrive duplicated and out of order
        const branch = pick(branches);
        const older = { ...branch };
        branch.version += 1;
        const change = random();
        if (change < 0.4) branch.hasCommittee = !branch.hasCommittee;
        else if (change < 0.75) branch.regionCode = pick(COUNTIES);
        else if (change < 0.9) branch.dissolvedAt = branch.dissolvedAt ? null : addDays(DAY, -int(0, 200));
        else branch.establishedAt = addDays(DAY, -int(0, 900));
        await organizations.applyPartyOrganization(branch, branch.version);
        await organizations.applyPartyOrganization(older, older.version);
        await organizations.applyPartyOrganization(branch, branch.version);
        tally.accepted += 1;
      } else {
        const organization = pick(orgs);
        organization.version += 1;
        organization.regionCode = pick(COUNTIES);
        await organizations.apply(
          { id: organization.id, name: '组织', regionCode: organization.regionCode, status: 'ACTIVE' },
          organization.version,
        );
        await organizations.apply(
          { id: organization.id, name: '组织', regionCode: pick(COUNTIES), status: 'REVOKED' },
          organization.version - 1,
        );
        tally.accepted += 1;
      }
      if (n % 400 === 0) await expectFiguresMatch([null, '330000'], [QUARTERS[0] as string]);
    }
    expect(tally.accepted + tally.refused).toBe(MUTATIONS);
    // a sequence that mostly failed would prove little
    expect(tally.accepted).toBeGreaterThan(MUTATIONS * 0.5);
    await expectFiguresMatch(SCOPES, QUARTERS);
    // the cells behind fundingStats and the branches of activityStats, region by region
    expect(await keptCells(test.app.dataSource, QUARTERS)).toEqual(
      await oracleKeptCells(test.app.dataSource, QUARTERS),
    );
    // the sequence reached the interesting cases: corrections, compliant and short branches
    const [shape] = await test.app.dataSource.query(
      'SELECT COUNT(*) AS corrections FROM activity WHERE corrects_id IS NOT NULL',
    );
    expect(Number(shape.corrections)).toBeGreaterThan(20);
    const previous = await activities.snapshot(null, QUARTERS[1], admin);
    expect(previous.compliantBranches).toBeGreaterThan(0);
    expect(previous.compliantBranches).toBeLessThan(previous.branches);

    // activityStatsByRegion: one row per province, each the province's own figure
    const byRegion = await activities.byRegion(null, QUARTERS[1], admin);
    for (const row of byRegion) {
      const { region, quarter: _q, version: _v, updatedAt: _u, ...figure } = row;
      expect(figure).toEqual(
        await oracleActivityStats(test.app.dataSource, region!.code, QUARTERS[1] as string, DAY),
      );
    }
    expect(byRegion.map((r) => r.region?.code)).toEqual(['110000', '330000', '440000']);
  });
});
