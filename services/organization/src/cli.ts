/**
 * Operator commands for the organization subgraph:
 *   node dist/cli.js migrate           create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]   load the deterministic demo organizations (idempotent on USCC)
 */
import { parseArgs } from 'node:util';
import { demoOrganizations, exitWithReason, openDatabase } from '@pb/platform';
import { readOrganizationConfig } from './config.js';
import { entities, migrations } from './database.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { orgs: { type: 'string', default: '300' } },
});
const command = positionals[0];

try {
  const config = readOrganizationConfig();
  const dataSource = await openDatabase({
    mysqlUrl: config.mysqlUrl,
    database: config.database,
    entities,
    migrations,
  });
  try {
    if (command === 'migrate') {
      process.stdout.write(`organization: database ${config.database} is migrated\n`);
    } else if (command === 'seed') {
      const count = Number(values.orgs);
      if (!Number.isInteger(count) || count < 0)
        throw new Error(`--orgs must be a whole number, got "${values.orgs}"`);
      const organizations = demoOrganizations(count);
      const batchSize = 1000;
      for (let i = 0; i < organizations.length; i += batchSize) {
        const batch = organizations.slice(i, i + batchSize);
        await dataSource.query(
          `INSERT IGNORE INTO social_organization
             (id, uscc, name, type, region_code, registered_at, registration_authority, staff_count, status)
           VALUES ${batch.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')").join(', ')}`,
          batch.flatMap((o) => [
            o.id,
            o.uscc,
            o.name,
            o.type,
            o.regionCode,
            o.registeredAt,
            o.registrationAuthority,
            o.staffCount,
          ]),
        );
        process.stdout.write(
          `organization: seeded ${Math.min(i + batchSize, count)}/${count} organizations\n`,
        );
      }
    } else {
      throw new Error(`unknown command "${command ?? ''}"; use migrate or seed`);
    }
  } finally {
    await dataSource.destroy();
  }
} catch (error) {
  exitWithReason('organization', error);
}
