/**
 * Operator commands for the organization subgraph:
 *   node dist/cli.js migrate           create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]   load the deterministic demo organizations (idempotent on USCC)
 */
import { demoOrganizations, insertInBatches, openDatabase, runDatabaseCli } from '@pb/platform';
import { readOrganizationConfig } from './config.js';
import { entities, migrations } from './database.js';

const config = readOrganizationConfig();

await runDatabaseCli(
  'organization',
  () => openDatabase({ mysqlUrl: config.mysqlUrl, database: config.database, entities, migrations }),
  {
    migrate: {
      describe: 'create the database and apply pending migrations',
      run: async () => {
        process.stdout.write(`organization: database ${config.database} is migrated\n`);
      },
    },
    seed: {
      describe: 'load N deterministic demo organizations (--orgs N, default 300)',
      run: (dataSource, { orgs }) =>
        insertInBatches(
          dataSource,
          {
            head: `INSERT IGNORE INTO social_organization
              (id, uscc, name, type, region_code, registered_at, registration_authority, staff_count, status)`,
            row: "(?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')",
            values: (o) => [
              o.id,
              o.uscc,
              o.name,
              o.type,
              o.regionCode,
              o.registeredAt,
              o.registrationAuthority,
              o.staffCount,
            ],
          },
          demoOrganizations(orgs),
          (done, total) => process.stdout.write(`organization: seeded ${done}/${total} organizations\n`),
        ),
    },
  },
);
