import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import {
  awaitEventsApplied,
  common,
  emptyFigureCaches,
  ensureSeeded,
  keptDataSet,
  percentile,
  print,
  sizeBufferPool,
  startKeptSystem,
  wallToken,
} from './kept.js';

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
  const data = keptDataSet(Number(values.orgs));
  await ensureSeeded(data, 'stats');
  await sizeBufferPool(data, 'stats');

  const system = await startKeptSystem(data);
  const redis = new Redis(common.redisUrl);
  try {
    await awaitEventsApplied(redis, data, 'stats');
    const token = await wallToken('bench');
    const port = (name: string) => system.processes.get(name)!.port;
    const reads: Array<[string, number, string]> = [
      [
        'coverageStats(regionCode: null)',
        port('organization'),
        '{ coverageStats { organizations partyCovered eligibleStandalone version } }',
      ],
      [
        'activityStats(regionCode: null)',
        port('party-work'),
        '{ activityStats { activities complianceRate branches version } }',
      ],
      ['memberStats(regionCode: null)', port('party-work'), '{ memberStats { fullMembers version } }'],
    ];
    for (const [name, port, query] of reads) {
      await emptyFigureCaches(redis, data);
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
      print(
        `stats: ${name}: first ${first!.toFixed(1)} ms, then p50 ${percentile(repeated, 50).toFixed(1)} ms, p95 ${percentile(repeated, 95).toFixed(1)} ms over ${repeated.length} reads`,
      );
    }
  } finally {
    redis.disconnect();
    await system.stop();
  }
}
