import { addDays, addMonths, quarterOf, quarterRange, today } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityMode, type ActivityStats } from '../activity/activity.type.js';
import { FundingSource } from '../funding/funding.type.js';
import { RandomWrites } from '../random-writes.test-helper.js';
import { startTestApp, type TestApp } from '../test-support.js';
import { quarterlyFloors } from './activity-aggregates/activity-aggregates.js';
import {
  keptCells,
  oracleActivityStats,
  oracleAppraisalStats,
  oracleFundingStats,
  oracleKeptCells,
  oracleMemberStats,
  oracleTalkStats,
} from './statistics-oracle.test-helper.js';
import { oracleTrainingStats } from './training-oracle.test-helper.js';

/**
 * The statistics oracle: after a seeded random sequence of mutations (members and their development,
 * activities and corrections, talks, funding, and organization events out of order and duplicated), every
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

beforeAll(async () => {
  test = await startTestApp({ activityRecordingWindowDays: 400 });
});
afterAll(async () => {
  await test?.stop();
});

async function expectFiguresMatch(scopes: Array<string | null>, quarters: string[]) {
  const { activityStats, memberStats, fundingStats, talkStats, appraisalStats, trainingStats } =
    test.app.services;
  for (const scope of scopes) {
    for (const quarter of quarters) {
      const {
        region: _r,
        quarter: _q,
        version: _v,
        updatedAt: _u,
        ...figure
      } = (await activityStats.snapshot(scope, quarter, admin)) as ActivityStats;
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
        region: _tr,
        version: _tv,
        updatedAt: _tu,
        ...talks
      } = await talkStats.snapshot(scope, year, admin);
      expect({ scope, ...talks }).toEqual({
        scope,
        ...(await oracleTalkStats(test.app.dataSource, scope, year)),
      });
      const {
        region: _ar,
        version: _av,
        updatedAt: _au,
        year: _ay,
        ...appraisals
      } = await appraisalStats.snapshot(scope, year, admin);
      expect({ scope, year, ...appraisals }).toEqual({
        scope,
        year,
        ...(await oracleAppraisalStats(test.app.dataSource, scope, year)),
      });
      const {
        region: _fr,
        version: _fv,
        updatedAt: _fu,
        year: _fy,
        ...money
      } = await fundingStats.snapshot(scope, year, admin);
      expect({ scope, year, ...money }).toEqual({
        scope,
        year,
        ...(await oracleFundingStats(test.app.dataSource, scope, year)),
      });
      const {
        region: _er,
        version: _ev,
        updatedAt: _eu,
        year: _ey,
        ...training
      } = await trainingStats.snapshot(scope, year, admin);
      expect({ scope, year, ...training }).toEqual({
        scope,
        year,
        ...(await oracleTrainingStats(test.app.dataSource, scope, year, DAY)),
      });
    }
  }
}

/**
 * One branch that the random writes leave alone and that meets every floor of `quarter`: whatever day
 * the test runs on, the previous quarter has a compliant branch to count (the random ones may all fall
 * short), so the oracle is compared on one.
 */
async function recordSteadyBranch(quarter: string): Promise<void> {
  const { organizations, activities } = test.app.services;
  const branchId = '00000000-0000-4000-8000-000000000801';
  await organizations.applyPartyOrganization(
    {
      id: branchId,
      name: '稳定党支部',
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: '330106',
      establishedAt: addDays(DAY, -800),
      dissolvedAt: null,
      hasCommittee: false,
      coveredOrganizationIds: [],
    },
    1,
  );
  const { from } = quarterRange(quarter);
  let day = 0;
  for (const [type, required] of quarterlyFloors(false)) {
    for (let i = 0; i < required; i++) {
      day += 3;
      await activities.record(
        {
          branchId,
          type,
          mode: ActivityMode.OFFLINE,
          title: `稳定支部活动${day}`,
          heldAt: `${addDays(from, day)}T02:00:00.000Z`,
          expected: 10,
          present: 9,
          online: 0,
          excused: 1,
          absent: 0,
          correctsId: null,
        },
        admin,
      );
    }
  }
}

describe('statistics against the oracle', () => {
  it(`agree after ${MUTATIONS} seeded random mutations`, { timeout: 120_000 }, async () => {
    const writes = new RandomWrites(test, SEED, DAY, COUNTIES);
    const { random } = writes;
    const pick = <T>(items: readonly T[]): T => writes.pick(items);
    const int = (min: number, max: number) => writes.int(min, max);
    const { activityStats, funding, trainingStats } = test.app.services;
    await writes.setUp('800', 16, 12);
    const { tally, memberIds } = writes;
    await recordSteadyBranch(QUARTERS[1] as string);

    for (let n = 1; n <= MUTATIONS; n++) {
      const roll = random();
      if (roll < 0.2 || memberIds.length < 5) await writes.addMember(n);
      else if (roll < 0.33) await writes.advanceMember();
      else if (roll < 0.37) await writes.recordAppraisal();
      else if (roll < 0.41) await writes.recordTraining();
      else if (roll < 0.43) await writes.endMembership();
      else if (roll < 0.45) await writes.transferMember();
      else if (roll < 0.48) await writes.markWorkRole();
      else if (roll < 0.85) await writes.recordActivity(n, roll > 0.79);
      else if (roll < 0.865) await writes.recordTalk();
      else if (roll < 0.88) await writes.recordTraining();
      else if (roll < 0.9)
        await (writes.posts.length > 0 && random() < 0.25 ? writes.endStaff() : writes.assignStaff());
      else if (roll < 0.93) {
        await tally.attempt(() =>
          funding.record(
            random() < 0.5
              ? {
                  source: pick(Object.values(FundingSource)),
                  amountFen: int(1, 5_000_000),
                  receivedOn: addDays(DAY, -int(0, 600)),
                  partyOrganizationId: pick(writes.branches).id,
                }
              : {
                  source: pick(Object.values(FundingSource)),
                  amountFen: int(1, 5_000_000),
                  receivedOn: addDays(DAY, -int(0, 600)),
                  socialOrganizationId: pick(writes.orgs).id,
                  project: '项目',
                },
            admin,
          ),
        );
      } else if (roll < 0.97) await writes.changeBranch(n);
      else await writes.moveOrganization();
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
    // and Party members marked with each work role, so the role figures compared above were not all 0
    // and Party members talked with in both years compared, not all of them
    for (const year of [Number(DAY.slice(0, 4)), Number(DAY.slice(0, 4)) - 1]) {
      const talks = await test.app.services.talkStats.snapshot(null, year, admin);
      expect(talks.talkedWith).toBeGreaterThan(0);
      expect(talks.talkedWith).toBeLessThan(talks.members);
    }
    // talkStatsByRegion: one row per province, each the province's own figure
    const talksByRegion = await test.app.services.talkStats.byRegion(null, null, admin);
    expect(talksByRegion.map((r) => r.region?.code)).toEqual(['110000', '330000', '440000']);
    for (const { region, version: _v, updatedAt: _u, ...figure } of talksByRegion)
      expect(figure).toEqual(
        await oracleTalkStats(test.app.dataSource, region!.code, Number(DAY.slice(0, 4))),
      );
    // and grades of every kind in the two years compared, so the appraisal figures were not all 0
    const years = [Number(DAY.slice(0, 4)), Number(DAY.slice(0, 4)) - 1];
    const graded = await Promise.all(
      years.map((y) => test.app.services.appraisalStats.snapshot(null, y, admin)),
    );
    for (const [i, { grade }] of graded[0]!.byGrade.entries())
      expect([grade, graded.some((g) => g.byGrade[i]!.members > 0)]).toEqual([grade, true]);
    // appraisalStatsByRegion likewise, each province's own figure of this year
    const appraisalsByRegion = await test.app.services.appraisalStats.byRegion(null, null, admin);
    expect(appraisalsByRegion.map((r) => r.region?.code)).toEqual(['110000', '330000', '440000']);
    for (const { region, version: _v, updatedAt: _u, year: _y, ...figure } of appraisalsByRegion)
      expect(figure).toEqual(
        await oracleAppraisalStats(test.app.dataSource, region!.code, Number(DAY.slice(0, 4))),
      );
    const national = await test.app.services.memberStats.snapshot(null, admin);
    expect(national.businessBackbone).toBeGreaterThan(0);
    expect(national.management).toBeGreaterThan(0);
    // and training: people meeting their minimum and people short of it, members and staff
    const training = await trainingStats.snapshot(null, null, admin);
    expect(training.membersMeetingMinimum).toBeGreaterThan(0);
    expect(training.membersMeetingMinimum).toBeLessThan(training.members);
    expect(training.staffMeetingMinimum).toBeGreaterThan(0);
    expect(training.staffMeetingMinimum).toBeLessThan(training.staff);
    // and activities naming each purpose in the quarter compared
    const purposes = await activityStats.snapshot(null, QUARTERS[0], admin);
    for (const { purpose, count } of purposes.byPurpose)
      expect([purpose, count > 0]).toEqual([purpose, true]);
    const previous = await activityStats.snapshot(null, QUARTERS[1], admin);
    expect(previous.compliantBranches).toBeGreaterThan(0);
    expect(previous.compliantBranches).toBeLessThan(previous.branches);

    // activityStatsByRegion: one row per province, each the province's own figure
    const byRegion = await activityStats.byRegion(null, QUARTERS[1], admin);
    for (const row of byRegion) {
      const { region, quarter: _q, version: _v, updatedAt: _u, ...figure } = row;
      expect(figure).toEqual(
        await oracleActivityStats(test.app.dataSource, region!.code, QUARTERS[1] as string, DAY),
      );
    }
    expect(byRegion.map((r) => r.region?.code)).toEqual(['110000', '330000', '440000']);
    // a municipality's children are its districts, as the region list has them (no 110100 level)
    const beijing = await activityStats.byRegion('110000', QUARTERS[1], admin);
    expect(beijing.map((r) => r.region?.code)).toEqual(
      COUNTIES.filter((county) => county.startsWith('11')).sort(),
    );
    for (const row of beijing) {
      const { region, quarter: _q, version: _v, updatedAt: _u, ...figure } = row;
      expect(figure).toEqual(
        await oracleActivityStats(test.app.dataSource, region!.code, QUARTERS[1] as string, DAY),
      );
    }
  });
});
