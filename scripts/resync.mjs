#!/usr/bin/env node
/**
 * `pnpm resync [organization|party-work|all]`: rebuilds a consumer's copy of the other subgraph's data
 * from that subgraph's current state, read through its GraphQL API (so the producer must be running):
 *   organization   the organization subgraph's full-member counts (eligibility), from party-work
 *   party-work     party-work's copies of social organizations and Party organizations, from organization
 *   all            both (the default)
 * Each subgraph's own `node dist/cli.js resync` does the work; producers are found where `pnpm start`
 * serves them (system-env.mjs: PARTY_WORK_URL / ORGANIZATION_URL, the *_PORT settings, a running start).
 */
import { spawnSync } from 'node:child_process';
import { subgraphEnv, systemEnv } from './system-env.mjs';

const CONSUMERS = ['organization', 'party-work'];
const [which = 'all', ...rest] = process.argv.slice(2);
if (rest.length > 0 || (which !== 'all' && !CONSUMERS.includes(which))) {
  process.stderr.write(
    'usage: pnpm resync [organization|party-work|all]\n' +
      '  organization  rebuild the full-member counts (eligibility) from party-work\n' +
      "  party-work    rebuild party-work's copies of organizations and Party organizations from organization\n" +
      '  all           both (default)\n',
  );
  process.exit(2);
}
for (const consumer of which === 'all' ? CONSUMERS : [which]) {
  const result = spawnSync(process.execPath, [`services/${consumer}/dist/cli.js`, 'resync'], {
    stdio: 'inherit',
    env: await subgraphEnv(consumer, systemEnv()).catch((error) => {
      process.stderr.write(`pnpm resync: ${error.message}\n`);
      process.exit(1);
    }),
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
