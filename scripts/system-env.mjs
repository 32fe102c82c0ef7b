#!/usr/bin/env node
/**
 * Where the system runs, as every command sees it: `pnpm start` serves on these ports, and the helpers
 * (seed, import, export, resync, simulate) reach it with the same settings. In order:
 *   1. ORGANIZATION_URL / PARTY_WORK_URL / SIMULATE_GATEWAY (the gateway's /graphql), when set;
 *   2. else ORGANIZATION_PORT / PARTY_WORK_PORT / GATEWAY_PORT, when set, on 127.0.0.1;
 *   3. else those of a running `pnpm start` (`.data/endpoints.json`), which also gives the MYSQL_URL and
 *      REDIS_URL it uses (see private-servers.mjs);
 *   4. else the default ports.
 * As a command, `node scripts/system-env.mjs CMD ARGS…` runs CMD with that environment.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commandEnv } from './private-servers.mjs';

const PORTS = [
  { part: 'gateway', portVariable: 'GATEWAY_PORT', urlVariable: 'SIMULATE_GATEWAY', port: '4000' },
  { part: 'organization', portVariable: 'ORGANIZATION_PORT', urlVariable: 'ORGANIZATION_URL', port: '4001' },
  { part: 'party-work', portVariable: 'PARTY_WORK_PORT', urlVariable: 'PARTY_WORK_URL', port: '4002' },
];

const graphqlUrl = (port) => `http://127.0.0.1:${port}/graphql`;

/** The port of each part (`gateway`, `organization`, `party-work`) that `pnpm start` serves on. */
export function systemPorts(env = process.env) {
  return Object.fromEntries(PORTS.map(({ part, portVariable, port }) => [part, env[portVariable] || port]));
}

/** ORGANIZATION_URL and PARTY_WORK_URL of a system serving on `ports`, as the gateway is told them. */
export function subgraphUrls(ports) {
  return {
    ORGANIZATION_URL: graphqlUrl(ports.organization),
    PARTY_WORK_URL: graphqlUrl(ports['party-work']),
  };
}

/** `env` with the URLs of the running system, and its database and Redis, filled in where unset. */
export function systemEnv(env = process.env) {
  const explicit = { ...env };
  for (const { portVariable, urlVariable } of PORTS) {
    if (!explicit[urlVariable] && explicit[portVariable])
      explicit[urlVariable] = graphqlUrl(explicit[portVariable]);
  }
  const filled = commandEnv(explicit);
  for (const { urlVariable, port } of PORTS) filled[urlVariable] ||= graphqlUrl(port);
  return filled;
}

/**
 * `env` for a command or server of one subgraph (`organization`, `party-work`): it runs as the subgraph's
 * own development MySQL account, created here if missing, and MYSQL_URL's account (root) owns its
 * database (MYSQL_OWNER_URL), as in production. Unchanged when MYSQL_OWNER_URL is set: that names its own
 * accounts. Needs the platform built (each caller runs after a build).
 */
export async function subgraphEnv(subgraph, env) {
  const { withDevelopmentAccount } = await import('../platform/dist/development-accounts.js');
  return withDevelopmentAccount(env, subgraph);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    process.stderr.write('usage: node scripts/system-env.mjs COMMAND [ARGS…]\n');
    process.exit(2);
  }
  const child = spawn(command, args, { stdio: 'inherit', env: systemEnv() });
  // Ctrl-C reaches the child too (one process group); this waits for it to finish its summary
  process.on('SIGINT', () => {});
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
