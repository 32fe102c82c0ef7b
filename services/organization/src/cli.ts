/**
 * Operator commands for the organization subgraph:
 *   node dist/cli.js migrate                          create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]                  load the deterministic demo data (idempotent); the events
 *                                                     of what it adds wait in the outbox for the server's relay
 *   node dist/cli.js import organizations FILE        import a .csv or .xlsx file (idempotent on USCC)
 *   node dist/cli.js export organizations [REGION]    print the organizations (of a region) as CSV
 *   node dist/cli.js resync                           rebuild the full-member counts (eligibility) from the
 *                                                     party-work subgraph at PARTY_WORK_URL (which must be
 *                                                     running), then the coverage figures (idempotent)
 * (`pnpm run import organizations FILE` from the repository root: `pnpm import` is pnpm's own command.)
 */
// type-graphql's decorators need the polyfill before the first class of the schema is defined
import 'reflect-metadata';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runDatabaseCli } from '@pb/platform/cli';
import { openDatabase } from '@pb/platform/database';
import { eventStream } from '@pb/platform/events';
import { createLogger } from '@pb/platform/logger';
import { UsageError } from '@pb/platform/process';
import { createRedisPubSub } from '@pb/platform/pubsub';
import { connectRedis } from '@pb/platform/redis';
import { ProducerClient } from '@pb/platform/resync';
import { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { createOrganizationServices } from './app.js';
import { readOrganizationConfig } from './config.js';
import { databaseSettings } from './database.js';
import { seedOrganizations } from './seed.js';
import { FullMemberCountResync } from './social-organization/full-member-count.resync.js';

const config = readOrganizationConfig();
/** The command line acts as a national administrator. */
const operator = (regionCode: string | null = null) => new Viewer('cli', ['admin'], regionCode);

/** Runs `work` with the services over Redis (events and live figures go out as from the server). */
async function withServices<T>(
  dataSource: DataSource,
  work: (services: Awaited<ReturnType<typeof createOrganizationServices>>) => Promise<T>,
): Promise<T> {
  const redis = await connectRedis(config.redisUrl, 'organization-cli');
  const pubSub = await createRedisPubSub(config.redisUrl, config.redisNamespace, 'organization-cli');
  try {
    const services = await createOrganizationServices({
      dataSource,
      redis,
      pubSub: pubSub.pubSub,
      namespace: config.redisNamespace,
      settings: config,
      logger: createLogger('organization', config.logLevel),
    });
    const result = await work(services);
    await services.coverageStats.settled();
    return result;
  } finally {
    await pubSub.close();
    redis.disconnect();
  }
}

function expectKind(args: string[], usage: string): void {
  if (args[0] !== 'organizations') throw new UsageError(`usage: ${usage}`);
}

await runDatabaseCli('organization', (connectAs) => openDatabase(databaseSettings(config, connectAs)), {
  migrate: {
    describe: 'create the database and apply pending migrations',
    run: async () => {
      process.stdout.write(`organization: database ${config.database} is migrated\n`);
    },
  },
  seed: {
    describe: 'load N deterministic demo organizations with their coverage (--orgs N, default 300)',
    run: (dataSource, { orgs }) =>
      seedOrganizations(
        dataSource,
        orgs,
        (line) => process.stdout.write(`organization: ${line}\n`),
        // the events of what it inserts wait in the outbox for the server's relay (no Redis needed here)
        eventStream(config.redisNamespace, 'organization'),
        config,
      ),
  },
  import: {
    describe: 'import organizations FILE.csv|FILE.xlsx: validate every row, import the good ones',
    run: async (dataSource, { args }) => {
      const usage = 'import organizations FILE.csv|FILE.xlsx';
      expectKind(args, usage);
      if (!args[1]) throw new UsageError(`usage: ${usage}`);
      // pnpm runs scripts from the repository root; a relative path means the caller's directory
      const path = resolve(process.env.INIT_CWD ?? process.cwd(), args[1]);
      await access(path).catch(() => {
        throw new UsageError(`cannot read ${path}: no such file, or not readable`);
      });
      const report = await withServices(dataSource, (services) =>
        services.bulk.importOrganizations({ path }, operator(), (done) =>
          process.stderr.write(`organization: import ${done} rows read\n`),
        ),
      );
      for (const problem of report.rejected) {
        process.stdout.write(
          `line ${problem.line}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}\n`,
        );
      }
      process.stdout.write(
        `organization: ${report.total} rows: ${report.imported} imported, ${report.unchanged} unchanged, ${report.rejected.length} rejected\n`,
      );
      if (report.rejected.length > 0) process.exitCode = 2;
    },
  },
  resync: {
    describe:
      "rebuild the full-member counts (eligibility) from the party-work subgraph's current state (PARTY_WORK_URL)",
    run: async (dataSource) => {
      const started = Date.now();
      const producer = new ProducerClient(config.partyWorkUrl, config.auth.gatewaySecret, 'organization');
      const summary = await withServices(dataSource, async ({ coverageStats, changeCounter }) => {
        const resynced = await new FullMemberCountResync(dataSource, producer, coverageStats, (line) =>
          process.stderr.write(`${line}\n`),
        ).run();
        // the counts it corrected were written outside the Announcer
        await changeCounter.bump();
        return resynced;
      });
      process.stdout.write(
        `organization resync from ${config.partyWorkUrl}: full-member counts of ${summary.counts.total} organizations (${summary.counts}); ` +
          `counts moved in ${summary.regions} regions, coverage figures recomputed; done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
  },
  export: {
    describe: 'export organizations [REGION]: print them as CSV (a region and all below it)',
    run: async (dataSource, { args }) => {
      expectKind(args, 'export organizations [REGION]');
      const csv = await withServices(dataSource, (services) =>
        services.bulk.exportOrganizations({ regionCode: args[1] ?? null }, operator()),
      );
      process.stdout.write(csv);
    },
  },
});
