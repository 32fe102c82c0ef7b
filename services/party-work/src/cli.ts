/**
 * Operator commands for the party-work subgraph:
 *   node dist/cli.js migrate           create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]   load the demo data of the same N demo organizations and Party
 *                                      organizations that the organization subgraph seeds: copies of both,
 *                                      members with history, a year of activities, appraisals, talks,
 *                                      training, staff and funding (idempotent)
 *   node dist/cli.js import members FILE      import members from a .csv or .xlsx file (idempotent on the ID number)
 *   node dist/cli.js import activities FILE   import activities (idempotent on branch, type, time and title)
 *   node dist/cli.js import appraisals FILE   import 民主评议 grades (idempotent on the member and year)
 *   node dist/cli.js import training FILE     import training (idempotent on person, title and date)
 *   node dist/cli.js bench [--orgs N] time activityStats, memberStats, fundingStats and workAlerts on this database
 *   node dist/cli.js resync            rebuild the copies of social organizations and Party organizations from
 *                                      the organization subgraph at ORGANIZATION_URL (which must be running),
 *                                      then recompute the statistics that roll up by them (idempotent)
 * (`pnpm run import` at the repository root runs the organization subgraph's command.)
 */
// type-graphql's decorators need the polyfill before the first class of the schema is defined
import 'reflect-metadata';
import { resolve } from 'node:path';
import { runDatabaseCli } from '@pb/platform/cli';
import { openDatabase } from '@pb/platform/database';
import { createLogger } from '@pb/platform/logger';
import { UsageError } from '@pb/platform/process';
import { createRedisPubSub } from '@pb/platform/pubsub';
import { connectRedis } from '@pb/platform/redis';
import { ProducerClient } from '@pb/platform/resync';
import { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { createPartyWorkServices } from './app.js';
import { readPartyWorkConfig } from './config.js';
import { databaseSettings } from './database.js';
import { OrganizationReplicaResync } from './organization-replica/organization-replica.resync.js';
import { withCheckedPersonalDataKey } from './personal-data/key-check.js';
import { PersonalDataCipher } from './personal-data/personal-data.cipher.js';
import { seedPartyWork } from './seed/party-work-seed.js';

const config = readPartyWorkConfig();

/** Runs `work` with the services over Redis, so figures and events go out as from the server. */
async function withServices<T>(
  dataSource: DataSource,
  work: (services: ReturnType<typeof createPartyWorkServices>) => Promise<T>,
): Promise<T> {
  const redis = await connectRedis(config.redisUrl, 'party-work-cli');
  const pubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'party-work-cli');
  try {
    const logger = createLogger('party-work', config.logLevel);
    const services = createPartyWorkServices({ dataSource, redis, pubSub: pubSub.pubSub, config, logger });
    const result = await work(services);
    // the events of what the command changed leave before it exits
    await services.outbox.drain();
    // every figure, not a chosen few: one still publishing when Redis closes fails the command
    for (const figure of services.liveFigures) await figure.settled();
    return result;
  } finally {
    await pubSub.close();
    redis.disconnect();
  }
}

await runDatabaseCli(
  'party-work',
  async (connectAs) =>
    withCheckedPersonalDataKey(
      await openDatabase(databaseSettings(config, connectAs)),
      config.personalDataKey,
    ),
  {
    migrate: {
      describe: 'create the database and apply pending migrations',
      run: async () => {
        process.stdout.write(`party-work: database ${config.database} is migrated\n`);
      },
    },
    seed: {
      describe: 'load the party-work demo data of N deterministic demo organizations (--orgs N, default 300)',
      // as the owner: it drops the secondary indexes of empty tables while it loads them (deferred-indexes.ts)
      connectAs: 'owner',
      run: async (dataSource, { orgs }) => {
        await seedPartyWork(dataSource, orgs, new PersonalDataCipher(config.personalDataKey), (line) =>
          process.stdout.write(`party-work: ${line}\n`),
        );
      },
    },
    bench: {
      describe: 'time the statistics reads a wall makes (national and one province), 20 runs each',
      run: async (dataSource) => {
        const admin = new Viewer('bench', ['admin'], null);
        await withServices(
          dataSource,
          async ({ activityStats, memberStats, fundingStats, trainingStats, workAlerts }) => {
            const reads: Array<[string, () => Promise<unknown>]> = [
              ['activityStats(regionCode: null)', () => activityStats.snapshot(null, null, admin)],
              ['activityStats(regionCode: "330000")', () => activityStats.snapshot('330000', null, admin)],
              ['activityStatsByRegion(parentCode: null)', () => activityStats.byRegion(null, null, admin)],
              ['memberStats(regionCode: null)', () => memberStats.snapshot(null, admin)],
              ['fundingStats(regionCode: null)', () => fundingStats.snapshot(null, null, admin)],
              ['trainingStats(regionCode: null)', () => trainingStats.snapshot(null, null, admin)],
              [
                'workAlerts(regionCode: "330106", first: 20)',
                () => workAlerts.list('330106', null, { limit: 20, afterSeq: 0 }, admin),
              ],
            ];
            for (const [name, read] of reads) {
              const times: number[] = [];
              for (let i = 0; i < 20; i++) {
                const started = performance.now();
                await read();
                times.push(performance.now() - started);
              }
              times.sort((a, b) => a - b);
              const at = (q: number) =>
                (times[Math.min(times.length - 1, Math.floor(q * times.length))] as number).toFixed(1);
              process.stdout.write(
                `party-work: ${name.padEnd(46)} median ${at(0.5)} ms, p95 ${at(0.95)} ms\n`,
              );
            }
          },
        );
      },
    },
    resync: {
      describe:
        'rebuild the copies of organizations and Party organizations from the organization subgraph (ORGANIZATION_URL)',
      run: async (dataSource) => {
        const started = Date.now();
        const producer = new ProducerClient(config.organizationUrl, config.auth.gatewaySecret, 'party-work');
        const summary = await withServices(dataSource, ({ changes, workAlertKeeper }) =>
          new OrganizationReplicaResync(dataSource, changes, producer, workAlertKeeper, (line) =>
            process.stderr.write(`${line}\n`),
          ).run(),
        );
        process.stdout.write(
          `party-work resync from ${config.organizationUrl}: social organizations ${summary.organizations.total} (${summary.organizations}); ` +
            `Party organizations ${summary.partyOrganizations.total} (${summary.partyOrganizations}); ` +
            `statistics recomputed in ${summary.statisticsMs} ms; done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
      },
    },
    import: {
      describe:
        'import members|activities|appraisals|training FILE.csv|FILE.xlsx: check every row, import the good ones',
      run: async (dataSource, { args }) => {
        const usage = 'import members|activities|appraisals|training FILE.csv|FILE.xlsx';
        const [kind, file] = args;
        if (!['members', 'activities', 'appraisals', 'training'].includes(kind ?? '') || !file)
          throw new UsageError(`usage: ${usage}`);
        // pnpm runs scripts from the repository root; a relative path means the caller's directory
        const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
        const admin = new Viewer('cli', ['admin'], null);
        const progress = (done: number) => process.stderr.write(`party-work: import ${done} rows read\n`);
        const report = await withServices(dataSource, ({ bulk }) =>
          kind === 'members'
            ? bulk.importMembers({ path }, admin, progress)
            : kind === 'appraisals'
              ? bulk.importAppraisals({ path }, admin, progress)
              : kind === 'training'
                ? bulk.importTraining({ path }, admin, progress)
                : bulk.importActivities({ path }, admin, progress),
        );
        for (const problem of report.rejected)
          process.stdout.write(
            `line ${problem.line}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}\n`,
          );
        process.stdout.write(
          `party-work: ${report.total} rows: ${report.imported} imported, ${report.unchanged} unchanged, ${report.rejected.length} rejected\n`,
        );
        if (report.rejected.length > 0) process.exitCode = 2;
      },
    },
  },
);
