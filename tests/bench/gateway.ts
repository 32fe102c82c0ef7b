import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GatewayPassSigner } from '@pb/platform/gateway-pass';
import { repoRoot, startSystem, whileStarted } from '../utils/system.js';
import { common, log, percentile, print } from './kept.js';
import { wallOperations } from './wall-operations.js';

/**
 * `pnpm bench gateway`: ours (the Hive Gateway runtime with every limit on), `@apollo/gateway` 2 on
 * `@apollo/server` with the same supergraph, and the organization subgraph called directly, in one run on
 * the same subgraphs: a single-subgraph read, a joined read and the wall's snapshot (every query it sends
 * on open, at once). Each is warmed up first, then loaded by `--connections` clients for `--seconds`, then
 * timed alone. Prints req/s, p50/p99 under load, p50 alone, and the ratios the gateway issue asks for.
 *
 * The front door's rate limits are raised for this run (RATE_LIMIT_PER_TOKEN/_PER_ADDRESS): every request
 * comes from one address and token, which the defaults would refuse at 30 and 200 requests a second.
 * Every other limit and check stays on; `@apollo/gateway` has none of them.
 */
const SINGLE = '{ coverageStats { organizations partyCovered workCovered organizationCoverageRate } }';
const JOINED = '{ socialOrganizations(first: 20) { edges { node { id name fullMemberCount } } } }';

interface Target {
  name: string;
  url: string;
  headers(body: string): Record<string, string>;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  aloneP50: number;
}

export async function benchGateway(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      connections: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      alone: { type: 'string', default: '200' },
    },
  });
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const alone = Number(values.alone);
  log('starting the system (both subgraphs, our gateway) with 300 organizations…');
  const system = await startSystem({
    organizations: 300,
    env: { RATE_LIMIT_PER_TOKEN: '100000000', RATE_LIMIT_PER_ADDRESS: '100000000' },
  });
  let apollo: ChildProcess | undefined;
  try {
    const token = await system.token('analyst');
    const bearer = () => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    log('starting @apollo/gateway on the same supergraph and subgraphs…');
    const started = await startApolloGateway(
      system.subgraphUrl('organization'),
      system.subgraphUrl('party-work'),
    );
    apollo = started.child;
    const signer = new GatewayPassSigner(common.auth.gatewaySecret);
    const viewer = { subject: 'test-analyst', roles: ['analyst'] as const, regionCode: null };
    const ours: Target = { name: 'ours', url: system.gatewayUrl, headers: bearer };
    const apolloGateway: Target = { name: '@apollo/gateway', url: started.url, headers: bearer };
    const direct: Target = {
      name: 'organization direct',
      url: system.subgraphUrl('organization'),
      headers: (body) => signer.headersFor(viewer, body, randomUUID()),
    };
    const wall = wallOperations()
      .filter((operation) => operation.kind === 'query' && operation.variables(null) !== undefined)
      .map((operation) =>
        JSON.stringify({ query: operation.document, variables: operation.variables(null) }),
      );

    const results = new Map<string, Measured>();
    const run = async (label: string, target: Target, bodies: string[]) => {
      log(`${label} via ${target.name}: warming up ${warmup} s…`);
      await load(target, bodies, connections, warmup);
      const loaded = await load(target, bodies, connections, seconds);
      const single = await load(target, bodies, 1, Number.POSITIVE_INFINITY, alone);
      const measured = { ...loaded, aloneP50: single.p50 };
      results.set(`${label}|${target.name}`, measured);
      print(
        `gateway: ${label.padEnd(8)} ${target.name.padEnd(20)} ${measured.rps.toFixed(0).padStart(6)} req/s   ` +
          `p50 ${measured.p50.toFixed(2)} ms   p99 ${measured.p99.toFixed(2)} ms   alone p50 ${measured.aloneP50.toFixed(2)} ms`,
      );
    };
    for (const target of [ours, apolloGateway, direct])
      await run('single', target, [JSON.stringify({ query: SINGLE })]);
    for (const target of [ours, apolloGateway])
      await run('joined', target, [JSON.stringify({ query: JOINED })]);
    for (const target of [ours, apolloGateway]) await run('wall', target, wall);

    const of = (label: string, name: string) => results.get(`${label}|${name}`)!;
    const ratio = (a: number, b: number) => (a / b).toFixed(2);
    print(
      `gateway: ratios at ${connections} connections (targets: ≥ 2× @apollo/gateway, ≥ 0.5× direct, ≤ 1 ms added alone)`,
    );
    for (const label of ['single', 'joined', 'wall']) {
      print(
        `gateway:   ${label}: ours ÷ @apollo/gateway ${ratio(of(label, 'ours').rps, of(label, '@apollo/gateway').rps)}× req/s`,
      );
    }
    print(
      `gateway:   single: ours ÷ direct ${ratio(of('single', 'ours').rps, of('single', 'organization direct').rps)}× req/s; ` +
        `alone ours adds ${(of('single', 'ours').aloneP50 - of('single', 'organization direct').aloneP50).toFixed(2)} ms to the p50`,
    );
  } finally {
    apollo?.kill('SIGTERM');
    await system.stopAll();
  }
}

/**
 * `connections` clients each sending the bodies in turn (one request each; the wall's snapshot counts as
 * one request of all its queries at once) until `seconds` pass or `count` requests were answered.
 */
async function load(
  target: Target,
  bodies: string[],
  connections: number,
  seconds: number,
  count = Number.POSITIVE_INFINITY,
): Promise<{ rps: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  let sent = 0;
  const send = async (body: string) => {
    const response = await fetch(target.url, { method: 'POST', headers: target.headers(body), body });
    const text = await response.text();
    if (!response.ok || text.includes('"errors"'))
      throw new Error(`${target.name} answered ${response.status}: ${text.slice(0, 300)}`);
  };
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until && sent < count) {
        sent++;
        const at = performance.now();
        await Promise.all(bodies.map(send));
        latencies.push(performance.now() - at);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

function startApolloGateway(
  organizationUrl: string,
  partyWorkUrl: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('tsx', [join(repoRoot, 'tests', 'bench', 'apollo-gateway.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SUPERGRAPH_PATH: join(repoRoot, 'schema', 'supergraph.graphql'),
      ORGANIZATION_URL: organizationUrl,
      PARTY_WORK_URL: partyWorkUrl,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stopped with the bench, even when the bench is interrupted
  child.once(
    'exit',
    whileStarted(async () => void child.kill('SIGTERM')),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`@apollo/gateway did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /apollo-gateway listening (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`@apollo/gateway exited (${code}):\n${output}`)));
  });
}
