/**
 * Operator commands for the party-work subgraph:
 *   node dist/cli.js migrate           create the database and apply pending migrations
 *   node dist/cli.js seed [--orgs N]   load the demo members of the same N demo organizations that the
 *                                      organization subgraph seeds (and this subgraph's copy of them)
 */
import { parseArgs } from 'node:util';
import { demoMembers, demoOrganizations, exitWithReason, openDatabase } from '@pb/platform';
import { readPartyWorkConfig } from './config.js';
import { entities, migrations } from './database.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { orgs: { type: 'string', default: '300' } },
});
const command = positionals[0];
const BATCH = 1000;

try {
  const config = readPartyWorkConfig();
  const dataSource = await openDatabase({
    mysqlUrl: config.mysqlUrl,
    database: config.database,
    entities,
    migrations,
  });
  try {
    if (command === 'migrate') {
      process.stdout.write(`party-work: database ${config.database} is migrated\n`);
    } else if (command === 'seed') {
      const count = Number(values.orgs);
      if (!Number.isInteger(count) || count < 0)
        throw new Error(`--orgs must be a whole number, got "${values.orgs}"`);
      const organizations = demoOrganizations(count);
      for (let i = 0; i < organizations.length; i += BATCH) {
        const batch = organizations.slice(i, i + BATCH);
        // version 0: any real event about the organization supersedes the seeded copy
        await dataSource.query(
          `INSERT IGNORE INTO organization_replica (id, name, region_code, status, version)
           VALUES ${batch.map(() => "(?, ?, ?, 'ACTIVE', 0)").join(', ')}`,
          batch.flatMap((o) => [o.id, o.name, o.regionCode]),
        );
      }
      const members = demoMembers(organizations);
      const stageSince = new Date().toISOString().slice(0, 10);
      for (let i = 0; i < members.length; i += BATCH) {
        const batch = members.slice(i, i + BATCH);
        await dataSource.query(
          `INSERT IGNORE INTO party_member (id, name, stage, stage_since, social_organization_id, region_code)
           VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          batch.flatMap((m) => [m.id, m.name, m.stage, stageSince, m.socialOrganizationId, m.regionCode]),
        );
        process.stdout.write(
          `party-work: seeded ${Math.min(i + BATCH, members.length)}/${members.length} members\n`,
        );
      }
    } else {
      throw new Error(`unknown command "${command ?? ''}"; use migrate or seed`);
    }
  } finally {
    await dataSource.destroy();
  }
} catch (error) {
  exitWithReason('party-work', error);
}
