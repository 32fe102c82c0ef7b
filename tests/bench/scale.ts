import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { seededRandom } from '@pb/demo-data';
import { GraphQLClient, type GraphQLOutcome } from '@pb/platform/graphql-client';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { type Client, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { loadSavedQueries } from '../../gateway/src/saved-queries.js';
import { formatSummary, Simulator } from '../../tools/simulate/src/index.js';
import { launchChromium } from '../utils/browser.js';
import { repoRoot } from '../utils/system.js';
import {
  awaitEventsApplied,
  common,
  cpuTimes,
  emptyFigureCaches,
  ensureSeeded,
  type KeptSystem,
  keptDataSet,
  log,
  median,
  percentile,
  print,
  sizeBufferPool,
  startKeptSystem,
  supportingCpuTimes,
  wallToken,
} from './kept.js';
import { describeOpens, timeWallOpens } from './wall-open.js';
import { type WallOperation, wallOperations } from './wall-operations.js';

/**
 * The wall at production size: on the kept data set (100k organizations by default) with both subgraphs
 * and the gateway at production limits, times every query the wall sends when it opens, for the nation,
 * a province and a city, cold (figure caches emptied) and warm; then the whole open as the browser sends
 * it (every query of a level at once); optionally the built wall in headless Chromium; then a simulated
 * day: the simulator at `--rate` changes a second through the gateway while `--walls` walls at mixed
 * levels hold the wall's subscriptions and read again on events as the wall does, printing each
 * server's CPU per minute and the live latency from mutation to event. Prints numbers, asserts nothing.
 */

/** The targets the numbers are read against (flagged `*` when missed). */
const TARGET = { warmMs: 50, coldMs: 200, browserColdMs: 1000, subgraphCores: 0.5 };

/** The levels a wall is opened at: the nation, Zhejiang and Hangzhou. */
const LEVELS: Array<string | null> = [null, '330000', '330100'];

/**
 * What a wall reads again when a subscription event arrives, and at most how often (each panel's
 * `minRefreshMs`): CoverageByRegion (map, useChildCoverage), CoverageAlerts and WorkAlerts (AlertsPanel),
 * ActivityByRegion (RankingPanel). The other panels take the event's whole figure and read nothing.
 */
const REFRESHES: Record<string, Array<[query: string, minRefreshMs: number]>> = {
  CoverageStatsChanged: [
    ['CoverageByRegion', 2_000],
    ['CoverageAlerts', 5_000],
  ],
  ActivityFiguresChanged: [
    ['WorkAlerts', 5_000],
    ['ActivityByRegion', 2_000],
  ],
  MemberStagesChanged: [['WorkAlerts', 5_000]],
};
/** Every panel reads again this often while connected (usePanelQuery's `reconcileEveryMs`). */
const RECONCILE_MS = 60_000;

export async function benchScale(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      orgs: { type: 'string', default: '100000' },
      runs: { type: 'string', default: '5' },
      browser: { type: 'boolean', default: false },
      // only the simulated day (the reads and opens skipped), when working on the day's costs
      'day-only': { type: 'boolean', default: false },
      'day-minutes': { type: 'string', default: '5' },
      rate: { type: 'string', default: '20' },
      walls: { type: 'string', default: '20' },
      // the day's random choices; by default the clock, printed, so a run can be repeated. A fixed default
      // made every day on the kept data set register the same organizations again: from the second run
      // on, a registration was refused as a duplicate USCC (~250 in four minutes) and the day measured less
      seed: { type: 'string' },
      'timeout-ms': { type: 'string', default: '120000' },
    },
  });
  const runs = Number(values.runs);
  const timeoutMs = Number(values['timeout-ms']);
  const seed = values.seed === undefined ? Date.now() : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  const data = keptDataSet(Number(values.orgs));
  await ensureSeeded(data, 'scale');
  await sizeBufferPool(data, 'scale');
  log('starting both subgraphs and the gateway on the kept data set…');
  const system = await startKeptSystem(data);
  const redis = new Redis(common.redisUrl);
  const operations = wallOperations();
  const queries = operations.filter((operation) => operation.kind === 'query');
  const reader = new WallReader(system.gatewayUrl, timeoutMs);
  const emptyCaches = () => emptyFigureCaches(redis, data);
  try {
    await awaitEventsApplied(redis, data, 'scale');
    print(
      `scale: ${data.organizations} organizations; the wall's queries from dashboard/src/graphql: ${queries.map((q) => q.name).join(', ')}`,
    );
    if (!values['day-only']) {
      await timeQueries(queries, reader, emptyCaches, runs);
      await timeOpens(queries, reader, emptyCaches, runs);
      await timeSavedQueries(reader, emptyCaches, runs);
    }
    if (values.browser && !values['day-only'])
      await timeBrowserOpens(system, emptyCaches, runs).catch((error: Error) =>
        print(`scale: browser: not run: ${error.message.split('\n')[0]}`),
      );
    const dayMinutes = Number(values['day-minutes']);
    if (dayMinutes > 0)
      await simulateDay(system, operations, reader, {
        minutes: dayMinutes,
        rate: Number(values.rate),
        walls: Number(values.walls),
        seed,
      });
  } finally {
    redis.disconnect();
    await system.stop();
  }
}

const levelName = (regionCode: string | null) => regionCode ?? 'national';
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const flagged = (value: number, target: number) => `${ms(value)}${value > target ? '*' : ' '}`;

interface Read {
  ms: number;
  /** the first error's code (or message), when the answer carried errors or none came */
  problem?: string;
}

/** Sends the wall's queries as a screen does: GraphQL over HTTP with a wall token. */
class WallReader {
  private screens = 0;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** A token for one more screen: each meets the gateway's per-token rate limit alone, as screens do. */
  screen(regionCode: string | null = null): Promise<string> {
    return wallToken(`bench-scale-wall-${++this.screens}`, regionCode);
  }

  async read(token: string, query: WallOperation, regionCode: string | null): Promise<Read> {
    const started = performance.now();
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: query.document, variables: query.variables(regionCode) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const body = (await response.json()) as {
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      const error = body.errors?.[0];
      return {
        ms: performance.now() - started,
        problem: error ? (error.extensions?.code ?? error.message) : undefined,
      };
    } catch (error) {
      return { ms: performance.now() - started, problem: (error as Error).name };
    }
  }
}

/** Each query alone, N times cold (figure caches emptied before each) then N times warm: the medians. */
async function timeQueries(
  queries: WallOperation[],
  reader: WallReader,
  emptyCaches: () => Promise<void>,
  runs: number,
) {
  log(`timing each query, ${runs} cold and ${runs} warm reads at each level…`);
  const problems = new Map<string, number>();
  const rows = new Map<string, string[]>();
  for (const regionCode of LEVELS) {
    const token = await reader.screen();
    for (const query of queries) {
      const cells = rows.get(query.name) ?? [];
      rows.set(query.name, cells);
      if (!query.variables(regionCode)) {
        cells.push('skipped', '');
        continue;
      }
      const { cold, warm } = await medianColdWarm(
        { reader, token, emptyCaches, runs, problems },
        query,
        regionCode,
        `${query.name} ${levelName(regionCode)}`,
      );
      cells.push(flagged(cold, TARGET.coldMs), flagged(warm, TARGET.warmMs));
      log(`${query.name} ${levelName(regionCode)}: cold ${ms(cold)} ms, warm ${ms(warm)} ms`);
    }
  }
  const width = Math.max(...queries.map((q) => q.name.length));
  print(
    `scale: each query alone through the gateway, median of ${runs} (ms; * over target: cold ≤ ${TARGET.coldMs}, warm ≤ ${TARGET.warmMs})`,
  );
  print(
    `scale: ${'query'.padEnd(width)} ${LEVELS.map((l) => `${`${levelName(l)} cold`.padStart(14)}${'warm'.padStart(10)}`).join('')}`,
  );
  for (const [name, cells] of rows) {
    print(
      `scale: ${name.padEnd(width)} ${cells.map((cell, i) => cell.padStart(i % 2 === 0 ? 14 : 10)).join('')}`,
    );
  }
  printProblems(problems);
}

/**
 * The analysts' saved queries (gateway/saved-queries), each alone as a national analyst with the
 * variables the file gives by default, N times cold then N times warm: the medians.
 */
async function timeSavedQueries(reader: WallReader, emptyCaches: () => Promise<void>, runs: number) {
  log(`timing the analysts' saved queries, ${runs} cold and ${runs} warm each…`);
  const saved = await loadSavedQueries(join(repoRoot, 'gateway', 'saved-queries'));
  const token = await signDevelopmentToken(
    { subject: 'bench-scale-analyst', roles: ['analyst'], regionCode: null },
    common.auth,
  );
  const problems = new Map<string, number>();
  print(`scale: the analysts' saved queries as a national analyst, median of ${runs} (ms; targets as above)`);
  for (const query of saved) {
    const operation: WallOperation = {
      name: query.operationName,
      kind: 'query',
      document: query.query,
      variables: () => ({}),
    };
    const { cold, warm } = await medianColdWarm(
      { reader, token, emptyCaches, runs, problems },
      operation,
      null,
      query.file,
    );
    print(
      `scale: ${query.file.padEnd(40)} cold ${flagged(cold, TARGET.coldMs).padStart(9)} warm ${flagged(warm, TARGET.warmMs).padStart(8)}`,
    );
  }
  printProblems(problems);
}

/**
 * One operation read alone `runs` times cold (figure caches emptied before each) then `runs` times warm:
 * the two medians; each problem an answer had is counted under `label`.
 */
async function medianColdWarm(
  timing: {
    reader: WallReader;
    token: string;
    emptyCaches: () => Promise<void>;
    runs: number;
    problems: Map<string, number>;
  },
  operation: WallOperation,
  regionCode: string | null,
  label: string,
): Promise<{ cold: number; warm: number }> {
  const { reader, token, emptyCaches, runs, problems } = timing;
  const timed = async (cold: boolean) => {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      if (cold) await emptyCaches();
      const read = await reader.read(token, operation, regionCode);
      times.push(read.ms);
      if (read.problem) {
        const key = `${label}: ${read.problem}`;
        problems.set(key, (problems.get(key) ?? 0) + 1);
      }
    }
    return median(times);
  };
  const cold = await timed(true);
  return { cold, warm: await timed(false) };
}

function printProblems(problems: Map<string, number>): void {
  for (const [what, count] of problems) print(`scale:   error ${what} (×${count})`);
}

/** The wall's open: every query of a level at once, until the last answers; N cold and N warm. */
async function timeOpens(
  queries: WallOperation[],
  reader: WallReader,
  emptyCaches: () => Promise<void>,
  runs: number,
) {
  log(`timing the whole open (every query at once), ${runs} cold and ${runs} warm at each level…`);
  print(`scale: the whole open, every query at once as the browser sends them, median of ${runs} (ms)`);
  for (const regionCode of LEVELS) {
    const sent = queries.filter((query) => query.variables(regionCode));
    const open = async (cold: boolean) => {
      const times: number[] = [];
      const last = new Map<string, number>();
      const problems = new Map<string, number>();
      for (let run = 0; run < runs; run++) {
        if (cold) await emptyCaches();
        // each open is a screen of its own, as each is in a control room
        const token = await reader.screen();
        const started = performance.now();
        const reads = await Promise.all(sent.map((query) => reader.read(token, query, regionCode)));
        times.push(performance.now() - started);
        const slowest = reads.reduce((a, b, i) => (b.ms > reads[a]!.ms ? i : a), 0);
        last.set(sent[slowest]!.name, (last.get(sent[slowest]!.name) ?? 0) + 1);
        reads.forEach((read, i) => {
          if (!read.problem) return;
          const key = `${sent[i]!.name} ${levelName(regionCode)}: ${read.problem}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
        });
      }
      const lastNames = [...last].map(([name, n]) => `${name} ×${n}`).join(', ');
      return { median: median(times), lastNames, problems };
    };
    const cold = await open(true);
    const warm = await open(false);
    print(
      `scale: open ${levelName(regionCode).padEnd(8)} (${sent.length} queries): cold ${ms(cold.median)} warm ${ms(warm.median)}; last to answer: cold ${cold.lastNames}; warm ${warm.lastNames}`,
    );
    printProblems(new Map([...cold.problems, ...warm.problems]));
  }
}

/**
 * The built wall in headless Chromium, a fresh browser context each time (nothing cached), until every
 * panel is ready as `bench wall-open` defines it (`wall-open.ts`: every panel ready or empty, every
 * headline figure with its number, every chart drawn), with where the time went.
 */
async function timeBrowserOpens(system: KeptSystem, emptyCaches: () => Promise<void>, runs: number) {
  log(`opening the wall in headless Chromium, ${runs} cold and ${runs} warm at each level…`);
  const browser = await launchChromium();
  try {
    for (const regionCode of LEVELS) {
      const url = `${system.baseUrl}/${regionCode ? `?region=${regionCode}` : ''}`;
      const cold = await timeWallOpens(browser, url, runs, emptyCaches);
      const warm = await timeWallOpens(browser, url, runs);
      const coldMs = median(cold.map((open) => open.ready));
      const target = regionCode === null ? TARGET.browserColdMs : Number.POSITIVE_INFINITY;
      print(
        `scale: browser ${levelName(regionCode).padEnd(8)} until every panel is ready (ms from navigation), median of ${runs}: cold ${flagged(coldMs, target)} warm ${ms(median(warm.map((open) => open.ready)))}`,
      );
      for (const line of describeOpens(cold)) print(`  cold: ${line}`);
      for (const line of describeOpens(warm)) print(`  warm: ${line}`);
    }
  } finally {
    await browser.close();
  }
}

/** The simulator's gateway client, noting when each recorded activity's answer came back. */
class RecordingGateway extends GraphQLClient {
  readonly activities = new Map<string, number>();
  /** every request's refusals and failures by code, reads of the pools included */
  readonly problems = new Map<string, number>();

  override async request<T>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLOutcome<T>> {
    const outcome = await super.request<T>(query, variables);
    if (!outcome.ok) this.problems.set(outcome.code, (this.problems.get(outcome.code) ?? 0) + 1);
    if (outcome.ok && query.includes('recordActivity(')) {
      const id = (outcome.data as { recordActivity?: { id?: string } }).recordActivity?.id;
      if (id) this.activities.set(id, performance.now());
    }
    return outcome;
  }
}

/** One wall screen left open: its subscriptions, its reads on events and every minute, as the wall does. */
class Screen {
  private client: Client | undefined;
  private readonly lastReadAt = new Map<string, number>();
  private readonly pending = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;
  /** when each activity first reached this screen's feed */
  readonly feed = new Map<string, number>();
  /** when this screen first saw each national activity count (national screens) */
  readonly activityCounts = new Map<number, number>();
  private highestActivities = 0;
  readonly reads: number[] = [];
  readonly problems = new Map<string, number>();
  events = 0;

  constructor(
    readonly regionCode: string | null,
    private readonly system: KeptSystem,
    private readonly reader: WallReader,
    private readonly queries: Map<string, WallOperation>,
    private readonly subscriptions: WallOperation[],
  ) {}

  async open(activitiesBefore: number): Promise<void> {
    this.highestActivities = activitiesBefore;
    // a screen gets its token from the gateway, as the wall does
    const { token } = (await (await fetch(`${this.system.baseUrl}/wall-config.json`)).json()) as {
      token: string;
    };
    const client = createClient({
      url: this.system.gatewayWsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
    });
    this.client = client;
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    for (const subscription of this.subscriptions) {
      client.subscribe<Record<string, Record<string, unknown>>>(
        { query: subscription.document, variables: subscription.variables(this.regionCode) },
        {
          next: ({ data, errors }) =>
            this.onEvent(subscription.name, data ?? undefined, errors?.[0]?.message),
          error: (error) => this.count(`${subscription.name}: ${String((error as Error).message ?? error)}`),
          complete: () => {},
        },
      );
    }
    const read = (name: string) => void this.read(token, name);
    for (const [name, query] of this.queries) {
      if (!query.variables(this.regionCode)) continue;
      read(name);
      // each panel reconciles on its own timer, from when it mounted
      const reconcile = () =>
        this.after(RECONCILE_MS, () => {
          read(name);
          reconcile();
        });
      reconcile();
    }
    this.refresh = (name, minRefreshMs) => {
      if (this.pending.has(name)) return;
      this.pending.add(name);
      const wait = Math.max(0, (this.lastReadAt.get(name) ?? 0) + minRefreshMs - performance.now());
      this.after(wait, () => {
        this.pending.delete(name);
        read(name);
      });
    };
  }

  private refresh: (name: string, minRefreshMs: number) => void = () => {};

  private onEvent(name: string, data: Record<string, Record<string, unknown>> | undefined, problem?: string) {
    if (problem) this.count(`${name}: ${problem}`);
    if (!data) return;
    const now = performance.now();
    this.events++;
    const item = data.activityFeed;
    if (item && !this.feed.has(String(item.id))) this.feed.set(String(item.id), now);
    const activities = data.activityStatsChanged?.activities;
    if (this.regionCode === null && typeof activities === 'number') {
      for (let v = this.highestActivities + 1; v <= activities; v++) this.activityCounts.set(v, now);
      this.highestActivities = Math.max(this.highestActivities, activities);
    }
    for (const [query, minRefreshMs] of REFRESHES[name] ?? []) this.refresh(query, minRefreshMs);
  }

  private async read(token: string, name: string): Promise<void> {
    if (this.closed) return;
    this.lastReadAt.set(name, performance.now());
    const read = await this.reader.read(token, this.queries.get(name)!, this.regionCode);
    this.reads.push(read.ms);
    if (read.problem) this.count(`${name} ${levelName(this.regionCode)}: ${read.problem}`);
  }

  private count(problem: string): void {
    this.problems.set(problem, (this.problems.get(problem) ?? 0) + 1);
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.client?.dispose();
  }
}

async function simulateDay(
  system: KeptSystem,
  operations: WallOperation[],
  reader: WallReader,
  options: { minutes: number; rate: number; walls: number; seed: number },
) {
  const queries = operations.filter((operation) => operation.kind === 'query');
  const subscriptions = operations.filter((operation) => operation.kind === 'subscription');
  const token = await reader.screen();
  const byName = new Map(queries.map((query) => [query.name, query]));

  // the walls' levels: the nation, the provinces and cities with most organizations (Zhejiang and
  // Hangzhou first), every fifth wall national and the rest half provinces, half cities
  const children = async (regionCode: string | null) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: byName.get('CoverageByRegion')!.document,
        variables: byName.get('CoverageByRegion')!.variables(regionCode),
      }),
    });
    const body = (await response.json()) as {
      data?: { coverageByRegion: Array<{ region: { code: string } | null; organizations: number }> };
    };
    return (body.data?.coverageByRegion ?? [])
      .filter((row) => row.region)
      .sort((a, b) => b.organizations - a.organizations)
      .map((row) => row.region!.code);
  };
  const provinces = [...new Set([LEVELS[1]!, ...(await children(null))])].slice(0, 4);
  const cities = [LEVELS[2]!];
  for (const province of provinces.slice(1)) cities.push(...(await children(province)).slice(0, 1));
  let province = 0;
  let city = 0;
  const levels = Array.from({ length: options.walls }, (_, i) =>
    i % 5 === 0
      ? null
      : i % 5 <= 2
        ? provinces[province++ % provinces.length]!
        : cities[city++ % cities.length]!,
  );

  const activitiesNow = async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ activityStats { activities } }' }),
    });
    return ((await response.json()) as { data?: { activityStats: { activities: number } } }).data!
      .activityStats.activities;
  };
  const activitiesBefore = await activitiesNow();
  log(
    `opening ${options.walls} walls (${levels.map(levelName).join(' ')}), each with ${subscriptions.length} subscriptions…`,
  );
  const screens = levels.map((level) => new Screen(level, system, reader, byName, subscriptions));
  const operators = await Promise.all(
    // one operator for every 20 changes a second, each within the gateway's per-token rate limit
    Array.from({ length: Math.max(1, Math.ceil(options.rate / 20)) }, (_, i) =>
      signDevelopmentToken({ subject: `bench-scale-operator-${i}`, roles: ['operator'] }, common.auth),
    ),
  );
  const gateway = new RecordingGateway(system.gatewayUrl, operators);
  try {
    await Promise.all(screens.map((screen) => screen.open(activitiesBefore)));
    // upstream subscriptions open after the client's; let them settle, as the wall does
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    print(
      `scale: day: ${options.rate} changes/s for ${options.minutes} min through the gateway (--seed ${options.seed})`,
    );
    // our servers, and the database, Redis and the bench (walls and simulator) that share the cores
    const cpuNow = () => new Map([...cpuTimes(system.processes), ...supportingCpuTimes()]);
    const cpu: Array<Map<string, number>> = [cpuNow()];
    const sampler = setInterval(() => {
      cpu.push(cpuNow());
      print(`scale: day minute ${cpu.length - 1}: CPU ${cores(cpu.at(-2)!, cpu.at(-1)!, 60_000)}`);
    }, 60_000);
    const started = performance.now();
    // the simulator counts the day in operations started on schedule, so a system slower than the rate
    // would stretch it: the day ends on the clock
    const day = AbortSignal.timeout(options.minutes * 60_000);
    const summary = await new Simulator({
      gateway,
      rate: options.rate,
      seconds: options.minutes * 60,
      signal: day,
      random: seededRandom(options.seed),
      statusEveryMs: 30_000,
      status: (s) => log(`simulate: ${formatSummary(s)}`),
      log: (line) => log(`simulate: ${line}`),
    })
      .run()
      // a run that cannot read its pools at the start ends at once; what the walls saw is still reported
      .catch((error: Error) => {
        print(`scale: day: the simulator stopped: ${error.message}`);
        return undefined;
      });
    clearInterval(sampler);
    const end = cpuNow();
    const elapsed = performance.now() - started;
    // events still on their way
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    if (summary) print(`scale: day: ${formatSummary(summary)}`);
    print(
      `scale: day: the simulator's requests refused or failed by code: ${[...gateway.problems].map(([code, n]) => `${code} ×${n}`).join(', ') || 'none'}`,
    );
    print(
      `scale: day CPU average over ${(elapsed / 60_000).toFixed(1)} min: ${cores(cpu[0]!, end, elapsed)}`,
    );

    // figure latency as `bench live` measures it: when the k-th recorded activity's answer came back, the
    // national count is at least before + k; a screen's latency is the time until it first shows that
    const answered = [...gateway.activities.values()].sort((a, b) => a - b);
    const national = screens.filter((screen) => screen.regionCode === null);
    const figure: number[] = [];
    let figureMissing = 0;
    answered.forEach((at, k) => {
      for (const screen of national) {
        const seen = screen.activityCounts.get(activitiesBefore + k + 1);
        if (seen === undefined) figureMissing++;
        else figure.push(Math.max(0, seen - at));
      }
    });
    print(
      `scale: day latency, recorded activity's answer → national activityStatsChanged: ${latencies(figure)} over ${figure.length} pairs (${figureMissing} never seen)`,
    );
    for (const level of ['national', 'province', 'city'] as const) {
      const at = screens.filter(
        (screen) =>
          (screen.regionCode === null
            ? 'national'
            : screen.regionCode.endsWith('0000')
              ? 'province'
              : 'city') === level,
      );
      const feed: number[] = [];
      for (const screen of at)
        for (const [id, seen] of screen.feed) {
          const answeredAt = gateway.activities.get(id);
          if (answeredAt !== undefined) feed.push(Math.max(0, seen - answeredAt));
        }
      const missing = level === 'national' ? at.length * gateway.activities.size - feed.length : Number.NaN;
      print(
        `scale: day latency, recorded activity's answer → activityFeed at ${at.length} ${level} walls: ${latencies(feed)} over ${feed.length} pairs${Number.isNaN(missing) ? '' : ` (${missing} never seen)`}`,
      );
    }
    const reads = screens.flatMap((screen) => screen.reads).sort((a, b) => a - b);
    print(
      `scale: day: walls received ${screens.reduce((n, s) => n + s.events, 0)} events and read ${reads.length} times (on open, on events, every minute): p50 ${ms(percentile(reads, 50))} ms, p95 ${ms(percentile(reads, 95))} ms, max ${ms(reads.at(-1) ?? Number.NaN)} ms`,
    );
    const problems = new Map<string, number>();
    for (const screen of screens)
      for (const [what, n] of screen.problems) problems.set(what, (problems.get(what) ?? 0) + n);
    printProblems(problems);
  } finally {
    await Promise.all(screens.map((screen) => screen.close()));
  }
}

/** CPU used between two samples as a fraction of one core, per server; a subgraph at or over the target flagged. */
function cores(before: Map<string, number>, after: Map<string, number>, elapsedMs: number): string {
  return [...after]
    .map(([name, used]) => {
      const share = (used - (before.get(name) ?? 0)) / elapsedMs;
      const subgraph = name === 'organization' || name === 'party-work';
      const over = subgraph && share >= TARGET.subgraphCores ? '*' : '';
      return `${name} ${share.toFixed(2)}${over}`;
    })
    .join(', ')
    .concat(` core (* subgraph at or over ${TARGET.subgraphCores})`);
}

function latencies(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))} ms, p95 ${ms(percentile(sorted, 95))} ms`;
}
