#!/usr/bin/env node
/**
 * `pnpm start`: the whole system on one machine with demo data. Uses MariaDB/MySQL and Redis at MYSQL_URL /
 * REDIS_URL, else at their default addresses; where nothing answers (or with `--embedded`), starts private
 * servers with their data in `.data/` (see private-servers.mjs), and says what to install when their
 * binaries are missing. Then builds what changed since the last build (with `--build`, which the package
 * script passes: the check comes first), creates and migrates the databases, seeds the demo data, starts
 * both subgraphs (each as its own MySQL account, MYSQL_URL's owning their databases) and the gateway
 * (which serves the wall), prints the URLs, and stops everything on Ctrl-C. While it runs,
 * `.data/endpoints.json` tells the other commands where it serves (system-env.mjs).
 * `--simulate [--rate R]` also runs `pnpm simulate` against the gateway, so the wall moves by itself.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  dataDir,
  planServers,
  readEndpoints,
  removeEndpoints,
  startPrivateServers,
  writeEndpoints,
} from './private-servers.mjs';
import { subgraphEnv, subgraphUrls as subgraphUrlsOf, systemPorts } from './system-env.mjs';

const { values } = parseArgs({
  options: {
    orgs: { type: 'string', default: '300' },
    simulate: { type: 'boolean', default: false },
    rate: { type: 'string', default: '5' },
    embedded: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const ports = systemPorts();
const gatewayPort = ports.gateway;
const subgraphs = ['organization', 'party-work'].map((name) => ({
  name,
  script: `services/${name}/dist/index.js`,
  port: ports[name],
}));
const gateway = { name: 'gateway', script: 'gateway/dist/index.js', port: gatewayPort };
const subgraphUrls = subgraphUrlsOf(ports);

const children = [];
let stopping = false;
let privateServers;
let endpoints;
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const running = readEndpoints();
if (running) {
  process.stderr.write(
    `pnpm start: another pnpm start (pid ${running.pid}) runs from this checkout, its gateway at ${running.gatewayUrl}; stop it first (Ctrl-C in its terminal), or give this one its own PB_DATA_DIR and ports.\n`,
  );
  process.exit(1);
}

// the database and Redis first, before any build: a missing one is said within a second
const plan = await planServers({ embedded: values.embedded });
if (plan.missingMessage) {
  process.stderr.write(plan.missingMessage);
  process.exit(1);
}
if (plan.privateKinds.length > 0) {
  process.stdout.write(
    values.embedded
      ? '\n  Starting private servers (--embedded):\n'
      : '\n  Nothing answers at the default addresses; starting private servers:\n',
  );
  const started = Date.now();
  try {
    privateServers = await startPrivateServers(plan.privateKinds);
  } catch (error) {
    process.stderr.write(`pnpm start: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `  ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops them, their data stays for the next start.\n\n`,
  );
  if (privateServers.mysqlUrl) process.env.MYSQL_URL = privateServers.mysqlUrl;
  if (privateServers.redisUrl) process.env.REDIS_URL = privateServers.redisUrl;
}
// seed, import, export, resync, simulate and bench find this system here while it runs (on any ports,
// with private servers or not)
endpoints = {
  mysqlUrl: process.env.MYSQL_URL,
  redisUrl: process.env.REDIS_URL,
  organizationUrl: subgraphUrls.ORGANIZATION_URL,
  partyWorkUrl: subgraphUrls.PARTY_WORK_URL,
  gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
  children: [],
};
mkdirSync(dataDir, { recursive: true });
writeEndpoints(endpoints);

if (values.build) await step('build', pnpmCommand('build'));
// migrations and demo data: a database server that does not answer stops here with one line from the CLI
await step('seed', [process.execPath, 'scripts/seed.mjs', '--orgs', values.orgs]);

// at once: no server needs another to start (the gateway reads the supergraph file and is ready when
// both subgraphs answer), and most of each start is loading code
await Promise.all([...subgraphs, gateway].map(startService));

if (!stopping) {
  process.stdout.write(`
  The platform is running with demo data.
    Wall (dashboard):     http://localhost:${gatewayPort}/
    GraphiQL (analysts):  http://localhost:${gatewayPort}/graphql
    organization subgraph http://localhost:${ports.organization}/graphql
    party-work subgraph   http://localhost:${ports['party-work']}/graphql
  A token for your own queries: pnpm --silent token --role analyst [--region 330000]
  Ctrl-C stops everything.

`);
}

if (values.simulate && !stopping) {
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

/** Runs one step to its end with its output shown; a failure stops everything. */
async function step(name, [command, ...args]) {
  if (stopping) return;
  const child = spawn(command, args, { stdio: 'inherit' });
  children.push(child);
  const code = await new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`${name}: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0 && !stopping) {
    await stop(code);
  }
}

/** `pnpm SCRIPT` with the pnpm that runs this (`pnpm start`), else the one on PATH. */
function pnpmCommand(script) {
  const pnpm = process.env.npm_execpath;
  if (pnpm && /\.[cm]?js$/.test(pnpm)) return [process.execPath, pnpm, script];
  return [pnpm || 'pnpm', script];
}

/** Starts a server of the system and waits until it answers; its exit stops the rest. */
async function startService(service) {
  if (stopping) return;
  // each subgraph as its own MySQL account (which the seed step created), the gateway with none
  const env = service === gateway ? process.env : await subgraphEnv(service.name, process.env);
  const child = run(service.name, [service.script], { ...env, PORT: service.port, ...subgraphUrls });
  endpoints.children.push({ pid: child.pid, script: service.script });
  writeEndpoints(endpoints);
  child.on('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`${service.name} exited with code ${code}; stopping the rest.\n`);
    stop(1);
  });
  await waitUntilHealthy(service);
}

/** Starts a process of the system, its output prefixed with its name. */
function run(name, args, env = process.env) {
  const child = spawn(process.execPath, args, {
    env,
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
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (stopping) return;
  process.stderr.write(`${service.name} did not become healthy on port ${service.port} within 60 s.\n`);
  await stop(1);
}

/** Stops the system's processes, then the private servers (after the services let go of them). */
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  const killer = setTimeout(() => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  }, 3000);
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  clearTimeout(killer);
  if (privateServers) await privateServers.stop();
  if (endpoints) removeEndpoints();
  process.exit(code);
}
