import {
  addDays,
  addMonths,
  isUserError,
  quarterOf,
  quarterRange,
  regionLikePattern,
  seededRandom,
  today,
  Viewer,
} from '@pb/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterlyFloors } from '../activity/activity.service.js';
import { ActivityMode, type ActivityStats, ActivityType } from '../activity/activity.type.js';
import { FundingSource } from '../funding/funding.type.js';
import type { PartyOrganizationSnapshot } from '../organization-replica/organization-replica.service.js';
import { MemberStage, MembershipEnd, STAGE_ORDER } from '../party-member/party-member.type.js';
import { startTestApp, type TestApp } from '../test-support.js';

/**
 * The statistics oracle: after a seeded random sequence of mutations (members and their development,
 * activities and corrections, funding, and organization events out of order and duplicated), every
 * figure equals an independent recomputation from the raw rows. The oracle derives what the service
 * keeps denormalized: a member's stage and status from the history, regions from the replicas,
 * the latest version of an activity from the correction links, the quarter from the time held.
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

async function oracleActivityStats(scope: string | null, quarter: string) {
  const q = test.app.dataSource;
  const latest = 'NOT EXISTS (SELECT 1 FROM activity c WHERE c.corrects_id = a.id)';
  const heldQuarter = "CONCAT(YEAR(a.held_at + INTERVAL 8 HOUR), 'Q', QUARTER(a.held_at + INTERVAL 8 HOUR))";
  const inScope = scope ? 'AND b.region_code LIKE ?' : '';
  const params = scope ? [regionLikePattern(scope)] : [];
  const activities = (await q.query(
    `SELECT a.type, a.mode, a.present, a.online, a.expected, a.excused,
            DATE_FORMAT(a.held_at + INTERVAL 8 HOUR, '%Y-%m-%d') AS held_on FROM activity a
     JOIN party_organization_replica b ON b.id = a.branch_id
     WHERE ${latest} AND ${heldQuarter} = ? ${inScope}`,
    [quarter, ...params],
  )) as Array<Record<string, string | number>>;
  const { from, to } = quarterRange(quarter);
  const branches = (await q.query(
    `SELECT b.id, b.has_committee FROM party_organization_replica b
     WHERE b.type = 'BRANCH' AND b.established_at <= ? AND (b.dissolved_at IS NULL OR b.dissolved_at >= ?) ${inScope}`,
    [to, from, ...params],
  )) as Array<{ id: string; has_committee: number }>;
  let required = 0;
  let met = 0;
  let compliant = 0;
  for (const branch of branches) {
    let ok = true;
    for (const [type, floor] of quarterlyFloors(Boolean(branch.has_committee))) {
      const [row] = await q.query(
        `SELECT COUNT(*) AS n FROM activity a WHERE a.branch_id = ? AND a.type = ? AND ${latest} AND ${heldQuarter} = ?`,
        [branch.id, type, quarter],
      );
      const held = Number(row.n);
      required += floor;
      met += Math.min(held, floor);
      if (held < floor) ok = false;
    }
    if (ok) compliant += 1;
  }
  const attended = activities.reduce((s, a) => s + Number(a.present) + Number(a.online), 0);
  const due = activities.reduce((s, a) => s + Number(a.expected) - Number(a.excused), 0);
  const online = activities.filter((a) => a.mode !== 'OFFLINE').length;
  // weeks by counting days back to a Monday (1970-01-05 was one), every week of the quarter begun so far
  const monday = (day: string) =>
    addDays(day, -(((Date.parse(day) - Date.parse('1970-01-05')) / 86_400_000) % 7));
  const byWeek = [];
  for (let week = monday(from); week <= monday(to < DAY ? to : DAY); week = addDays(week, 7)) {
    const held = activities.filter((a) => monday(String(a.held_on)) === week);
    const heldOnline = held.filter((a) => a.mode !== 'OFFLINE').length;
    byWeek.push({
      week,
      activities: held.length,
      online: heldOnline,
      onlineShare: held.length ? heldOnline / held.length : 0,
    });
  }
  return {
    activities: activities.length,
    byType: Object.values(ActivityType).map((type) => ({
      type,
      count: activities.filter((a) => a.type === type).length,
    })),
    onlineActivities: online,
    onlineShare: activities.length ? online / activities.length : 0,
    byWeek,
    attended,
    due,
    attendanceRate: due ? attended / due : 0,
    branches: branches.length,
    compliantBranches: compliant,
    requiredHeld: met,
    required,
    complianceRate: required ? met / required : 0,
  };
}

async function oracleMemberStats(scope: string | null) {
  // stage and status from the last history entry of each member; region from the organization replica
  const rows = (await test.app.dataSource.query(
    `SELECT s.to_stage AS stage, s.kind FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id
     JOIN organization_replica o ON o.id = m.social_organization_id
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [regionLikePattern(scope)] : [],
  )) as Array<{ stage: string; kind: string }>;
  const active = rows.filter((r) => !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind));
  const year = DAY.slice(0, 4);
  const changes = (await test.app.dataSource.query(
    `SELECT to_stage FROM stage_change WHERE kind = 'ADVANCED' AND LEFT(effective_on, 4) = ? ${scope ? 'AND region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  )) as Array<{ to_stage: string }>;
  return {
    fullMembers: active.filter((r) => r.stage === 'FULL').length,
    probationaryMembers: active.filter((r) => r.stage === 'PROBATIONARY').length,
    byStage: STAGE_ORDER.map((stage) => ({ stage, count: active.filter((r) => r.stage === stage).length })),
    developedThisYear: changes.filter((c) => c.to_stage === 'PROBATIONARY').length,
    convertedThisYear: changes.filter((c) => c.to_stage === 'FULL').length,
  };
}

async function oracleFundingStats(scope: string | null, year: number) {
  const rows = (await test.app.dataSource.query(
    `SELECT f.source, f.amount_fen, MONTH(f.received_on) AS month, COALESCE(p.region_code, o.region_code) AS region FROM funding_record f
     LEFT JOIN party_organization_replica p ON p.id = f.party_organization_id
     LEFT JOIN organization_replica o ON o.id = f.social_organization_id
     WHERE YEAR(f.received_on) = ?`,
    [year],
  )) as Array<{ source: string; amount_fen: string; month: number; region: string }>;
  const inScope = rows.filter((r) => !scope || r.region.startsWith(regionLikePattern(scope).slice(0, -1)));
  const sum = (list: typeof inScope) => list.reduce((s, r) => s + BigInt(r.amount_fen), 0n).toString();
  return {
    records: inScope.length,
    totalFen: sum(inScope),
    bySource: Object.values(FundingSource).map((source) => {
      const list = inScope.filter((r) => r.source === source);
      return { source, records: list.length, amountFen: sum(list) };
    }),
    byQuarter: [1, 2, 3, 4].map((quarter) => ({
      quarter: `${year}Q${quarter}`,
      amountFen: sum(inScope.filter((r) => Math.ceil(Number(r.month) / 3) === quarter)),
    })),
  };
}

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
        ...(await oracleActivityStats(scope, quarter)),
      });
    }
    const {
      region: _r,
      version: _v,
      updatedAt: _u,
      year: _y,
      ...members
    } = await memberStats.snapshot(scope, admin);
    expect({ scope, ...members }).toEqual({ scope, ...(await oracleMemberStats(scope)) });
    for (const year of [Number(DAY.slice(0, 4)), Number(DAY.slice(0, 4)) - 1]) {
      const { region: _fr, year: _fy, ...money } = await funding.stats(scope, year, admin);
      expect({ scope, year, ...money }).toEqual({ scope, year, ...(await oracleFundingStats(scope, year)) });
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
    let accepted = 0;
    let refused = 0;
    const attempt = async (mutation: () => Promise<unknown>) => {
      try {
        await mutation();
        accepted += 1;
      } catch (error) {
        if (!isUserError(error)) throw error;
        refused += 1;
      }
    };

    for (let n = 1; n <= MUTATIONS; n++) {
      const roll = random();
      if (roll < 0.2 || memberIds.length < 5) {
        await attempt(async () => {
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
        await attempt(async () => {
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
        await attempt(() =>
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
        await attempt(() =>
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
        await attempt(() =>
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
        await attempt(async () => {
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
        await attempt(() =>
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
        accepted += 1;
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
        accepted += 1;
      }
      if (n % 400 === 0) await expectFiguresMatch([null, '330000'], [QUARTERS[0] as string]);
    }
    expect(accepted + refused).toBe(MUTATIONS);
    // a sequence that mostly failed would prove little
    expect(accepted).toBeGreaterThan(MUTATIONS * 0.5);
    await expectFiguresMatch(SCOPES, QUARTERS);
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
      expect(figure).toEqual(await oracleActivityStats(region!.code, QUARTERS[1] as string));
    }
    expect(byRegion.map((r) => r.region?.code)).toEqual(['110000', '330000', '440000']);
  });
});
