import { demoUscc, seededRandom } from '@pb/demo-data';
import { addDays, addMonths, quarterOf, today } from '@pb/platform/calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthsEnding } from '../services/organization/src/coverage/coverage.rules.js';
import {
  oracleCounts,
  oracleMonths,
} from '../services/organization/src/coverage/coverage-oracle.test-helper.js';
import { withIdCheck } from '../services/party-work/src/personal-data/personal-data.cipher.js';
import {
  oracleActivityStats,
  oracleAppraisalStats,
  oracleFundingStats,
  oracleMemberStats,
  oracleTalkStats,
} from '../services/party-work/src/statistics/statistics-oracle.test-helper.js';
import { oracleTrainingStats } from '../services/party-work/src/statistics/training-oracle.test-helper.js';
import { type Database, databaseOf, EventDuplicator, waitForDrain } from './utils/event-streams.js';
import { subscribe } from './utils/subscriptions.js';
import { type System, startSystem } from './utils/system.js';

/**
 * The truth test: two replicas of each subgraph, several clients writing at random through the gateway,
 * a replica of each subgraph killed and restarted, Redis stopped and restarted, every event delivered
 * twice and all of them replayed at the end. Once nothing is in flight, every statistic of the nation,
 * every province and a sample of cities equals its recomputation from the raw rows, and what one
 * subgraph keeps of the other's data equals the other's. `TRUTH_SEED=n` replays a run.
 */

const SEED = Number(process.env.TRUTH_SEED ?? Math.floor(Math.random() * 1e9));
const CLIENTS = 6;
const LOAD_MS = 24_000;
/** Counties new organizations are registered in, besides the seeded ones' (two cities of one province). */
const COUNTIES = ['330106', '330108', '330212', '440305', '110108', '510104'];
const COVERAGE_SYNC_DAYS = 30;

type Result<T> = { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

let system: System;
let organizationDb: Database;
let partyWorkDb: Database;

beforeAll(async () => {
  console.log(`truth test seed ${SEED} (TRUTH_SEED=${SEED} reproduces the operations)`);
  system = await startSystem({ organizations: 30, replicas: 2, ownRedis: true });
  organizationDb = databaseOf(system, system.organizationDatabase);
  partyWorkDb = databaseOf(system, system.partyWorkDatabase);
});
afterAll(async () => {
  await organizationDb?.end();
  await partyWorkDb?.end();
  await system?.stopAll();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function registerIn(regionCode: string, random: () => number): Promise<string> {
  const result = await system.graphql<{ registerSocialOrganization: { id: string } }>(
    'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }',
    {
      input: {
        uscc: demoUscc(random, '1', regionCode),
        name: `真值测试协会${Math.floor(random() * 1e9)}`,
        type: 'SOCIAL_ASSOCIATION',
        regionCode,
        registeredAt: addDays(today(), -Math.floor(random() * 400)),
        registrationAuthority: '民政局',
        staffCount: 5,
      },
    },
    { role: 'operator' },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.registerSocialOrganization.id;
}

describe('live figures by region', () => {
  it('sends a region subscriber the changes of every region below it and nothing else, within the viewer region', async () => {
    const random = seededRandom(SEED + 1);
    const zhejiang = await system.token('analyst', '330000');
    const query = (region: string | null) =>
      `subscription { coverageStatsChanged${region ? `(regionCode: "${region}")` : ''} { version region { code } organizations } }`;
    type Changed = {
      coverageStatsChanged: { version: string; region: { code: string }; organizations: number };
    };
    const hangzhou = subscribe<Changed>(system.gatewayWsUrl, zhejiang, query('330100'));
    const own = subscribe<Changed>(system.gatewayWsUrl, zhejiang, query(null));
    const outside = subscribe<Changed>(system.gatewayWsUrl, zhejiang, query('440000'));
    try {
      await Promise.all([hangzhou.ready, own.ready, outside.ready]);
      await sleep(500);

      await registerIn('330212', random); // Ningbo: in the viewer's province, not in Hangzhou
      const ningbo = await own.next(5000);
      expect(ningbo.coverageStatsChanged.region.code).toBe('330000');
      await registerIn('330106', random); // a county of Hangzhou
      const inHangzhou = await hangzhou.next(5000);
      expect(inHangzhou.coverageStatsChanged.region.code).toBe('330100');
      expect((await own.next(5000)).coverageStatsChanged.region.code).toBe('330000');
      await registerIn('440305', random); // Shenzhen: outside the viewer's region
      await sleep(1000);
      // Hangzhou's subscriber heard Hangzhou only; nobody in Zhejiang heard Shenzhen
      expect(hangzhou.events).toEqual([]);
      expect(own.events).toEqual([]);
      expect(outside.events).toEqual([]);
      expect(JSON.stringify(outside.errors)).toContain('FORBIDDEN');
    } finally {
      await Promise.all([hangzhou.close(), own.close(), outside.close()]);
    }
  }, 30_000);

  it('gives a subscriber that reconnects a snapshot at least as new as the last figure it saw', async () => {
    const random = seededRandom(SEED + 2);
    const wall = await system.token('wall');
    const quarter = quarterOf(today());
    type Seen = {
      coverageStatsChanged?: { version: string };
      activityStatsChanged?: { version: string };
    };
    const coverage = subscribe<Seen>(
      system.gatewayWsUrl,
      wall,
      'subscription { coverageStatsChanged { version } }',
    );
    const activity = subscribe<Seen>(
      system.gatewayWsUrl,
      wall,
      `subscription { activityStatsChanged(quarter: "${quarter}") { version } }`,
    );
    await Promise.all([coverage.ready, activity.ready]);
    await sleep(500);
    const [branch] = (await partyWorkDb.query(
      "SELECT id FROM party_organization_replica WHERE type = 'BRANCH' AND dissolved_at IS NULL LIMIT 1",
    )) as Array<{ id: string }>;
    for (let i = 0; i < 3; i++) {
      await registerIn(COUNTIES[i]!, random);
      const recorded = await recordActivity(branch!.id, null, random);
      expect(recorded.errors).toBeUndefined();
    }
    let lastCoverage = 0;
    let lastActivity = 0;
    for (let i = 0; i < 3; i++) {
      lastCoverage = Math.max(
        lastCoverage,
        Number((await coverage.next(5000)).coverageStatsChanged!.version),
      );
      lastActivity = Math.max(
        lastActivity,
        Number((await activity.next(5000)).activityStatsChanged!.version),
      );
    }
    await sleep(300);
    for (const e of coverage.events)
      lastCoverage = Math.max(lastCoverage, Number(e.coverageStatsChanged!.version));
    for (const e of activity.events)
      lastActivity = Math.max(lastActivity, Number(e.activityStatsChanged!.version));
    await Promise.all([coverage.close(), activity.close()]);

    // a replica the subscriptions may have been on restarts meanwhile (a deploy); the wall reconnects
    await system.restart('organization-1');
    const snapshot = await system.graphql<{
      coverageStats: { version: string };
      activityStats: { version: string };
    }>(`{ coverageStats { version } activityStats(quarter: "${quarter}") { version } }`, {}, { token: wall });
    expect(snapshot.errors).toBeUndefined();
    expect(lastCoverage).toBeGreaterThan(0);
    expect(Number(snapshot.data!.coverageStats.version)).toBeGreaterThanOrEqual(lastCoverage);
    expect(Number(snapshot.data!.activityStats.version)).toBeGreaterThanOrEqual(lastActivity);
  }, 60_000);
});

function recordActivity(branchId: string, correctsId: string | null, random: () => number) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const modes = ['OFFLINE', 'ONLINE', 'HYBRID'] as const;
  const types = [
    'GENERAL_MEETING',
    'COMMITTEE_MEETING',
    'GROUP_MEETING',
    'PARTY_LECTURE',
    'THEMED_PARTY_DAY',
    'ORGANIZATIONAL_LIFE_MEETING',
  ];
  const mode = modes[int(0, 2)]!;
  const expected = int(0, 30);
  const excused = int(0, Math.floor(expected / 4));
  const absent = int(0, expected - excused);
  const attending = expected - excused - absent;
  const online = mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : int(0, attending);
  return system.graphql<{ recordActivity: { id: string } }>(
    'mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }',
    {
      input: {
        branchId,
        type: types[int(0, types.length - 1)],
        mode,
        title: `真值活动${int(0, 1e6)}`,
        heldAt: new Date(Date.now() - int(1, 25 * 24) * 3600_000).toISOString(),
        expected,
        present: attending - online,
        online,
        excused,
        absent,
        correctsId,
      },
    },
    { role: 'operator' },
  );
}

/** What the clients know of the data, shared between them (a stale view only makes a write refused). */
interface World {
  organizations: Array<{ id: string; regionCode: string; active: boolean; partyId: string | null }>;
  parties: Array<{ id: string; regionCode: string; mode: string; type: string; active: boolean }>;
  members: Array<{ id: string; stage: string; organizationId: string; active: boolean }>;
  activities: Array<{ id: string; branchId: string }>;
  measures: string[];
  appointments: string[];
  /** Rows of organization files imported, with the id each became (imported again to change them). */
  imported: Array<{ id: string; row: string[] }>;
}

/** The columns of the organization files the clients import. */
const ORGANIZATION_FILE = [
  'uscc',
  'name',
  'type',
  'regionCode',
  'registeredAt',
  'registrationAuthority',
  'staffCount',
];

/** A CSV upload for the import mutations. */
function csvFile(fileName: string, header: string[], rows: Array<Array<string | number>>) {
  const text = [header, ...rows].map((row) => row.join(',')).join('\r\n');
  return { fileName, contentBase64: Buffer.from(`\uFEFF${text}\r\n`).toString('base64') };
}

/** Server errors the writes met, with when they were sent (to set beside the faults' times). */
const internalErrors: string[] = [];

const STAGES = ['APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY', 'FULL'];

async function loadWorld(): Promise<World> {
  const organizations = (await organizationDb.query(
    'SELECT id, region_code, status, party_organization_id FROM social_organization ORDER BY seq',
  )) as Array<Record<string, string | null>>;
  const parties = (await organizationDb.query(
    'SELECT id, region_code, formation_mode, type, dissolved_at FROM party_organization ORDER BY seq',
  )) as Array<Record<string, string | null>>;
  const members = (await partyWorkDb.query(
    'SELECT id, stage, social_organization_id, status FROM party_member ORDER BY id',
  )) as Array<Record<string, string>>;
  return {
    organizations: organizations.map((o) => ({
      id: o.id!,
      regionCode: o.region_code!,
      active: o.status === 'ACTIVE',
      partyId: o.party_organization_id ?? null,
    })),
    parties: parties.map((p) => ({
      id: p.id!,
      regionCode: p.region_code!,
      mode: p.formation_mode!,
      type: p.type!,
      active: p.dissolved_at === null,
    })),
    members: members.map((m) => ({
      id: m.id!,
      stage: m.stage!,
      organizationId: m.social_organization_id!,
      active: m.status === 'ACTIVE',
    })),
    activities: [],
    measures: [],
    appointments: [],
    imported: [],
  };
}

/** One client: random writes through the gateway until `until`; tallies outcomes by error code. */
async function client(
  world: World,
  random: () => number,
  until: number,
  tally: Map<string, number>,
  latencies: number[],
) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const day = today();
  const ago = (max: number) => addDays(day, -int(0, max));
  const activeOrganization = () => pick(world.organizations.filter((o) => o.active));
  const activeParty = (filter: (p: World['parties'][number]) => boolean = () => true) =>
    pick(world.parties.filter((p) => p.active && filter(p)));
  const run = async <T>(name: string, query: string, variables: Record<string, unknown>) => {
    let result: Result<T>;
    const sent = Date.now();
    try {
      result = await system.graphql<T>(query, variables, { role: 'operator' });
    } catch {
      tally.set('network', (tally.get('network') ?? 0) + 1);
      return undefined;
    }
    outcome(name, sent, result);
    return result.data ?? undefined;
  };
  const outcome = (name: string, sent: number, result: Result<unknown>) => {
    latencies.push(Date.now() - sent);
    const code = result.errors ? String(result.errors[0]?.extensions?.code ?? 'NO_CODE') : 'ok';
    tally.set(code, (tally.get(code) ?? 0) + 1);
    if (code === 'INTERNAL_SERVER_ERROR') {
      tally.set(`internal:${name}`, (tally.get(`internal:${name}`) ?? 0) + 1);
      internalErrors.push(`${new Date(sent).toISOString()} ${name}: ${JSON.stringify(result.errors)}`);
    }
  };

  const operations: Array<[number, () => Promise<unknown>]> = [
    [
      6,
      async () => {
        const regionCode = pick([...COUNTIES, ...world.organizations.map((o) => o.regionCode)])!;
        const data = await run<{ registerSocialOrganization: { id: string } }>(
          'register',
          'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }',
          {
            input: {
              uscc: demoUscc(random, '1', regionCode),
              name: `真值协会${int(0, 1e9)}`,
              type: pick(['SOCIAL_ASSOCIATION', 'FOUNDATION', 'SOCIAL_SERVICE_ORGANIZATION']),
              regionCode,
              registeredAt: ago(420),
              registrationAuthority: '民政局',
              staffCount: int(0, 50),
              charterClause: pick(['FULL_LEADERSHIP', 'BASIC', 'PENDING', 'MISSING']),
            },
          },
        );
        if (data)
          world.organizations.push({
            id: data.registerSocialOrganization.id,
            regionCode,
            active: true,
            partyId: null,
          });
      },
    ],
    [
      2,
      async () => {
        const o = activeOrganization();
        if (o)
          await run(
            'update',
            'mutation ($input: UpdateSocialOrganizationInput!) { updateSocialOrganization(input: $input) { id } }',
            {
              input: { id: o.id, effectiveOn: day, staffCount: int(0, 80) },
            },
          );
      },
    ],
    [
      1,
      async () => {
        const o = activeOrganization();
        if (!o) return;
        const mutation = random() < 0.5 ? 'deregisterSocialOrganization' : 'revokeSocialOrganization';
        if (
          await run('end', `mutation ($id: ID!, $on: String!) { ${mutation}(id: $id, on: $on) { id } }`, {
            id: o.id,
            on: day,
          })
        ) {
          o.active = false;
          o.partyId = null;
        }
      },
    ],
    [
      3,
      async () => {
        const o = activeOrganization();
        if (o)
          await run(
            'charter',
            'mutation ($id: ID!, $clause: CharterClause!, $on: String!) { setCharterClause(socialOrganizationId: $id, clause: $clause, changedOn: $on) { id } }',
            { id: o.id, clause: pick(['FULL_LEADERSHIP', 'BASIC', 'PENDING', 'MISSING']), on: day },
          );
      },
    ],
    [
      5,
      async () => {
        const first = pick(world.organizations.filter((o) => o.active && !o.partyId));
        if (!first) return;
        const joint = random() < 0.35;
        const covered = joint
          ? [
              first,
              ...world.organizations
                .filter((o) => o.active && !o.partyId && o !== first && o.regionCode === first.regionCode)
                .slice(0, int(0, 2)),
            ]
          : [first];
        const data = await run<{ establishPartyOrganization: { id: string } }>(
          'establish',
          'mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id } }',
          {
            input: {
              name: `真值党支部${int(0, 1e9)}`,
              type: random() < 0.9 ? 'BRANCH' : 'GENERAL_BRANCH',
              formationMode: joint ? 'JOINT' : 'STANDALONE',
              regionCode: first.regionCode,
              establishedAt: random() < 0.7 ? day : ago(60),
              hasCommittee: random() < 0.4,
              coveredOrganizationIds: covered.map((o) => o.id),
            },
          },
        );
        if (!data) return;
        const id = data.establishPartyOrganization.id;
        world.parties.push({
          id,
          regionCode: first.regionCode,
          mode: joint ? 'JOINT' : 'STANDALONE',
          type: 'BRANCH',
          active: true,
        });
        for (const o of covered) o.partyId = id;
      },
    ],
    [
      3,
      async () => {
        const party = activeParty((p) => p.mode === 'JOINT');
        const o =
          party &&
          pick(
            world.organizations.filter(
              (x) => x.active && !x.partyId && x.regionCode.startsWith(party.regionCode.replace(/0+$/, '')),
            ),
          );
        if (!party || !o) return;
        if (
          await run(
            'cover',
            'mutation ($p: ID!, $o: ID!, $since: String!) { coverSocialOrganization(partyOrganizationId: $p, socialOrganizationId: $o, since: $since) { id } }',
            { p: party.id, o: o.id, since: day },
          )
        )
          o.partyId = party.id;
      },
    ],
    [
      2,
      async () => {
        const o = pick(world.organizations.filter((x) => x.active && x.partyId));
        if (!o) return;
        if (
          await run(
            'uncover',
            'mutation ($o: ID!, $until: String!) { uncoverSocialOrganization(socialOrganizationId: $o, until: $until) { id } }',
            {
              o: o.id,
              until: day,
            },
          )
        )
          o.partyId = null;
      },
    ],
    [
      1,
      async () => {
        const party = activeParty();
        if (!party) return;
        if (
          await run(
            'dissolve',
            'mutation ($id: ID!, $on: String!) { dissolvePartyOrganization(id: $id, dissolvedAt: $on) { id } }',
            { id: party.id, on: day },
          )
        ) {
          party.active = false;
          for (const o of world.organizations) if (o.partyId === party.id) o.partyId = null;
        }
      },
    ],
    [
      2,
      async () => {
        const party = activeParty();
        if (party)
          await run(
            'updateParty',
            'mutation ($input: UpdatePartyOrganizationInput!) { updatePartyOrganization(input: $input) { id } }',
            {
              input: { id: party.id, hasCommittee: random() < 0.5 },
            },
          );
      },
    ],
    [
      3,
      async () => {
        const o = activeOrganization();
        if (!o) return;
        const data = await run<{ addWorkCoverage: { id: string } }>(
          'addWorkCoverage',
          'mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id } }',
          {
            input: {
              socialOrganizationId: o.id,
              kind: pick(['INSTRUCTOR', 'LIAISON', 'UNION', 'YOUTH_LEAGUE']),
              personName: '王指导',
              since: ago(90),
              ...(random() < 0.2 ? { until: day } : {}),
            },
          },
        );
        if (data) world.measures.push(data.addWorkCoverage.id);
      },
    ],
    [
      1,
      async () => {
        const id = pick(world.measures);
        if (id)
          await run(
            'endWorkCoverage',
            'mutation ($id: ID!, $until: String!) { endWorkCoverage(id: $id, until: $until) { id } }',
            { id, until: day },
          );
      },
    ],
    [
      2,
      async () => {
        const o = pick(world.organizations.filter((x) => x.active && x.partyId)) ?? activeOrganization();
        if (!o) return;
        const data = await run<{ appointCrossPost: { id: string } }>(
          'appointCrossPost',
          'mutation ($input: AppointCrossPostInput!) { appointCrossPost(input: $input) { id } }',
          {
            input: {
              socialOrganizationId: o.id,
              personName: '李交叉',
              partyPost: '书记',
              managementPost: '会长',
              direction: pick(['PARTY_TO_MANAGEMENT', 'MANAGEMENT_TO_PARTY']),
              since: ago(30),
            },
          },
        );
        if (data) world.appointments.push(data.appointCrossPost.id);
      },
    ],
    [
      1,
      async () => {
        const id = pick(world.appointments);
        if (id)
          await run(
            'endCrossAppointment',
            'mutation ($id: ID!, $until: String!) { endCrossAppointment(id: $id, until: $until) { id } }',
            { id, until: day },
          );
      },
    ],
    [
      9,
      async () => {
        const o = activeOrganization();
        if (!o) return;
        const stage = pick(STAGES)!;
        const branch =
          o.partyId ?? (random() < 0.5 ? activeParty((p) => p.type === 'BRANCH')?.id : undefined);
        const data = await run<{ addPartyMember: { id: string } }>(
          'addPartyMember',
          'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
          {
            input: {
              name: `党员${int(0, 1e6)}`,
              socialOrganizationId: o.id,
              stage,
              stageSince: ago(1000),
              ...(branch ? { branchId: branch } : {}),
            },
          },
        );
        if (data)
          world.members.push({ id: data.addPartyMember.id, stage, organizationId: o.id, active: true });
      },
    ],
    [
      7,
      async () => {
        const m = pick(world.members.filter((x) => x.active && x.stage !== 'FULL'));
        if (!m) return;
        const next = STAGES[STAGES.indexOf(m.stage) + 1]!;
        if (
          await run(
            'advancePartyMember',
            'mutation ($input: AdvancePartyMemberInput!) { advancePartyMember(input: $input) { id } }',
            {
              input: {
                memberId: m.id,
                stage: next,
                effectiveOn: day,
                approvedBy: '支部党员大会',
                introducers: ['张伟', '李娜'],
                politicalReviewPassed: true,
              },
            },
          )
        )
          m.stage = next;
      },
    ],
    [
      2,
      async () => {
        const m = pick(world.members.filter((x) => x.active));
        if (!m) return;
        if (
          await run(
            'endPartyMembership',
            'mutation ($input: EndMembershipInput!) { endPartyMembership(input: $input) { id } }',
            {
              input: {
                memberId: m.id,
                reason: pick(['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED']),
                effectiveOn: day,
                approvedBy: '支部委员会',
              },
            },
          )
        )
          m.active = false;
      },
    ],
    [
      2,
      async () => {
        const m = pick(world.members.filter((x) => x.active));
        const o = activeOrganization();
        if (!m || !o) return;
        if (
          await run(
            'transferPartyMember',
            'mutation ($input: TransferPartyMemberInput!) { transferPartyMember(input: $input) { id } }',
            {
              input: {
                memberId: m.id,
                socialOrganizationId: o.id,
                ...(o.partyId ? { branchId: o.partyId } : {}),
                effectiveOn: day,
                approvedBy: '上级党委',
              },
            },
          )
        )
          m.organizationId = o.id;
      },
    ],
    [
      3,
      async () => {
        // 谈心谈话 with one to three members, while others change and their organizations move
        const participants = [...new Set(Array.from({ length: int(1, 3) }, () => pick(world.members)?.id))];
        if (participants.some((id) => !id)) return;
        await run('recordTalk', 'mutation ($input: RecordTalkInput!) { recordTalk(input: $input) { id } }', {
          input: { heldOn: ago(500), topic: '谈心谈话', talker: '支部书记', participantIds: participants },
        });
      },
    ],
    [
      14,
      async () => {
        const correction = random() < 0.2 ? pick(world.activities) : undefined;
        const branchId = correction?.branchId ?? activeParty((p) => p.type === 'BRANCH')?.id;
        if (!branchId) return;
        let result: Result<{ recordActivity: { id: string } }>;
        const sent = Date.now();
        try {
          result = await recordActivity(branchId, correction?.id ?? null, random);
        } catch {
          tally.set('network', (tally.get('network') ?? 0) + 1);
          return;
        }
        outcome('recordActivity', sent, result);
        if (result.data) world.activities.push({ id: result.data.recordActivity.id, branchId });
      },
    ],
    [
      4,
      async () => {
        const party = random() < 0.5 ? activeParty() : undefined;
        const o = party ? undefined : activeOrganization();
        await run(
          'recordFunding',
          'mutation ($input: RecordFundingInput!) { recordFunding(input: $input) { id } }',
          {
            input: {
              source: pick([
                'DUES_ALLOCATION',
                'SOCIAL_CONSTRUCTION_FUND',
                'REWARD_IN_LIEU',
                'PROJECT',
                'FISCAL_SPECIAL',
                'SELF_RAISED',
              ]),
              amountFen: int(1, 5_000_000),
              receivedOn: ago(400),
              ...(party
                ? { partyOrganizationId: party.id }
                : { socialOrganizationId: o?.id, project: '项目' }),
            },
          },
        );
      },
    ],
    [
      3,
      async () => {
        // organizations from a file: new ones, and now and then one imported before with a new staff count
        const tag = `真值导入${int(0, 1e9)}-`;
        const rows: string[][] = Array.from({ length: int(1, 3) }, (_, i) => {
          const regionCode = pick([...COUNTIES, ...world.organizations.map((o) => o.regionCode)])!;
          return [
            demoUscc(random, '1', regionCode),
            `${tag}${i}`,
            pick(['SOCIAL_ASSOCIATION', 'FOUNDATION', 'SOCIAL_SERVICE_ORGANIZATION'])!,
            regionCode,
            ago(420),
            '民政局',
            String(int(0, 50)),
          ];
        });
        const again = random() < 0.4 ? pick(world.imported) : undefined;
        if (again) rows.push([...again.row.slice(0, 6), String(int(51, 99))]);
        const data = await run<{ importSocialOrganizations: { imported: number } }>(
          'importSocialOrganizations',
          'mutation ($file: ImportFileInput!) { importSocialOrganizations(file: $file) { imported } }',
          { file: csvFile('organizations.csv', ORGANIZATION_FILE, rows) },
        );
        if (!data) return;
        const found = await run<{
          socialOrganizations: { edges: Array<{ node: { id: string; uscc: string } }> };
        }>(
          'importedOrganizations',
          'query ($tag: String!) { socialOrganizations(first: 10, filter: { nameContains: $tag }) { edges { node { id uscc } } } }',
          { tag },
        );
        for (const { node } of found?.socialOrganizations.edges ?? []) {
          const row = rows.find((r) => r[0] === node.uscc)!;
          world.imported.push({ id: node.id, row });
          world.organizations.push({ id: node.id, regionCode: row[3]!, active: true, partyId: null });
        }
      },
    ],
    [
      3,
      async () => {
        // members from a file, half the time into organizations imported from a file
        const fromFile = world.imported.filter((i) => world.organizations.find((o) => o.id === i.id)?.active);
        const tag = `导入党员${int(0, 1e9)}-`;
        const rows = Array.from({ length: int(1, 3) }, (_, i) => {
          const o =
            (random() < 0.5 ? world.organizations.find((x) => x.id === pick(fromFile)?.id) : undefined) ??
            activeOrganization();
          const birth = `19${int(50, 99)}0${int(1, 9)}${10 + int(0, 18)}`;
          return {
            name: `${tag}${i}`,
            organizationId: o?.id ?? '',
            stage: pick(STAGES)!,
            idNumber: withIdCheck(`${o?.regionCode ?? '330106'}${birth}${int(100, 999)}`),
          };
        });
        const data = await run<{ importPartyMembers: { imported: number } }>(
          'importPartyMembers',
          'mutation ($file: ImportFileInput!) { importPartyMembers(file: $file) { imported } }',
          {
            file: csvFile(
              'members.csv',
              ['name', 'idNumber', 'socialOrganization', 'stage', 'stageSince'],
              rows.map((r) => [r.name, r.idNumber, r.organizationId, r.stage, ago(1000)]),
            ),
          },
        );
        if (!data?.importPartyMembers.imported) return;
        const found = await run<{ partyMembers: { edges: Array<{ node: { id: string; name: string } }> } }>(
          'importedMembers',
          'query ($tag: String!) { partyMembers(first: 10, filter: { nameContains: $tag }) { edges { node { id name } } } }',
          { tag },
        );
        for (const { node } of found?.partyMembers.edges ?? []) {
          const row = rows.find((r) => r.name === node.name)!;
          world.members.push({
            id: node.id,
            stage: row.stage,
            organizationId: row.organizationId,
            active: true,
          });
        }
      },
    ],
    [
      3,
      async () => {
        // activities from a file, as recordActivity's (without corrections)
        const branchId = activeParty((p) => p.type === 'BRANCH')?.id;
        if (!branchId) return;
        const modes = ['OFFLINE', 'ONLINE', 'HYBRID'] as const;
        const types = [
          'GENERAL_MEETING',
          'COMMITTEE_MEETING',
          'GROUP_MEETING',
          'PARTY_LECTURE',
          'THEMED_PARTY_DAY',
        ];
        const rows = Array.from({ length: int(1, 3) }, () => {
          const mode = modes[int(0, 2)]!;
          const expected = int(0, 30);
          const excused = int(0, Math.floor(expected / 4));
          const absent = int(0, expected - excused);
          const attending = expected - excused - absent;
          const online = mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : int(0, attending);
          return [
            branchId,
            pick(types)!,
            mode,
            `真值导入活动${int(0, 1e9)}`,
            new Date(Date.now() - int(1, 25 * 24) * 3600_000).toISOString(),
            expected,
            attending - online,
            online,
            excused,
            absent,
          ];
        });
        await run(
          'importActivities',
          'mutation ($file: ImportFileInput!) { importActivities(file: $file) { imported } }',
          {
            file: csvFile(
              'activities.csv',
              [
                'branch',
                'type',
                'mode',
                'title',
                'heldAt',
                'expected',
                'present',
                'online',
                'excused',
                'absent',
              ],
              rows,
            ),
          },
        );
      },
    ],
  ];
  const total = operations.reduce((s, [w]) => s + w, 0);
  while (Date.now() < until) {
    let roll = random() * total;
    for (const [weight, operation] of operations) {
      roll -= weight;
      if (roll < 0) {
        await operation();
        break;
      }
    }
  }
}

describe('the truth', () => {
  it('every statistic equals its recomputation after concurrent writes, crashes, a Redis restart and duplicated events', async () => {
    const started = Date.now();
    const duplicator = EventDuplicator.forSystem(system);
    const world = await loadWorld();
    const tally = new Map<string, number>();
    const latencies: number[] = [];
    const wall = await system.token('wall');
    const quarter = quarterOf(today());
    type Seen = { coverageStatsChanged: { version: string } };
    // a wall watching throughout: after the faults, its reconnect snapshot is at least as new as what it saw
    const watcher = subscribe<Seen>(
      system.gatewayWsUrl,
      wall,
      'subscription { coverageStatsChanged { version } }',
    );
    await watcher.ready;

    const until = Date.now() + LOAD_MS;
    const faults = (async () => {
      const at = async (ms: number) => sleep(Math.max(0, until - LOAD_MS + ms - Date.now()));
      await at(4_000);
      await system.kill('organization-1');
      await at(7_000);
      await system.restart('organization-1');
      await at(9_000);
      await system.kill('party-work-2');
      await at(12_000);
      await system.restart('party-work-2');
      await at(14_000);
      await system.stopRedis();
      await at(17_000);
      await system.startRedis();
      console.log(
        `faults: load from ${new Date(until - LOAD_MS).toISOString()}; replicas killed at +4 s and +9 s, Redis stopped +14 s to +17 s`,
      );
    })();
    await Promise.all([
      faults,
      ...Array.from({ length: CLIENTS }, (_, i) =>
        client(world, seededRandom(SEED * 10 + i), until, tally, latencies),
      ),
    ]);
    const loaded = Date.now();
    const writes = [...tally.entries()]
      .filter(([k]) => !k.startsWith('internal:'))
      .reduce((s, [, n]) => s + n, 0);
    latencies.sort((a, b) => a - b);
    console.log(
      `load: ${writes} writes by ${CLIENTS} clients in ${((loaded - started) / 1000).toFixed(1)} s, latency p50 ${latencies[Math.floor(latencies.length / 2)]} ms, max ${latencies.at(-1)} ms`,
      Object.fromEntries(tally),
    );

    // a full member added through the gateway to organizations imported from a file: party-work knows
    // them (their events went out with the import), so within seconds each takes the member
    const importedActive = world.imported.filter(
      (i) => world.organizations.find((o) => o.id === i.id)?.active,
    );
    expect(importedActive.length).toBeGreaterThan(0);
    for (const { id } of importedActive.slice(0, 3)) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const added = await system.graphql<{ addPartyMember: { id: string } }>(
          'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
          {
            input: {
              name: '导入后党员',
              socialOrganizationId: id,
              stage: 'FULL',
              stageSince: addDays(today(), -400),
            },
          },
          { role: 'operator' },
        );
        if (!added.errors) break;
        // the organization may have ended meanwhile (a client's deregistration): not this check's concern
        if (added.errors[0]?.extensions?.rule === 'ORGANIZATION_ACTIVE') break;
        if (Date.now() > deadline)
          throw new Error(`no member added to imported ${id}: ${JSON.stringify(added.errors)}`);
        await sleep(200);
      }
    }

    console.log(
      `imports: ${world.imported.length} organizations imported from files, ${importedActive.length} still active`,
    );
    await waitForDrain(duplicator, [organizationDb, partyWorkDb]);
    const replayed = await duplicator.replayAll();
    await waitForDrain(duplicator, [organizationDb, partyWorkDb]);
    await duplicator.stop();
    console.log(
      `drained in ${((Date.now() - loaded) / 1000).toFixed(1)} s; ${duplicator.originals.length} events, each delivered twice, then ${replayed} replayed`,
    );
    expect(duplicator.copies).toBe(duplicator.originals.length);
    // enough happened for the test to mean something (the machine's speed decides how much more)
    expect(writes).toBeGreaterThan(40);
    expect(duplicator.originals.length).toBeGreaterThan(20);

    const seen = Math.max(0, ...watcher.events.map((e) => Number(e.coverageStatsChanged.version)));
    await watcher.close();

    // the scopes: the nation, every province, a sample of cities with organizations (and a few counties)
    const random = seededRandom(SEED + 3);
    const provinces = (await organizationDb.query(
      "SELECT code FROM region WHERE level = 'PROVINCE' ORDER BY code",
    )) as Array<{
      code: string;
    }>;
    const cityCodes = (
      (await organizationDb.query(
        `SELECT DISTINCT r.code FROM social_organization o JOIN region c ON c.code = o.region_code
           JOIN region r ON r.code = c.parent_code WHERE r.level = 'PREFECTURE' ORDER BY r.code`,
      )) as Array<{ code: string }>
    ).map((r) => r.code);
    const cities = cityCodes.filter(() => random() < 0.6).slice(0, 8);
    const scopes: Array<string | null> = [
      null,
      ...provinces.map((p) => p.code),
      ...cities,
      '330106',
      '330212',
    ];
    const quarters = [quarter, quarterOf(addMonths(today(), -3))];
    const year = Number(today().slice(0, 4));

    const mismatches: unknown[] = [];
    const compare = (what: string, scope: string | null, actual: unknown, expected: unknown) => {
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        mismatches.push({ what, scope, actual, expected });
    };
    const arg = (scope: string | null) => (scope ? `"${scope}"` : 'null');
    // each statistic read as a wall screen of its own, as screens are: one token's reads stay within the
    // front door's rate limit however many statistics there are
    let screens = 0;
    const screen = () => system.token('wall', null, `truth-screen-${++screens}`);
    /** One figure for each scope, one request each (the gateway takes at most fifteen aliases). */
    const eachScope = async (
      field: (scope: string | null) => string,
      options: { token?: string; role?: 'analyst' },
    ) => {
      const figures: Array<Record<string, unknown>> = [];
      for (const scope of scopes) {
        const result = await system.graphql<{ figure: Record<string, unknown> }>(
          `{ figure: ${field(scope)} }`,
          {},
          options,
        );
        expect(result.errors, `${field(scope)}`).toBeUndefined();
        figures.push(result.data!.figure);
      }
      return figures;
    };

    const coverageFields =
      'organizations partyCovered standalone eligible eligibleStandalone workCovered charterIncluded crossAppointed secretaryCrossAppointed registeredInPeriod inStep partyOrganizations';
    const coverage = await eachScope(
      (s) =>
        `coverageStats(regionCode: ${arg(s)}) { ${coverageFields} byMonth { month registered newlyCovered } }`,
      { token: await screen() },
    );
    for (const [i, scope] of scopes.entries()) {
      const { byMonth, ...counts } = coverage[i]!;
      compare('coverageStats', scope, counts, await oracleCounts(organizationDb, scope, COVERAGE_SYNC_DAYS));
      const months = await oracleMonths(organizationDb, scope);
      compare(
        'coverageStats.byMonth',
        scope,
        byMonth,
        monthsEnding(today()).map((month) => ({
          month,
          registered: 0,
          newlyCovered: 0,
          ...months.get(month),
        })),
      );
    }
    const coverageByRegion = await system.graphql<
      Record<string, Array<Record<string, unknown> & { region: { code: string } }>>
    >(
      `{ national: coverageByRegion { region { code } ${coverageFields} } zhejiang: coverageByRegion(parentCode: "330000") { region { code } ${coverageFields} } }`,
      {},
      { token: await screen() },
    );
    expect(coverageByRegion.errors).toBeUndefined();
    for (const rows of Object.values(coverageByRegion.data!))
      for (const { region, ...figure } of rows)
        compare(
          'coverageByRegion',
          region.code,
          figure,
          await oracleCounts(organizationDb, region.code, COVERAGE_SYNC_DAYS),
        );

    const activityFields =
      'activities byType { type count } byPurpose { purpose count } onlineActivities onlineShare byWeek { week activities online onlineShare } attended due attendanceRate branches compliantBranches requiredHeld required complianceRate';
    for (const q of quarters) {
      const activity = await eachScope(
        (s) => `activityStats(quarter: "${q}", regionCode: ${arg(s)}) { ${activityFields} }`,
        { token: await screen() },
      );
      for (const [i, scope] of scopes.entries())
        compare(`activityStats ${q}`, scope, activity[i], await oracleActivityStats(partyWorkDb, scope, q));
      const byRegion = await system.graphql<{ byRegion: Array<{ region: { code: string } }> }>(
        `{ byRegion: activityStatsByRegion(quarter: "${q}") { region { code } ${activityFields} } }`,
        {},
        { token: await screen() },
      );
      expect(byRegion.errors).toBeUndefined();
      for (const { region, ...figure } of byRegion.data!.byRegion)
        compare(
          `activityStatsByRegion ${q}`,
          region.code,
          figure,
          await oracleActivityStats(partyWorkDb, region.code, q),
        );
    }

    const members = await eachScope(
      (s) =>
        `memberStats(regionCode: ${arg(s)}) { fullMembers probationaryMembers byStage { stage count } developedThisYear convertedThisYear businessBackbone management }`,
      { token: await screen() },
    );
    for (const [i, scope] of scopes.entries())
      compare('memberStats', scope, members[i], await oracleMemberStats(partyWorkDb, scope));

    for (const y of [year, year - 1]) {
      const funding = await eachScope(
        (s) =>
          `fundingStats(year: ${y}, regionCode: ${arg(s)}) { records totalFen bySource { source records amountFen } byQuarter { quarter amountFen } }`,
        { role: 'analyst' },
      );
      for (const [i, scope] of scopes.entries())
        compare(`fundingStats ${y}`, scope, funding[i], await oracleFundingStats(partyWorkDb, scope, y));
      const talks = await eachScope(
        (s) => `talkStats(year: ${y}, regionCode: ${arg(s)}) { year members talkedWith talkCoverageRate }`,
        { token: await screen() },
      );
      for (const [i, scope] of scopes.entries())
        compare(`talkStats ${y}`, scope, talks[i], await oracleTalkStats(partyWorkDb, scope, y));
      const appraisals = await eachScope(
        (s) =>
          `appraisalStats(year: ${y}, regionCode: ${arg(s)}) { members appraised appraisalRate byGrade { grade members } }`,
        { token: await screen() },
      );
      for (const [i, scope] of scopes.entries())
        compare(
          `appraisalStats ${y}`,
          scope,
          appraisals[i],
          await oracleAppraisalStats(partyWorkDb, scope, y),
        );
      const training = await eachScope(
        (s) =>
          `trainingStats(year: ${y}, regionCode: ${arg(s)}) { members membersMeetingMinimum memberRate staff staffMeetingMinimum staffRate hours }`,
        { token: await screen() },
      );
      for (const [i, scope] of scopes.entries())
        compare(`trainingStats ${y}`, scope, training[i], await oracleTrainingStats(partyWorkDb, scope, y));
    }

    // what each subgraph keeps of the other's data equals the other's
    const reported = (await organizationDb.query(
      'SELECT id, full_member_count AS n FROM social_organization',
    )) as Array<{
      id: string;
      n: number;
    }>;
    const counted = new Map(
      (
        (await partyWorkDb.query(
          "SELECT social_organization_id AS id, COUNT(*) AS n FROM party_member WHERE status = 'ACTIVE' AND stage = 'FULL' GROUP BY social_organization_id",
        )) as Array<{ id: string; n: number }>
      ).map((r) => [r.id, Number(r.n)]),
    );
    for (const r of reported)
      compare('full members reported to organization', r.id, Number(r.n), counted.get(r.id) ?? 0);
    const organizations = (await organizationDb.query(
      'SELECT id, region_code, status FROM social_organization ORDER BY id',
    )) as unknown[];
    const replicas = (await partyWorkDb.query(
      'SELECT id, region_code, status FROM organization_replica ORDER BY id',
    )) as unknown[];
    compare('organization replica', null, replicas, organizations);
    // the organizations imported from files among them, each with its full members counted back
    const importedIds = world.imported.map((i) => i.id);
    const importedReplicas = (await partyWorkDb.query('SELECT id FROM organization_replica WHERE id IN (?)', [
      importedIds,
    ])) as Array<{ id: string }>;
    compare(
      'imported organizations in the replica',
      null,
      importedReplicas.length,
      new Set(importedIds).size,
    );
    const importedCounted = reported.filter(
      (r) => importedIds.includes(r.id) && (counted.get(r.id) ?? 0) > 0,
    );
    expect(importedCounted.length).toBeGreaterThan(0);
    const partyOrganizations = (await organizationDb.query(
      'SELECT id, type, region_code, has_committee, established_at, dissolved_at FROM party_organization ORDER BY id',
    )) as unknown[];
    const partyReplicas = (await partyWorkDb.query(
      'SELECT id, type, region_code, has_committee, established_at, dissolved_at FROM party_organization_replica ORDER BY id',
    )) as unknown[];
    compare('Party organization replica', null, partyReplicas, partyOrganizations);
    // each Party organization's size, as kept on its row, against the organizations it covers
    const sizes = (await organizationDb.query(
      `SELECT p.id, p.covered_units AS units, p.covered_full_members AS members,
              (SELECT COUNT(*) FROM party_coverage c WHERE c.party_organization_id = p.id AND c.until IS NULL) AS trueUnits,
              (SELECT COALESCE(SUM(o.full_member_count), 0) FROM party_coverage c JOIN social_organization o ON o.id = c.social_organization_id
                WHERE c.party_organization_id = p.id AND c.until IS NULL) AS trueMembers
         FROM party_organization p`,
    )) as Array<Record<string, string | number>>;
    for (const s of sizes)
      compare(
        'Party organization size',
        String(s.id),
        [Number(s.units), Number(s.members)],
        [Number(s.trueUnits), Number(s.trueMembers)],
      );

    if (mismatches.length > 0) console.log(JSON.stringify(mismatches.slice(0, 10), null, 1));
    expect(mismatches).toEqual([]);

    // the wall that watched throughout reconnects: its snapshot is not older than the last figure it saw
    const snapshot = await system.graphql<{ coverageStats: { version: string } }>(
      '{ coverageStats { version } }',
      {},
      { token: await screen() },
    );
    expect(seen).toBeGreaterThan(0);
    expect(Number(snapshot.data!.coverageStats.version)).toBeGreaterThanOrEqual(seen);
    // a write the faults broke shows up as a server error: none should
    if (internalErrors.length > 0) {
      console.log(internalErrors.join('\n'));
      for (const [name, running] of system.processes)
        for (const line of running.output.join('').split('\n'))
          if (line.includes('"level":50')) console.log(name, line.slice(0, 2000));
    }
    expect(internalErrors).toEqual([]);
    console.log(
      `truth test: ${scopes.length} scopes × ${quarters.length} quarters checked; ${((Date.now() - started) / 1000).toFixed(1)} s after boot`,
    );
  }, 150_000);
});
