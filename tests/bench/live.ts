import { parseArgs } from 'node:util';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { type Client, createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { startSystem } from '../utils/system.js';
import {
  awaitEventsApplied,
  common,
  cpuTimes,
  ensureSeeded,
  keptDataSet,
  log,
  percentile,
  sizeBufferPool,
  startKeptSystem,
  supportingCpuTimes,
} from './kept.js';

/**
 * Live latency: S wall subscribers watch the national member figure through the gateway while an operator
 * adds full members at R per second. When the k-th mutation response arrives, the figure is at least
 * base + k; a subscriber's latency for it is the time until it first shows a figure that high (zero when
 * the event beat the response). Prints p50/p95/p99 over every (mutation, subscriber) pair, after an
 * unmeasured warm-up at the same rate (`--warmup` seconds, 5 by default).
 */
export async function benchLive(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      subscribers: { type: 'string', default: '200' },
      rate: { type: 'string', default: '100' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      // on the kept data set of that many organizations (as `bench scale` uses) instead of 300 fresh ones
      orgs: { type: 'string' },
    },
  });
  const subscribers = Number(values.subscribers);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);
  log(`starting the system (both subgraphs, gateway) on free ports…`);
  const system = values.orgs
    ? await onKeptDataSet(Number(values.orgs))
    : await startSystem({ organizations: 300 });
  const clients: Client[] = [];
  try {
    const organizations = await system.graphql<{
      socialOrganizations: { edges: Array<{ node: { id: string } }> };
    }>('{ socialOrganizations(first: 300) { edges { node { id } } } }');
    const organizationIds = organizations.data!.socialOrganizations.edges.map((e) => e.node.id);
    let base = (
      await system.graphql<{ memberStats: { fullMembers: number } }>('{ memberStats { fullMembers } }')
    ).data!.memberStats.fullMembers;

    // per subscriber: when it first saw each figure value
    const firstSeen: Array<Map<number, number>> = [];
    log(`connecting ${subscribers} subscribers through the gateway…`);
    await Promise.all(
      Array.from({ length: subscribers }, async (_, i) => {
        const seen = new Map<number, number>();
        firstSeen[i] = seen;
        let highest = base;
        // each subscriber is a wall screen with its own token, fetched as a screen fetches it
        const { token: wallToken } = (await (await fetch(`${system.baseUrl}/wall-config.json`)).json()) as {
          token: string;
        };
        const client = createClient({
          url: system.gatewayWsUrl,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${wallToken}` },
          lazy: false,
        });
        clients.push(client);
        await new Promise<void>((resolve, reject) => {
          client.subscribe<{ memberStatsChanged: { fullMembers: number } }>(
            { query: 'subscription { memberStatsChanged { fullMembers } }' },
            {
              next: ({ data }) => {
                const value = data?.memberStatsChanged.fullMembers ?? 0;
                const now = performance.now();
                for (let v = highest + 1; v <= value; v++) seen.set(v, now);
                highest = Math.max(highest, value);
              },
              error: reject,
              complete: () => {},
            },
          );
          client.on('connected', () => resolve());
        });
      }),
    );
    // upstream subscriptions open after the client's; let them settle
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // the mutations come from several operators, each within the gateway's per-token rate limit
    // (300 requests in 10 s by default), as they would in a working day
    const operators = await Promise.all(
      Array.from({ length: Math.max(1, Math.ceil(rate / 20)) }, (_, i) =>
        system.token('operator', null, `bench-operator-${i}`),
      ),
    );
    const total = rate * seconds;
    const responses: number[] = [];
    let failures = 0;
    const failureReasons = new Map<string, number>();
    const failed = (reason: string) => {
      failures++;
      failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
    };
    // each mutation adds one full member; with `record`, its response time (or failure) is kept
    const drive = async (count: number, label: string, record: boolean) => {
      const started = performance.now();
      const inFlight: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(
          system
            .graphql(
              'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }',
              {
                input: {
                  name: `${label}${i}`,
                  stage: 'FULL',
                  socialOrganizationId: organizationIds[i % organizationIds.length],
                },
              },
              { token: operators[i % operators.length] },
            )
            .then(
              (result) => {
                if (!record) return;
                if (result.errors)
                  failed(String(result.errors[0]?.extensions?.code ?? result.errors[0]?.message));
                else responses.push(performance.now());
              },
              (error: Error & { cause?: { code?: string } }) => {
                if (record) failed(error.cause?.code ?? error.message);
              },
            ),
        );
      }
      await Promise.all(inFlight);
      return started;
    };
    // a short unmeasured run first: the servers' JIT, connection pools and caches warm up, as on a
    // system that has been running
    if (warmupSeconds > 0) {
      log(`warming up: ${rate * warmupSeconds} full members at ${rate}/s, not measured…`);
      await drive(rate * warmupSeconds, '预热', false);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      base = (
        await system.graphql<{ memberStats: { fullMembers: number } }>('{ memberStats { fullMembers } }')
      ).data!.memberStats.fullMembers;
    }
    log(`adding ${total} full members at ${rate}/s…`);
    const cpuNow = () => new Map([...cpuTimes(system.processes), ...supportingCpuTimes()]);
    const cpuBefore = cpuNow();
    const started = await drive(total, '压测', true);

    const cpuAfter = cpuNow();
    const elapsedSeconds = (performance.now() - started) / 1000;
    const achievedRate = total / elapsedSeconds;
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const latencies: number[] = [];
    let missing = 0;
    responses.sort((a, b) => a - b);
    responses.forEach((respondedAt, k) => {
      const value = base + k + 1;
      for (const seen of firstSeen) {
        const at = seen.get(value);
        if (at === undefined) missing++;
        else latencies.push(Math.max(0, at - respondedAt));
      }
    });
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => percentile(latencies, p);
    process.stdout.write(
      [
        `live: ${subscribers} subscribers, ${responses.length} mutations at ${achievedRate.toFixed(1)}/s (${failures} failed${
          failures ? `: ${[...failureReasons].map(([reason, n]) => `${reason} ×${n}`).join(', ')}` : ''
        })`,
        `live: mutation response → statistics event at a subscriber, over ${latencies.length} pairs (${missing} never seen)`,
        `live: CPU per mutation: ${[...cpuAfter]
          .map(
            ([name, ms]) =>
              `${name} ${((ms - (cpuBefore.get(name) ?? 0)) / Math.max(1, responses.length)).toFixed(2)} ms`,
          )
          .join(', ')}`,
        `live: cores used while adding: ${[...cpuAfter]
          .map(
            ([name, ms]) =>
              `${name} ${((ms - (cpuBefore.get(name) ?? 0)) / 1000 / elapsedSeconds).toFixed(2)}`,
          )
          .join(', ')}`,
        `live: p50 ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   p99 ${pct(99).toFixed(1)} ms   max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await system.stopAll();
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
