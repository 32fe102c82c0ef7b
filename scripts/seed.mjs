#!/usr/bin/env node
/**
 * `pnpm seed [--orgs N]`: loads the deterministic demo data set into both subgraphs' databases
 * (creating and migrating them first, and each subgraph's own MySQL account: system-env.mjs, `subgraphEnv`).
 * Idempotent: seeding twice adds nothing.
 * The two seeds run at once: each generates the whole data set from the same seed and writes only its
 * own database (what one tells the other goes through its outbox, applied by version whenever the other
 * runs), and most of a repeated seed's time is each process loading its code.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { subgraphEnv, systemEnv } from './system-env.mjs';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '300' } } });
const env = systemEnv();
let serviceEnvs;
try {
  serviceEnvs = {
    organization: await subgraphEnv('organization', env),
    'party-work': await subgraphEnv('party-work', env),
  };
} catch (error) {
  process.stderr.write(`seed: ${error.message}\n`);
  process.exit(1);
}
const codes = await Promise.all(
  ['organization', 'party-work'].map(
    (service) =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [`services/${service}/dist/cli.js`, 'seed', '--orgs', values.orgs],
          { stdio: 'inherit', env: serviceEnvs[service] },
        );
        child.once('error', (error) => {
          process.stderr.write(`seed ${service}: ${error.message}\n`);
          resolve(1);
        });
        child.once('exit', (code) => resolve(code ?? 1));
      }),
  ),
);
process.exit(codes.find((code) => code !== 0) ?? 0);
