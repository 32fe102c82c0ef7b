#!/usr/bin/env node
/**
 * `pnpm seed [--orgs N]`: loads the deterministic demo data set into both subgraphs' databases
 * (creating and migrating them first). Idempotent: seeding twice adds nothing.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { commandEnv } from './private-servers.mjs';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '300' } } });
for (const service of ['organization', 'party-work']) {
  const result = spawnSync(
    process.execPath,
    [`services/${service}/dist/cli.js`, 'seed', '--orgs', values.orgs],
    {
      stdio: 'inherit',
      env: commandEnv(),
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
