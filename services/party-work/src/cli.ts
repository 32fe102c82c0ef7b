/**
 * Operator commands for the party-work subgraph:
 *   node dist/cli.js migrate           create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]   load the demo members of the same N demo organizations that the
 *                                      organization subgraph seeds (and this subgraph's copy of them)
 */
import { demoMembers, demoOrganizations, insertInBatches, openDatabase, runDatabaseCli } from '@pb/platform';
import { readPartyWorkConfig } from './config.js';
import { entities, migrations } from './database.js';

const config = readPartyWorkConfig();

await runDatabaseCli(
  'party-work',
  () => openDatabase({ mysqlUrl: config.mysqlUrl, database: config.database, entities, migrations }),
  {
    migrate: {
      describe: 'create the database and apply pending migrations',
      run: async () => {
        process.stdout.write(`party-work: database ${config.database} is migrated\n`);
      },
    },
    seed: {
      describe: 'load the members of N deterministic demo organizations (--orgs N, default 300)',
      run: async (dataSource, { orgs }) => {
        const organizations = demoOrganizations(orgs);
        // version 0: any real event about an organization supersedes the seeded copy
        await insertInBatches(
          dataSource,
          {
            head: 'INSERT IGNORE INTO organization_replica (id, name, region_code, status, version)',
            row: "(?, ?, ?, 'ACTIVE', 0)",
            values: (o) => [o.id, o.name, o.regionCode],
          },
          organizations,
        );
        const stageSince = new Date().toISOString().slice(0, 10);
        await insertInBatches(
          dataSource,
          {
            head: 'INSERT IGNORE INTO party_member (id, name, stage, stage_since, social_organization_id, region_code)',
            row: '(?, ?, ?, ?, ?, ?)',
            values: (m) => [m.id, m.name, m.stage, stageSince, m.socialOrganizationId, m.regionCode],
          },
          demoMembers(organizations),
          (done, total) => process.stdout.write(`party-work: seeded ${done}/${total} members\n`),
        );
      },
    },
  },
);
