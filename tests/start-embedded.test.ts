import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvReader, readCommonConfig } from '@pb/platform/config';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, runCollecting } from './utils/system.js';

/**
 * `pnpm start --embedded`: private MariaDB and Redis under a data directory of the test's own
 * (PB_DATA_DIR), the system on free ports beside any other; Ctrl-C leaves nothing running, and a second
 * start finds the data of the first. Without the binaries, the install command comes at once.
 */

const auth = (() => {
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const config = readCommonConfig(reader);
  reader.done();
  return config.auth;
})();

interface Endpoints {
  mysqlUrl: string;
  redisUrl: string;
  pid: number;
}

interface Start {
  child: ChildProcess;
  output: string[];
  gatewayUrl: string;
}

let dataDir: string;
const started: ChildProcess[] = [];
const seen = new Set<number>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pb-embedded-'));
});

afterAll(async () => {
  // a failed assertion must not leave a server of the test behind
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('pnpm start --embedded', () => {
  it('serves the demo on private servers, stops them on Ctrl-C and keeps their data', async () => {
    const first = await start();
    const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')) as Endpoints;
    expect(endpoints.pid).toBe(first.child.pid);
    expect(endpoints.mysqlUrl).not.toBe('mysql://root@127.0.0.1:3306');
    const organizations = await countOrganizations(first.gatewayUrl);
    expect(organizations).toBe(12);

    // a mark in each server that a second start must find
    const mysql = await createConnection(endpoints.mysqlUrl);
    await mysql.query('CREATE DATABASE IF NOT EXISTS pbt_embedded_mark');
    await mysql.query('CREATE TABLE IF NOT EXISTS pbt_embedded_mark.mark (id INT PRIMARY KEY)');
    await mysql.query('INSERT IGNORE INTO pbt_embedded_mark.mark VALUES (42)');
    await mysql.end();
    const redis = new Redis(endpoints.redisUrl);
    await redis.set('pbt:embedded:mark', '42');
    redis.disconnect();

    const processes = descendants(first.child.pid!);
    expect(processes.length).toBeGreaterThanOrEqual(5); // mariadbd, redis-server, two subgraphs, gateway
    await interrupt(first);
    expect(processes.filter(alive)).toEqual([]);
    expect(existsSync(join(dataDir, 'endpoints.json'))).toBe(false);

    const second = await start();
    const again = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')) as Endpoints;
    const mysqlAgain = await createConnection(again.mysqlUrl);
    const [rows] = await mysqlAgain.query('SELECT id FROM pbt_embedded_mark.mark');
    await mysqlAgain.end();
    expect(rows).toEqual([{ id: 42 }]);
    const redisAgain = new Redis(again.redisUrl);
    expect(await redisAgain.get('pbt:embedded:mark')).toBe('42');
    redisAgain.disconnect();
    expect(await countOrganizations(second.gatewayUrl)).toBe(organizations);
    const processesAgain = descendants(second.child.pid!);
    await interrupt(second);
    expect(processesAgain.filter(alive)).toEqual([]);
  }, 150_000);

  it('names the install command within 2 s when MariaDB and Redis are not installed', async () => {
    // a PATH with node alone
    const bin = await mkdtemp(join(tmpdir(), 'pb-nobin-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const began = Date.now();
    const result = await runCollecting(['scripts/start.mjs', '--embedded'], {
      ...process.env,
      PATH: bin,
      PB_DATA_DIR: dataDir,
    });
    const elapsed = Date.now() - began;
    await rm(bin, { recursive: true, force: true });
    expect(result.code).not.toBe(0);
    expect(elapsed).toBeLessThan(2000);
    const install =
      process.platform === 'darwin'
        ? 'brew install mariadb redis'
        : 'apt-get install mariadb-server redis-server';
    expect(result.stderr).toContain(install);
    expect(result.stderr).toContain('docker compose');
  });
});

/** Starts `node scripts/start.mjs --embedded` on free ports and waits until it says it runs. */
async function start(): Promise<Start> {
  const [gateway, organization, partyWork] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['scripts/start.mjs', '--embedded', '--orgs', '12'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PB_DATA_DIR: dataDir,
      GATEWAY_PORT: String(gateway),
      ORGANIZATION_PORT: String(organization),
      PARTY_WORK_PORT: String(partyWork),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.join('').includes('The platform is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`start did not come up (exit ${child.exitCode}):\n${output.join('')}`);
    }
    for (const pid of descendants(child.pid!)) seen.add(pid);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of descendants(child.pid!)) seen.add(pid);
  return { child, output, gatewayUrl: `http://127.0.0.1:${gateway}/graphql` };
}

/** Ctrl-C: SIGINT to the start process alone, then its exit within a deadline. */
async function interrupt({ child, output }: Start): Promise<void> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 45_000)),
  ]);
  if (code !== 0) throw new Error(`start ended with ${code} after SIGINT:\n${output.join('')}`);
}

async function countOrganizations(gatewayUrl: string): Promise<number> {
  const token = await signDevelopmentToken({ subject: 'test-embedded', roles: ['analyst'] }, auth);
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ socialOrganizations(first: 1) { totalCount } }' }),
  });
  const body = (await response.json()) as { data?: { socialOrganizations: { totalCount: number } } };
  return body.data!.socialOrganizations.totalCount;
}

/** Every process below `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // the command name may hold spaces and parentheses: the fields after its last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // ended meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
