#!/usr/bin/env node
/**
 * `pnpm seed [--orgs N]`: loads the deterministic demo data set into both subgraphs' databases
 * (creating and migrating them first). Idempotent: seeding twice adds nothing.
 * The two seeds run at once: each generates the whole data set from the same seed and writes only its
 * own database (what one tells the other goes through its outbox, applied by version whenever the other
 * runs), and most of a repeated seed's time is each process loading its code.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { systemEnv } from './system-env.mjs';

const { values } = parseArgs({ options: { orgs: { type: 'string', default: '300' } } });
const env = systemEnv();
const codes = await Promise.all(
  ['organization', 'party-work'].map(
    (service) =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [`services/${service}/dist/cli.js`, 'seed', '--orgs', values.orgs],
          { stdio: 'inherit', env },
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
