#!/usr/bin/env node
/**
 * `pnpm run import KIND FILE.csv|FILE.xlsx` and `pnpm run export KIND [REGION]`: hands the work to the
 * subgraph that owns the kind. (`pnpm import` without `run` is pnpm's own lockfile command.)
 *   organizations        organization subgraph (import, export)
 *   members, activities, appraisals, training  party-work subgraph (import)
 */
import { spawnSync } from 'node:child_process';
import { subgraphEnv, systemEnv } from './system-env.mjs';

const OWNERS = {
  organizations: 'organization',
  members: 'party-work',
  activities: 'party-work',
  appraisals: 'party-work',
  training: 'party-work',
};
const [command, kind, ...rest] = process.argv.slice(2);
const owner = OWNERS[kind];
if (!owner) {
  process.stderr.write(`pnpm run ${command}: name what to ${command}: ${Object.keys(OWNERS).join(', ')}\n`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [`services/${owner}/dist/cli.js`, command, kind, ...rest], {
  stdio: 'inherit',
  env: await subgraphEnv(owner, systemEnv()).catch((error) => {
    process.stderr.write(`pnpm run ${command}: ${error.message}\n`);
    process.exit(1);
  }),
});
process.exit(result.status ?? 1);
