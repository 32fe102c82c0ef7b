#!/usr/bin/env node
/**
 * `pnpm start`: the whole system on one machine with demo data. Expects MariaDB/MySQL and Redis on their
 * default ports (or MYSQL_URL / REDIS_URL). Creates and migrates the databases, seeds the demo data,
 * starts both subgraphs and the gateway (which serves the wall), prints the URLs, and stops everything
 * on Ctrl-C. `pnpm build` has run before this script (the package script does it).
 * `--simulate [--rate R]` also runs `pnpm simulate` against the gateway, so the wall moves by itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '300' },
    simulate: { type: 'boolean', default: false },
    rate: { type: 'string', default: '5' },
  },
});
const gatewayPort = process.env.GATEWAY_PORT ?? '4000';
const services = [
  {
    name: 'organization',
    script: 'services/organization/dist/index.js',
    port: process.env.ORGANIZATION_PORT ?? '4001',
  },
  {
    name: 'party-work',
    script: 'services/party-work/dist/index.js',
    port: process.env.PARTY_WORK_PORT ?? '4002',
  },
  { name: 'gateway', script: 'gateway/dist/index.js', port: gatewayPort },
];
const subgraphUrls = {
  ORGANIZATION_URL: `http://127.0.0.1:${services[0].port}/graphql`,
  PARTY_WORK_URL: `http://127.0.0.1:${services[1].port}/graphql`,
};

// migrations and demo data first: a missing database server stops here with one line from the CLI
const seeded = spawnSync(process.execPath, ['scripts/seed.mjs', '--orgs', values.orgs], { stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const children = [];
let stopping = false;
for (const service of services) {
  const child = run(service.name, [service.script], { PORT: service.port, ...subgraphUrls });
  child.on('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`${service.name} exited with code ${code}; stopping the rest.\n`);
    stop(1);
  });
  await waitUntilHealthy(service);
}

process.stdout.write(`
  The platform is running with demo data.
    Wall (dashboard):     http://localhost:${gatewayPort}/
    GraphiQL (analysts):  http://localhost:${gatewayPort}/graphql
    organization subgraph http://localhost:${services[0].port}/graphql
    party-work subgraph   http://localhost:${services[1].port}/graphql
  A token for your own queries: pnpm token --role analyst [--region 330000]
  Ctrl-C stops everything.

`);

if (values.simulate) {
  // the simulator ending (or failing) leaves the system running
  const simulator = run('simulate', [
    'tools/simulate/dist/cli.js',
    '--gateway',
    `http://127.0.0.1:${gatewayPort}/graphql`,
    '--rate',
    values.rate,
  ]);
  simulator.on('exit', (code) => {
    if (!stopping) process.stdout.write(`[simulate] ended with code ${code}; the system keeps running.\n`);
  });
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** Starts a process of the system, its output prefixed with its name. */
function run(name, args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  return child;
}

async function waitUntilHealthy(service) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stderr.write(`${service.name} did not become healthy on port ${service.port} within 60 s.\n`);
  stop(1);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(
    () => process.exit(code),
  );
}
