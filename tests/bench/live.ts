import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { type Client, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startSystem, whileStarted } from '../utils/system.js';
import {
  awaitEventsApplied,
  common,
  cpuTimes,
  ensureSeeded,
  keptDataSet,
  log,
  percentile,
  print,
  processCpuSplitMs,
  sizeBufferPool,
  startKeptSystem,
  supportingCpuTimes,
} from './kept.js';

/**
 * Live latency and the fan-out's cost: wall subscribers watch the national member figure through the
 * gateway while operators add full members at R per second. When the k-th mutation response arrives, the
 * figure is at least base + k; a subscriber's latency for it is the time until it first shows a figure
 * that high (zero when the event beat the response). Prints p50/p95/p99 over every (mutation, subscriber)
 * pair, after an unmeasured warm-up at the same rate (`--warmup` seconds, 20 by default, then a pass of
 * `--seconds` with only the baseline subscribed), and where that time went: until party-work published
 * the figure (seen on Redis), from there to the first wall, and from the first wall to the last.
 *
 * With `--baseline B` (50 by default; 0 for none) the same system is measured with B subscribers and with
 * all S, in `--rounds` rounds of one pass each (3 by default), in the order B S, S B, B S…: the other
 * S − B walls stay connected and only stop and resume their subscription. So the gateway's CPU per
 * mutation at both sizes comes from one run, and the machine's drift over the minutes of a run falls on
 * both sizes alike rather than on whichever pass came later. The growth is then set against a bare `ws`
 * server sending the same frames to S clients at the same rate (bare-broadcast.ts): the cost any
 * WebSocket server pays per frame, which no sharing removes. And it is split into the gateway's user and
 * system time: what its own code added, and what the kernel spent sending the extra frames.
 */
export async function benchLive(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      subscribers: { type: 'string', default: '200' },
      baseline: { type: 'string', default: '50' },
      rate: { type: 'string', default: '100' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '20' },
      // on the kept data set of that many organizations (as `bench scale` uses) instead of 300 fresh ones
      orgs: { type: 'string' },
    },
  });
  const subscribers = Number(values.subscribers);
  const baseline = Number(values.baseline) < subscribers ? Number(values.baseline) : 0;
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const rounds = baseline ? Math.max(1, Number(values.rounds)) : 1;
  const warmupSeconds = Number(values.warmup);
  log(`starting the system (both subgraphs, gateway) on free ports…`);
  const system = values.orgs
    ? await onKeptDataSet(Number(values.orgs))
    : await startSystem({ organizations: 300 });
  const walls = new Walls(system.gatewayWsUrl, async () => {
    // each subscriber is a wall screen with its own token, fetched as a screen fetches it
    const answer = await fetch(`${system.baseUrl}/wall-config.json`);
    return ((await answer.json()) as { token: string }).token;
  });
  const published = new Publications(system.redisUrl, system.redisNamespace);
  try {
    const organizations = await system.graphql<{
      socialOrganizations: { edges: Array<{ node: { id: string } }> };
    }>('{ socialOrganizations(first: 300) { edges { node { id } } } }');
    const organizationIds = organizations.data!.socialOrganizations.edges.map((e) => e.node.id);
    const fullMembers = async () =>
      (await system.graphql<{ memberStats: { fullMembers: number } }>('{ memberStats { fullMembers } }'))
        .data!.memberStats.fullMembers;
    await published.start(await fullMembers());

    // the mutations come from several operators, each within the gateway's per-token rate limit
    // (300 requests in 10 s by default), as they would in a working day
    const operators = await Promise.all(
      Array.from({ length: Math.max(1, Math.ceil(rate / 20)) }, (_, i) =>
        system.token('operator', null, `bench-operator-${i}`),
      ),
    );
    let added = 0;
    // each mutation adds one full member; returns when each response came back, and the failures
    const drive = async (count: number, label: string) => {
      const started = performance.now();
      const responses: number[] = [];
      // how long each mutation took to be answered (the operator's wait)
      const answeredIn: number[] = [];
      const failures = new Map<string, number>();
      const failed = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
      const inFlight: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const n = added++;
        const sent = performance.now();
        inFlight.push(
          system
            .graphql(
              'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
              {
                input: {
                  name: `${label}${n}`,
                  stage: 'FULL',
                  socialOrganizationId: organizationIds[n % organizationIds.length],
                },
              },
              { token: operators[n % operators.length] },
            )
            .then(
              (result) => {
                if (result.errors)
                  failed(String(result.errors[0]?.extensions?.code ?? result.errors[0]?.message));
                else {
                  responses.push(performance.now());
                  answeredIn.push(performance.now() - sent);
                }
              },
              (error: Error & { cause?: { code?: string } }) => {
                failed(error.cause?.code ?? error.message);
              },
            ),
        );
      }
      await Promise.all(inFlight);
      return {
        started,
        responses: responses.sort((a, b) => a - b),
        answeredIn: answeredIn.sort((a, b) => a - b),
        failures,
      };
    };

    // one measured pass with the walls connected now
    const measure = async (label: string): Promise<Pass> => {
      const base = await fullMembers();
      walls.forget();
      log(`${label}: ${walls.count} subscribers, adding ${rate * seconds} full members at ${rate}/s…`);
      const cpuNow = () => new Map([...cpuTimes(system.processes), ...supportingCpuTimes()]);
      const gatewayPid = system.processes.get('gateway')?.child.pid;
      const gatewaySplit = () => (gatewayPid === undefined ? undefined : processCpuSplitMs(gatewayPid));
      const cpuBefore = cpuNow();
      const splitBefore = gatewaySplit();
      const framesBefore = walls.frames;
      const { started, responses, answeredIn, failures } = await drive(rate * seconds, '压测');
      const cpuAfter = cpuNow();
      const splitAfter = gatewaySplit();
      const elapsedSeconds = (performance.now() - started) / 1000;
      const frames = walls.frames - framesBefore;
      // the last events are still on their way
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const cpuMs = new Map([...cpuAfter].map(([name, ms]) => [name, ms - (cpuBefore.get(name) ?? 0)]));
      return {
        label,
        subscribers: walls.count,
        mutations: responses.length,
        failures,
        answeredIn,
        elapsedSeconds,
        frames,
        cpuMs,
        gatewaySystemMs: splitBefore && splitAfter ? splitAfter.system - splitBefore.system : Number.NaN,
        ...walls.latencies(base, responses, published),
      };
    };

    await walls.connect(subscribers, await fullMembers());
    // upstream subscriptions open after the client's; let them settle
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // an unmeasured run first: the servers' JIT, connection pools and caches warm up, as on a system
    // that has been running
    if (warmupSeconds > 0) {
      log(`warming up: ${rate * warmupSeconds} full members at ${rate}/s, not measured…`);
      await drive(rate * warmupSeconds, '预热');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // then one unmeasured pass with only the baseline subscribed: the first baseline pass after the
      // walls connected was the dearest of the three in 4 runs of 8 even after a 20 s warm-up, by up to
      // 1.45 times the cheapest, which understated the growth
      if (baseline) {
        await walls.watch(baseline, await fullMembers());
        await new Promise((resolve) => setTimeout(resolve, 1000));
        log(`warming up: ${baseline} subscribers, ${rate * seconds} full members, not measured…`);
        await drive(rate * seconds, '预热');
        await walls.watch(subscribers, await fullMembers());
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    // B S, S B, B S…: a drift over the run weighs on both sizes alike
    const order = Array.from({ length: rounds }, (_, round) =>
      !baseline ? ['full'] : round % 2 === 0 ? ['baseline', 'full'] : ['full', 'baseline'],
    ).flat();
    const passes: Pass[] = [];
    for (const label of order) {
      const watching = label === 'baseline' ? baseline : subscribers;
      if (walls.count !== watching) {
        await walls.watch(watching, await fullMembers());
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      passes.push(await measure(label));
    }
    const small = baseline ? combine(passes.filter((pass) => pass.label === 'baseline')) : undefined;
    const full = combine(passes.filter((pass) => pass.label === 'full'));
    for (const pass of small ? [small, full] : [full]) print(describe(pass));
    const floor = await bareBroadcast(
      subscribers,
      full.frames / full.subscribers / full.elapsedSeconds,
      walls,
    );
    print(
      `live: a bare ws server sending the same frames to ${subscribers} clients: ${floor.toFixed(1)} µs CPU per frame`,
    );
    if (small) {
      const perMutation = (pass: Pass) => (pass.cpuMs.get('gateway') ?? 0) / Math.max(1, pass.mutations);
      const framesPerMutation = (pass: Pass) => pass.frames / Math.max(1, pass.mutations);
      const signed = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(0)}%`;
      const growth = perMutation(full) / perMutation(small) - 1;
      const perExtraFrame =
        ((perMutation(full) - perMutation(small)) * 1000) /
        Math.max(1e-9, framesPerMutation(full) - framesPerMutation(small));
      // each round's two passes side by side, to show how much the machine moved between rounds
      const byRound = Array.from({ length: rounds }, (_, round) => {
        const [a, b] = passes.slice(round * 2, round * 2 + 2) as [Pass, Pass];
        const [one, all] = a.label === 'baseline' ? [a, b] : [b, a];
        return `${perMutation(one).toFixed(2)} → ${perMutation(all).toFixed(2)} ms ${signed(perMutation(all) / perMutation(one) - 1)}`;
      });
      print(
        `live: gateway CPU per mutation ${perMutation(small).toFixed(2)} ms at ${small.subscribers} subscribers, ${perMutation(full).toFixed(2)} ms at ${full.subscribers} (${signed(growth)}; by round ${byRound.join(', ')}); each extra frame ${perExtraFrame.toFixed(1)} µs, ${(perExtraFrame / floor).toFixed(2)}× the bare ws server's`,
      );
      // where the growth is: the gateway's own code, or the kernel sending the extra frames (over
      // loopback the sender's send also runs the receiving socket's TCP work, which a network would not
      // put on the gateway)
      const systemPerMutation = (pass: Pass) => pass.gatewaySystemMs / Math.max(1, pass.mutations);
      const userPerMutation = (pass: Pass) => perMutation(pass) - systemPerMutation(pass);
      print(
        `live: of that, the gateway's own code ${userPerMutation(small).toFixed(2)} → ${userPerMutation(full).toFixed(2)} ms (${signed(userPerMutation(full) / userPerMutation(small) - 1)}), the kernel on its behalf ${systemPerMutation(small).toFixed(2)} → ${systemPerMutation(full).toFixed(2)} ms (${(((systemPerMutation(full) - systemPerMutation(small)) * 1000) / Math.max(1e-9, framesPerMutation(full) - framesPerMutation(small))).toFixed(1)} µs per extra frame)`,
      );
    }
  } finally {
    published.stop();
    await walls.close();
    await system.stopAll();
  }
}

/** What one measured pass saw. */
interface Pass extends WallLatencies {
  label: string;
  subscribers: number;
  mutations: number;
  failures: Map<string, number>;
  /** Each mutation's time to its answer, sorted. */
  answeredIn: number[];
  elapsedSeconds: number;
  /** Events that reached the subscribers during the pass. */
  frames: number;
  /** CPU milliseconds of each server, the database, Redis and the bench over the pass. */
  cpuMs: Map<string, number>;
  /** Of the gateway's, the milliseconds in the kernel on its behalf (its sends are most of them). */
  gatewaySystemMs: number;
}

interface WallLatencies {
  /** Each (mutation, subscriber) pair's latency, sorted. */
  latencies: number[];
  missing: number;
  /** Per mutation, sorted: response → published; published → first wall; first wall → last wall. */
  toPublished: number[];
  toFirstWall: number[];
  toLastWall: number[];
}

function describe(pass: Pass): string {
  const per = (ms: number) => ms / Math.max(1, pass.mutations);
  const pct = (values: number[], p: number) => percentile(values, p).toFixed(1);
  const spread = (values: number[]) => `p50 ${pct(values, 50)}, p95 ${pct(values, 95)}`;
  const failures = [...pass.failures].map(([reason, n]) => `${reason} ×${n}`).join(', ');
  const failed = [...pass.failures.values()].reduce((a, b) => a + b, 0);
  return [
    `live (${pass.label}): ${pass.subscribers} subscribers, ${pass.mutations} mutations at ${(pass.mutations / pass.elapsedSeconds).toFixed(1)}/s (${failed} failed${failed ? `: ${failures}` : ''}), answered in ${spread(pass.answeredIn)} ms`,
    `live (${pass.label}): mutation response → statistics event at a subscriber, over ${pass.latencies.length} pairs (${pass.missing} never seen)`,
    `live (${pass.label}): events to each subscriber ${(pass.frames / pass.subscribers / pass.elapsedSeconds).toFixed(1)}/s, ${(pass.frames / Math.max(1, pass.mutations)).toFixed(1)} frames per mutation in all`,
    `live (${pass.label}): CPU per mutation: ${[...pass.cpuMs].map(([name, ms]) => `${name} ${per(ms).toFixed(2)} ms`).join(', ')}`,
    `live (${pass.label}): cores used: ${[...pass.cpuMs].map(([name, ms]) => `${name} ${(ms / 1000 / pass.elapsedSeconds).toFixed(2)}`).join(', ')}`,
    `live (${pass.label}): where the time went, per mutation (ms): response → published by party-work ${spread(pass.toPublished)}; → first wall ${spread(pass.toFirstWall)}; first → last wall ${spread(pass.toLastWall)}`,
    `live (${pass.label}): p50 ${pct(pass.latencies, 50)} ms   p95 ${pct(pass.latencies, 95)} ms   p99 ${pct(pass.latencies, 99)} ms   max ${(pass.latencies.at(-1) ?? Number.NaN).toFixed(1)} ms`,
  ].join('\n');
}

/**
 * The wall screens: graphql-ws clients of the gateway, each following the national member figure. All
 * stay connected; `watch` sets how many of them (the first n) have the subscription running.
 */
class Walls {
  private readonly walls: Wall[] = [];
  /** Walls 0..watching−1 are subscribed. */
  private watching = 0;
  /** Events received by every subscriber so far. */
  frames = 0;
  /** The size of the first event's payload (the bare server's frames are made as large). */
  payloadBytes = 0;

  constructor(
    private readonly url: string,
    private readonly wallToken: () => Promise<string>,
  ) {}

  /** Subscribers now. */
  get count(): number {
    return this.watching;
  }

  /** Connects `count` walls, each subscribed; the figure is at `current` now, so only rises above it are news. */
  async connect(count: number, current: number): Promise<void> {
    log(`connecting ${count} subscribers through the gateway…`);
    await Promise.all(
      Array.from({ length: count }, async () => {
        const client = createClient({
          url: this.url,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${await this.wallToken()}` },
          lazy: false,
        });
        const wall: Wall = { client, seen: new Map(), stop: null };
        this.walls.push(wall);
        await new Promise<void>((resolve) => client.on('connected', () => resolve()));
      }),
    );
    await this.watch(this.walls.length, current);
  }

  /** Leaves the first `count` walls subscribed (subscribing those that were not) and stops the others. */
  async watch(count: number, current: number): Promise<void> {
    log(`${count} of ${this.walls.length} walls subscribed…`);
    this.walls.forEach((wall, i) => {
      if (i < count && !wall.stop) this.subscribe(wall, current);
      if (i >= count && wall.stop) {
        wall.stop();
        wall.stop = null;
      }
    });
    this.watching = count;
  }

  private subscribe(wall: Wall, current: number): void {
    let highest = current;
    wall.stop = wall.client.subscribe<{ memberStatsChanged: { fullMembers: number } }>(
      { query: 'subscription { memberStatsChanged { fullMembers } }' },
      {
        next: (result) => {
          const now = performance.now();
          this.frames++;
          const value = result.data?.memberStatsChanged.fullMembers ?? 0;
          for (let v = highest + 1; v <= value; v++) wall.seen.set(v, now);
          highest = Math.max(highest, value);
          this.payloadBytes ||= JSON.stringify(result).length;
        },
        error: (error) => {
          throw new Error(`a wall's subscription failed: ${JSON.stringify(error)}`);
        },
        complete: () => {},
      },
    );
  }

  /**
   * Drops what the walls saw so far: a pass reads only the values above its own base. Kept for a whole
   * run, 500 walls held millions of entries by the last pass, and the bench's own garbage collection
   * held up its clients and its mutations' answers, which it timed.
   */
  forget(): void {
    for (const wall of this.walls) wall.seen.clear();
  }

  /** The latencies of the mutations answered at `responses` (sorted), which took the figure past `base`. */
  latencies(base: number, responses: number[], published: Publications): WallLatencies {
    const latencies: number[] = [];
    const toPublished: number[] = [];
    const toFirstWall: number[] = [];
    const toLastWall: number[] = [];
    let missing = 0;
    responses.forEach((respondedAt, k) => {
      const value = base + k + 1;
      let first = Number.POSITIVE_INFINITY;
      let last = Number.NEGATIVE_INFINITY;
      for (const { seen } of this.walls.slice(0, this.watching)) {
        const at = seen.get(value);
        if (at === undefined) {
          missing++;
          continue;
        }
        latencies.push(Math.max(0, at - respondedAt));
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      const publishedAt = published.at(value);
      if (publishedAt !== undefined && Number.isFinite(first)) {
        toPublished.push(Math.max(0, publishedAt - respondedAt));
        toFirstWall.push(first - Math.max(publishedAt, respondedAt));
        toLastWall.push(last - first);
      }
    });
    const sort = (values: number[]) => values.sort((a, b) => a - b);
    return {
      latencies: sort(latencies),
      missing,
      toPublished: sort(toPublished),
      toFirstWall: sort(toFirstWall),
      toLastWall: sort(toLastWall),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.walls.map(({ client }) => client.dispose()));
  }
}

interface Wall {
  client: Client;
  /** When it first saw each figure value. */
  seen: Map<number, number>;
  /** Ends its subscription; null while it has none. */
  stop: (() => void) | null;
}

/** The passes of one size as one: their mutations, frames, CPU and latencies together. */
function combine(passes: Pass[]): Pass {
  const [first] = passes as [Pass];
  const all = <T>(pick: (pass: Pass) => T[]) => passes.flatMap(pick);
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const sum = (pick: (pass: Pass) => number) => passes.reduce((total, pass) => total + pick(pass), 0);
  const added = <K>(maps: Array<Map<K, number>>) => {
    const total = new Map<K, number>();
    for (const map of maps) for (const [key, value] of map) total.set(key, (total.get(key) ?? 0) + value);
    return total;
  };
  return {
    label: first.label,
    subscribers: first.subscribers,
    mutations: sum((pass) => pass.mutations),
    failures: added(passes.map((pass) => pass.failures)),
    answeredIn: sorted(all((pass) => pass.answeredIn)),
    elapsedSeconds: sum((pass) => pass.elapsedSeconds),
    frames: sum((pass) => pass.frames),
    cpuMs: added(passes.map((pass) => pass.cpuMs)),
    gatewaySystemMs: sum((pass) => pass.gatewaySystemMs),
    latencies: sorted(all((pass) => pass.latencies)),
    missing: sum((pass) => pass.missing),
    toPublished: sorted(all((pass) => pass.toPublished)),
    toFirstWall: sorted(all((pass) => pass.toFirstWall)),
    toLastWall: sorted(all((pass) => pass.toLastWall)),
  };
}

/**
 * When party-work published each value of the national member figure, heard on the system's Redis
 * channel for it (as the gateway's upstream subscription hears it, one hop earlier).
 */
class Publications {
  private readonly firstAt = new Map<number, number>();
  private highest = 0;
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly namespace: string,
  ) {
    this.redis = new Redis(redisUrl);
  }

  /** Listens from now on, when the figure is at `current`. */
  async start(current: number): Promise<void> {
    this.highest = current;
    this.redis.on('message', (_channel: string, message: string) => {
      const now = performance.now();
      const value = (JSON.parse(message) as { fullMembers: number }).fullMembers;
      for (let v = this.highest + 1; v <= value; v++) this.firstAt.set(v, now);
      this.highest = Math.max(this.highest, value);
    });
    await this.redis.subscribe(`${this.namespace}:MEMBER_STATS_CHANGED:national`);
  }

  at(value: number): number | undefined {
    return this.firstAt.get(value);
  }

  stop(): void {
    this.redis.disconnect();
  }
}

/**
 * Runs bare-broadcast.ts as its own process for 10 s, sending `perSecond` frames a second to `count`
 * clients in this process, and returns its CPU microseconds per frame.
 */
async function bareBroadcast(count: number, perSecond: number, walls: Walls): Promise<number> {
  log(`a bare ws server: ${count} clients, ${perSecond.toFixed(1)} frames a second each, 10 s…`);
  const server = fork(fileURLToPath(new URL('./bare-broadcast.ts', import.meta.url)));
  // stopped with the bench, even when the bench is interrupted
  server.once(
    'exit',
    whileStarted(async () => void server.kill()),
  );
  const sockets: WebSocket[] = [];
  try {
    const { port } = await new Promise<{ port: number }>((resolve, reject) => {
      server.once('message', resolve as (message: unknown) => void);
      server.once('error', reject);
    });
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`ws://127.0.0.1:${port}`);
            sockets.push(socket);
            // what a graphql-ws client does first with each frame
            socket.on('message', (data) => JSON.parse(String(data)));
            socket.once('open', () => resolve());
            socket.once('error', reject);
          }),
      ),
    );
    const answer = new Promise<{ cpuMs: number; frames: number }>((resolve) =>
      server.once('message', resolve as (message: unknown) => void),
    );
    server.send({ perSecond, seconds: 10, payloadBytes: walls.payloadBytes });
    const { cpuMs, frames } = await answer;
    return (cpuMs * 1000) / Math.max(1, frames);
  } finally {
    for (const socket of sockets) socket.terminate();
    server.kill();
  }
}

/**
 * The system on the kept data set of `organizations` (seeded once, as `bench scale` keeps it), with what
 * this bench asks of a system: admin reads, tokens per operator, and its processes for their CPU.
 */
async function onKeptDataSet(organizations: number) {
  const data = keptDataSet(organizations);
  await ensureSeeded(data, 'live');
  await sizeBufferPool(data, 'live');
  const kept = await startKeptSystem(data);
  const redis = new Redis(common.redisUrl);
  try {
    await awaitEventsApplied(redis, data, 'live');
  } finally {
    redis.disconnect();
  }
  const token = (role: 'admin' | 'operator', regionCode: string | null = null, subject = `bench-${role}`) =>
    signDevelopmentToken({ subject, roles: [role], regionCode }, common.auth);
  return {
    ...kept,
    redisUrl: common.redisUrl,
    redisNamespace: data.namespace,
    token,
    async graphql<T>(
      query: string,
      variables: Record<string, unknown> = {},
      options: { token?: string } = {},
    ) {
      const response = await fetch(kept.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.token ?? (await token('admin'))}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as {
        data?: T;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
    },
    stopAll: () => kept.stop(),
  };
}
