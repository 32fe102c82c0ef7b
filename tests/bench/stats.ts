import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EnvReader, readCommonConfig, signDevelopmentToken } from '@pb/platform';
import { Redis } from 'ioredis';
import { runToEnd, spawnServer, terminate } from '../utils/system.js';

/**
 * Statistics reads at scale: seeds N demo organizations (with their Party organizations, coverage, about
 * ten members each and a year of organizational life) into databases of the bench's own — kept between
 * runs, since seeding again adds nothing — starts both subgraphs, and times the wall's national reads:
 * the first after the figure caches are emptied, then repeated reads.
 */
export async function benchStats(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { orgs: { type: 'string', default: '100000' }, reads: { type: 'string', default: '30' } },
  });
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const common = readCommonConfig(reader);
  reader.done();
  const namespace = 'pbbench';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    MYSQL_URL: common.mysqlUrl,
    REDIS_URL: common.redisUrl,
    REDIS_NAMESPACE: namespace,
    ORGANIZATION_DATABASE: `pbbench_${values.orgs}_organization`,
    PARTY_WORK_DATABASE: `pbbench_${values.orgs}_party_work`,
  };
  for (const service of ['organization', 'party-work']) {
    const started = performance.now();
    log(`seeding ${values.orgs} organizations into ${service} (kept for the next run)…`);
    await runToEnd('node', [`services/${service}/dist/cli.js`, 'seed', '--orgs', values.orgs!], env);
    print(
      `stats: seed ${service} with ${values.orgs} organizations: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const servers = [
    await spawnServer('organization', 'services/organization/dist/index.js', {
      ...env,
      PORT: '0',
      LOG_LEVEL: 'info',
    }),
    await spawnServer('party-work', 'services/party-work/dist/index.js', {
      ...env,
      PORT: '0',
      LOG_LEVEL: 'info',
    }),
  ];
  const redis = new Redis(common.redisUrl);
  try {
    const token = await signDevelopmentToken({ subject: 'bench', roles: ['wall'] }, common.auth);
    const reads: Array<[string, number, string]> = [
      [
        'coverageStats(regionCode: null)',
        servers[0]!.port,
        '{ coverageStats { organizations partyCovered eligibleStandalone version } }',
      ],
      [
        'activityStats(regionCode: null)',
        servers[1]!.port,
        '{ activityStats { activities complianceRate branches version } }',
      ],
      ['memberStats(regionCode: null)', servers[1]!.port, '{ memberStats { fullMembers version } }'],
    ];
    for (const [name, port, query] of reads) {
      const keys = await redis.keys(`${namespace}:*figure*`);
      if (keys.length > 0) await redis.del(...keys);
      const timings: number[] = [];
      for (let i = 0; i < Number(values.reads); i++) {
        const started = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
        timings.push(performance.now() - started);
      }
      const [first, ...repeated] = timings;
      repeated.sort((a, b) => a - b);
      const pct = (p: number) =>
        repeated[Math.min(repeated.length - 1, Math.floor((p / 100) * repeated.length))]!;
      print(
        `stats: ${name}: first ${first!.toFixed(1)} ms, then p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms over ${repeated.length} reads`,
      );
    }
  } finally {
    redis.disconnect();
    for (const server of servers) await terminate(server.child, 'SIGTERM');
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
