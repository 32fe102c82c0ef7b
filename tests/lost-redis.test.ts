import { demoUscc, seededRandom } from '@pb/demo-data';
import { addDays, quarterOf, today } from '@pb/platform/calendar';
import { eventStream } from '@pb/platform/events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleCounts } from '../services/organization/src/coverage/coverage-oracle.test-helper.js';
import {
  oracleActivityStats,
  oracleMemberStats,
} from '../services/party-work/src/statistics/statistics-oracle.test-helper.js';
import { type Database, databaseOf } from './utils/event-streams.js';
import { runCollecting, type System, startSystem } from './utils/system.js';

/**
 * Redis loses its data in the middle of a write load (a FLUSHALL), and later restarts, once keeping its
 * data and once without: no service is restarted, yet delivery resumes within seconds, the producers
 * republish from their outboxes what the consumers may not have applied, and in the end every statistic
 * equals its recomputation from the rows and each subgraph's copy of the other's data equals the other's.
 * `LOST_REDIS_SEED=n` replays a run's operations.
 */

const SEED = Number(process.env.LOST_REDIS_SEED ?? Math.floor(Math.random() * 1e9));
const LOAD_MS = 14_000;
/** Delivery must resume this soon after Redis is back (or lost its data). */
const RESUME_WITHIN_MS = 5_000;
const COUNTIES = ['330106', '330108', '330212', '440305', '110108', '510104'];
const COVERAGE_SYNC_DAYS = 30;

let system: System;
let organizationDb: Database;
let partyWorkDb: Database;
let redis: Redis;

beforeAll(async () => {
  console.log(`lost-redis test seed ${SEED} (LOST_REDIS_SEED=${SEED} reproduces the operations)`);
  system = await startSystem({ organizations: 20, replicas: 2, ownRedis: true });
  organizationDb = databaseOf(system, system.organizationDatabase);
  partyWorkDb = databaseOf(system, system.partyWorkDatabase);
  redis = new Redis(system.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
});
afterAll(async () => {
  redis?.disconnect();
  await organizationDb?.end();
  await partyWorkDb?.end();
  await system?.stopAll();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined; fails after `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/**
 * A write as one operator: each client and the probe have a token of their own, so the gateway's limit
 * per token never refuses the probe while the load runs.
 */
async function register(
  regionCode: string,
  random: () => number,
  token: string,
): Promise<string | undefined> {
  const result = await system.graphql<{ registerSocialOrganization: { id: string } }>(
    'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }',
    {
      input: {
        uscc: demoUscc(random, '1', regionCode),
        name: `失而复得协会${Math.floor(random() * 1e9)}`,
        type: 'SOCIAL_ASSOCIATION',
        regionCode,
        registeredAt: addDays(today(), -Math.floor(random() * 400)),
        registrationAuthority: '民政局',
        staffCount: 5,
      },
    },
    { token },
  );
  return result.data?.registerSocialOrganization.id;
}

function addMember(
  organizationId: string,
  stage: string,
  branchId: string | null,
  random: () => number,
  token: string,
) {
  return system.graphql<{ addPartyMember: { id: string } }>(
    'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
    {
      input: {
        name: `党员${Math.floor(random() * 1e6)}`,
        socialOrganizationId: organizationId,
        stage,
        stageSince: addDays(today(), -Math.floor(random() * 1000)),
        ...(branchId ? { branchId } : {}),
      },
    },
    { token },
  );
}

/** `XINFO`'s flat [key, value, …] replies as an object. */
function pairs(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** What is still in flight between the subgraphs, or undefined when nothing is. */
async function inFlight(): Promise<string | undefined> {
  const unsent: number[] = [];
  for (const db of [organizationDb, partyWorkDb]) {
    const [row] = (await db.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL')) as Array<{
      n: number;
    }>;
    unsent.push(Number(row?.n));
  }
  const groups: string[] = [];
  for (const producer of ['organization', 'party-work'] as const) {
    const stream = eventStream(system.redisNamespace, producer);
    const last = String(pairs((await redis.xinfo('STREAM', stream)) as unknown[])['last-generated-id']);
    const found = ((await redis.xinfo('GROUPS', stream)) as unknown[][]).map(pairs);
    if (found.length !== 1) return `${stream} has ${found.length} consumer groups`;
    for (const group of found)
      if (Number(group.pending) > 0 || String(group['last-delivered-id']) !== last)
        groups.push(
          `${stream}: ${group.pending} pending, delivered up to ${group['last-delivered-id']} of ${last}`,
        );
  }
  if (unsent.some((n) => n > 0) || groups.length > 0) return JSON.stringify({ unsent, groups });
  return undefined;
}

/** Waits until nothing is in flight, twice in a row (an applied event can make the other side publish). */
async function drained(timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last: string | undefined;
  while (quiet < 2) {
    last = await inFlight().catch((error: Error) => error.message);
    quiet = last === undefined ? quiet + 1 : 0;
    if (Date.now() > deadline) throw new Error(`events still in flight after ${timeoutMs} ms: ${last}`);
    await sleep(200);
  }
}

/**
 * How long after `since` an organization registered now reaches party-work's copy, and a full member
 * added to it then reaches organization's count: the delivery of each stream, measured.
 */
async function probeDelivery(
  since: number,
  random: () => number,
): Promise<{ toPartyWork: number; back: number }> {
  const token = await system.token('operator', null, 'lost-redis-probe');
  const regionCode = COUNTIES[Math.floor(random() * COUNTIES.length)]!;
  // a write refused while Redis comes back is tried again: the measure is of delivery, not of the write
  const id = await until(
    'registering the probe organization',
    () => register(regionCode, random, token),
    10_000,
  );
  await until(
    'the probe organization in party-work',
    async () =>
      ((await partyWorkDb.query('SELECT id FROM organization_replica WHERE id = ?', [id])) as unknown[])
        .length > 0
        ? true
        : undefined,
    20_000,
  );
  const toPartyWork = Date.now() - since;
  const added = Date.now();
  await until(
    'adding a full member to the probe organization',
    async () => ((await addMember(id, 'FULL', null, random, token)).data ? true : undefined),
    10_000,
  );
  await until(
    'the full member counted in organization',
    async () => {
      const [row] = (await organizationDb.query(
        'SELECT full_member_count AS n FROM social_organization WHERE id = ?',
        [id],
      )) as Array<{ n: number }>;
      return Number(row?.n) === 1 ? true : undefined;
    },
    20_000,
  );
  return { toPartyWork, back: Date.now() - added };
}

/** Every statistic of the nation and of each province, and each subgraph's copy, against the rows. */
async function mismatches(): Promise<unknown[]> {
  const found: unknown[] = [];
  const compare = (what: string, scope: string | null, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) found.push({ what, scope, actual, expected });
  };
  const provinces = (
    (await organizationDb.query("SELECT code FROM region WHERE level = 'PROVINCE' ORDER BY code")) as Array<{
      code: string;
    }>
  ).map((p) => p.code);
  const wall = await system.token('wall');
  const quarter = quarterOf(today());
  const coverageFields =
    'organizations partyCovered standalone eligible eligibleStandalone workCovered charterIncluded crossAppointed secretaryCrossAppointed registeredInPeriod inStep partyOrganizations';
  const activityFields =
    'activities onlineActivities attended due attendanceRate branches compliantBranches requiredHeld required complianceRate';
  for (const scope of [null, ...provinces]) {
    const region = scope ? `"${scope}"` : 'null';
    const result = await system.graphql<{
      coverage: Record<string, unknown>;
      members: Record<string, unknown>;
      activity: Record<string, unknown>;
    }>(
      `{ coverage: coverageStats(regionCode: ${region}) { ${coverageFields} }
         members: memberStats(regionCode: ${region}) { fullMembers probationaryMembers byStage { stage count } developedThisYear convertedThisYear businessBackbone management }
         activity: activityStats(quarter: "${quarter}", regionCode: ${region}) { ${activityFields} } }`,
      {},
      { token: wall },
    );
    expect(result.errors, `statistics of ${scope ?? 'the nation'}`).toBeUndefined();
    const { coverage, members, activity } = result.data!;
    compare('coverageStats', scope, coverage, await oracleCounts(organizationDb, scope, COVERAGE_SYNC_DAYS));
    compare('memberStats', scope, members, await oracleMemberStats(partyWorkDb, scope));
    const expected = await oracleActivityStats(partyWorkDb, scope, quarter);
    compare(
      'activityStats',
      scope,
      activity,
      Object.fromEntries(
        Object.keys(activity).map((key) => [key, (expected as Record<string, unknown>)[key]]),
      ),
    );
  }

  const counted = new Map(
    (
      (await partyWorkDb.query(
        "SELECT social_organization_id AS id, COUNT(*) AS n FROM party_member WHERE status = 'ACTIVE' AND stage = 'FULL' GROUP BY social_organization_id",
      )) as Array<{ id: string; n: number }>
    ).map((r) => [r.id, Number(r.n)]),
  );
  for (const r of (await organizationDb.query(
    'SELECT id, full_member_count AS n FROM social_organization',
  )) as Array<{
    id: string;
    n: number;
  }>)
    compare('full members reported to organization', r.id, Number(r.n), counted.get(r.id) ?? 0);
  compare(
    'organization copy in party-work',
    null,
    await partyWorkDb.query('SELECT id, region_code, status FROM organization_replica ORDER BY id'),
    await organizationDb.query('SELECT id, region_code, status FROM social_organization ORDER BY id'),
  );
  const partyColumns = 'id, type, region_code, has_committee, established_at, dissolved_at';
  compare(
    'Party organization copy in party-work',
    null,
    await partyWorkDb.query(`SELECT ${partyColumns} FROM party_organization_replica ORDER BY id`),
    await organizationDb.query(`SELECT ${partyColumns} FROM party_organization ORDER BY id`),
  );
  return found;
}

/** The lines of each subgraph's log (both replicas) whose message contains `text`, parsed. */
function logged(text: string): Map<string, Array<Record<string, unknown>>> {
  const found = new Map<string, Array<Record<string, unknown>>>();
  for (const [name, running] of system.processes) {
    const subgraph = name.replace(/-\d+$/, '');
    for (const line of running.output.join('').split('\n')) {
      if (!line.startsWith('{') || !line.includes(text)) continue;
      found.set(subgraph, [...(found.get(subgraph) ?? []), JSON.parse(line) as Record<string, unknown>]);
    }
  }
  return found;
}

describe('Redis losing its data', () => {
  it('delivers again within seconds and ends with every figure and copy equal to the rows, without a restart of any service', async () => {
    // the load is the simulator's: registrations, members, stage changes, branches and coverage, the
    // kinds of write that cross between the subgraphs, as operators make them through the gateway
    const started = Date.now();
    const load = runCollecting(
      [
        'tools/simulate/dist/cli.js',
        '--gateway',
        system.gatewayUrl,
        '--rate',
        '20',
        '--seconds',
        String(LOAD_MS / 1000),
        '--seed',
        String(SEED),
        '--json',
      ],
      { ...process.env, NODE_ENV: 'test' },
    );
    const flush = (async () => {
      await sleep(LOAD_MS / 2);
      await redis.flushall();
      const flushed = Date.now();
      const resumed = await probeDelivery(flushed, seededRandom(SEED + 1));
      console.log(
        `after FLUSHALL under load: an organization reached party-work in ${resumed.toPartyWork} ms, a full member reached organization ${resumed.back} ms after it was added`,
      );
      return resumed;
    })();
    const [afterFlush, run] = await Promise.all([flush, load]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      succeeded: number;
      byOperation: Record<string, number>;
    };
    console.log(`load: ${((Date.now() - started) / 1000).toFixed(1)} s`, summary.byOperation);
    // enough happened for the test to mean something
    expect(summary.succeeded).toBeGreaterThan(30);

    await drained();
    // the loss was met on both sides: each producer republished, each consumer made its group again
    const republished = logged('republishing from the outbox');
    const regrouped = logged('created it again');
    console.log(
      'republished after the FLUSHALL:',
      Object.fromEntries([...republished].map(([name, lines]) => [name, lines.map((l) => l.republished)])),
    );
    expect([...republished.keys()].sort()).toEqual(['organization', 'party-work']);
    expect([...regrouped.keys()].sort()).toEqual(['organization', 'party-work']);

    const found = await mismatches();
    if (found.length > 0) console.log(JSON.stringify(found.slice(0, 10), null, 1));
    expect(found).toEqual([]);
    expect(afterFlush.toPartyWork).toBeLessThan(RESUME_WITHIN_MS);
    expect(afterFlush.back).toBeLessThan(RESUME_WITHIN_MS);
  }, 150_000);

  it('delivers again within seconds after Redis restarts, with its data and without', async () => {
    const random = seededRandom(SEED + 2);
    await system.stopRedis();
    await system.startRedis();
    const restarted = await probeDelivery(Date.now(), random);
    console.log(
      `after a Redis restart: an organization reached party-work in ${restarted.toPartyWork} ms, a full member reached organization ${restarted.back} ms after it was added`,
    );

    // a restart without persistence: the append-only file holds nothing once Redis was flushed
    await redis.flushall();
    await system.stopRedis();
    await system.startRedis();
    const emptied = await probeDelivery(Date.now(), random);
    console.log(
      `after a Redis restart that lost its data: an organization reached party-work in ${emptied.toPartyWork} ms, a full member reached organization ${emptied.back} ms after it was added`,
    );
    await drained();
    const found = await mismatches();
    if (found.length > 0) console.log(JSON.stringify(found.slice(0, 10), null, 1));
    expect(found).toEqual([]);
    for (const measured of [restarted, emptied]) {
      expect(measured.toPartyWork).toBeLessThan(RESUME_WITHIN_MS);
      expect(measured.back).toBeLessThan(RESUME_WITHIN_MS);
    }
  }, 120_000);
});
