import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { changeCounterKey } from '@pb/platform/change-counter';
import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform/config';
import { signDevelopmentToken } from '@pb/platform/viewer';
import type { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import { type RunningProcess, runToEnd, spawnServer, terminate, whileStarted } from '../utils/system.js';

/**
 * What the benches at scale share: a kept data set (`pbbench_<orgs>_*` databases, seeded once and kept
 * between runs, since a 100k seed takes minutes and seeding again adds nothing), the system booted on
 * it, its figure caches, the servers' CPU time, and how numbers are printed.
 */

export const common: CommonConfig = (() => {
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const config = readCommonConfig(reader);
  reader.done();
  return config;
})();

export interface KeptDataSet {
  organizations: number;
  /**
   * The data set's Redis namespace: its figure caches, versions and event streams. One per data set, as
   * one per system: two data sets on one stream would apply each other's events.
   */
  namespace: string;
  organizationDatabase: string;
  partyWorkDatabase: string;
  /** The environment every process of the system runs with (no ports, no subgraph URLs). */
  env: NodeJS.ProcessEnv;
}

export function keptDataSet(organizations: number): KeptDataSet {
  const organizationDatabase = `pbbench_${organizations}_organization`;
  const partyWorkDatabase = `pbbench_${organizations}_party_work`;
  const namespace = `pbbench:${organizations}`;
  return {
    organizations,
    namespace,
    organizationDatabase,
    partyWorkDatabase,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      MYSQL_URL: common.mysqlUrl,
      REDIS_URL: common.redisUrl,
      REDIS_NAMESPACE: namespace,
      ORGANIZATION_DATABASE: organizationDatabase,
      PARTY_WORK_DATABASE: partyWorkDatabase,
    },
  };
}

/**
 * Seeds the data set unless a complete seed is there already, printing how long each subgraph's seed
 * took. A seed is complete when the table each seed fills last has rows and the organizations are all
 * there (a run cut short leaves the last table empty; seeding again finishes it, since it is idempotent).
 */
export async function ensureSeeded(data: KeptDataSet, prefix: string): Promise<void> {
  const checks: Array<[service: string, database: string, organizations: string, last: string]> = [
    ['organization', data.organizationDatabase, 'social_organization', 'cross_appointment'],
    ['party-work', data.partyWorkDatabase, 'organization_replica', 'full_member_counter'],
  ];
  const connection = await mysql.createConnection(common.mysqlUrl);
  try {
    for (const [service, database, organizations, last] of checks) {
      if (await seeded(connection, database, organizations, last, data.organizations)) {
        print(
          `${prefix}: ${service}: ${data.organizations} organizations seeded already in ${database} (kept)`,
        );
        continue;
      }
      const started = performance.now();
      log(`seeding ${data.organizations} organizations into ${service} (kept for the next run)…`);
      await runToEnd(
        'node',
        [`services/${service}/dist/cli.js`, 'seed', '--orgs', String(data.organizations)],
        data.env,
      );
      print(
        `${prefix}: seed ${service} with ${data.organizations} organizations: ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await connection.end();
  }
}

async function seeded(
  connection: mysql.Connection,
  database: string,
  organizationsTable: string,
  lastTable: string,
  organizations: number,
): Promise<boolean> {
  const [tables] = await connection.query<mysql.RowDataPacket[]>(
    'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_name IN (?, ?)',
    [database, organizationsTable, lastTable],
  );
  if (tables.length < 2) return false;
  const [[last]] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT EXISTS (SELECT 1 FROM \`${database}\`.\`${lastTable}\`) AS present`,
  );
  if (!last?.present) return false;
  const [[count]] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT COUNT(*) AS n FROM \`${database}\`.\`${organizationsTable}\``,
  );
  return Number(count?.n) >= organizations;
}

/**
 * MariaDB's default 128 MB buffer pool holds a few percent of a 100k data set, so every cold statistic
 * reads from disk. Raises `innodb_buffer_pool_size` to the data set's size and a quarter (at most half
 * the server's memory, as this machine's MariaDB sees it: /proc/meminfo) with SET GLOBAL, which MariaDB
 * 10.11 and MySQL 8 apply online, and says what it did. Never lowers it.
 */
export async function sizeBufferPool(data: KeptDataSet, prefix: string): Promise<void> {
  const connection = await mysql.createConnection(common.mysqlUrl);
  try {
    const [[size]] = await connection.query<mysql.RowDataPacket[]>(
      `SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes FROM information_schema.tables
        WHERE table_schema IN (?, ?)`,
      [data.organizationDatabase, data.partyWorkDatabase],
    );
    const dataBytes = Number(size?.bytes);
    const [[current]] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT @@innodb_buffer_pool_size AS bytes',
    );
    const before = Number(current?.bytes);
    const memory = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) * 1024;
    const gib = 2 ** 30;
    const wanted = Math.min(Math.ceil((dataBytes * 1.25) / gib) * gib, Math.floor(memory / 2 / gib) * gib);
    const shown = (bytes: number) => `${(bytes / gib).toFixed(2)} GiB`;
    if (dataBytes * 1.25 <= before || wanted <= before) {
      print(
        `${prefix}: innodb_buffer_pool_size ${shown(before)} for ${shown(dataBytes)} of data: left as it is`,
      );
      return;
    }
    await connection.query(`SET GLOBAL innodb_buffer_pool_size = ${wanted}`);
    // the resize runs in the background, chunk by chunk
    const deadline = Date.now() + 120_000;
    let after = before;
    while (Date.now() < deadline) {
      const [[now]] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT @@innodb_buffer_pool_size AS bytes',
      );
      after = Number(now?.bytes);
      const [status] = await connection.query<mysql.RowDataPacket[]>(
        "SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'",
      );
      const message = String(status[0]?.Value ?? '');
      if (after >= wanted && (message === '' || /complete|finish/i.test(message))) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    print(
      `${prefix}: innodb_buffer_pool_size raised with SET GLOBAL from ${shown(before)} to ${shown(after)} for ${shown(dataBytes)} of data (left raised; MariaDB forgets it on restart)`,
    );
  } finally {
    await connection.end();
  }
}

export interface KeptSystem {
  baseUrl: string;
  gatewayUrl: string;
  gatewayWsUrl: string;
  /** `organization`, `party-work`, `gateway` */
  processes: Map<string, RunningProcess>;
  stop(): Promise<void>;
}

/**
 * Both subgraphs and the gateway from their built output on the kept data set, each on a free port, with
 * the limits of production (none of the limit settings is changed). Stopping keeps the databases.
 */
export async function startKeptSystem(data: KeptDataSet): Promise<KeptSystem> {
  const processes = new Map<string, RunningProcess>();
  // the kept databases stay, interrupted or not; only the servers stop
  const forget = whileStarted(() => stop());
  const stop = async () => {
    forget();
    for (const name of ['gateway', 'party-work', 'organization']) {
      const running = processes.get(name);
      if (running && running.child.exitCode === null && running.child.signalCode === null)
        await terminate(running.child, 'SIGTERM');
    }
  };
  try {
    for (const service of ['organization', 'party-work']) {
      processes.set(
        service,
        await spawnServer(service, `services/${service}/dist/index.js`, { ...data.env, PORT: '0' }),
      );
    }
    const subgraph = (name: string) => `http://127.0.0.1:${processes.get(name)!.port}/graphql`;
    processes.set(
      'gateway',
      await spawnServer('gateway', 'gateway/dist/index.js', {
        ...data.env,
        PORT: '0',
        ORGANIZATION_URL: subgraph('organization'),
        PARTY_WORK_URL: subgraph('party-work'),
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${processes.get('gateway')!.port}`;
  return {
    baseUrl,
    gatewayUrl: `${baseUrl}/graphql`,
    gatewayWsUrl: `${baseUrl.replace('http', 'ws')}/graphql`,
    processes,
    stop,
  };
}

/**
 * Waits until each subgraph has applied every event of the other (its consumer group's lag is 0), at most
 * `timeoutMs`: a relay republishes what its consumers may have missed when it starts (all of a seed's
 * events, on a new namespace), and measuring during that catch-up measures the catch-up.
 */
export async function awaitEventsApplied(
  redis: Redis,
  data: KeptDataSet,
  prefix: string,
  timeoutMs = 600_000,
): Promise<void> {
  const streams: Array<[stream: string, group: string]> = [
    [`${data.namespace}:events:organization`, 'party-work'],
    [`${data.namespace}:events:party-work`, 'organization'],
  ];
  const started = performance.now();
  const behind = async () => {
    let waiting = 0;
    for (const [stream, group] of streams) {
      const groups = (await redis.xinfo('GROUPS', stream).catch(() => [])) as unknown[][];
      const info = groups
        .map((fields) => Object.fromEntries(fields.flatMap((v, i) => (i % 2 ? [] : [[v, fields[i + 1]]]))))
        .find((g) => g.name === group);
      // no group yet: its consumer has not started reading (it creates the group when it does)
      if (!info) waiting += 1;
      else waiting += Number(info.lag ?? 0) + Number(info.pending ?? 0);
    }
    return waiting;
  };
  let left = await behind();
  while (left > 0 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    left = await behind();
  }
  print(
    `${prefix}: events between the subgraphs ${left === 0 ? 'all applied' : `still ${left} behind`} after ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** A development wall token of its own: each screen meets the gateway's per-token limits alone. */
export function wallToken(subject: string, regionCode: string | null = null): Promise<string> {
  return signDevelopmentToken({ subject, roles: ['wall'], regionCode }, common.auth);
}

/**
 * Empties the statistics' figure caches and moves every subgraph's change counter, so the next read is
 * answered by neither the gateway's read cache nor a kept figure: the subgraphs compute it (a cold read).
 */
export async function emptyFigureCaches(redis: Redis, data: KeptDataSet): Promise<void> {
  const keys = await redis.keys(`${data.namespace}:*figure*`);
  // in slices: one call's arguments may not spread a large key list
  for (let at = 0; at < keys.length; at += 1000) await redis.del(...keys.slice(at, at + 1000));
  for (const subgraph of ['organization', 'party-work'])
    await redis.incr(changeCounterKey(data.namespace, subgraph));
}

/**
 * CPU time (user + system, ms) each server process has used so far, from /proc (Linux). Steadier than
 * latency when the machine is shared, though contention still inflates it (seen: 5 ms idle, 16 ms at load 20).
 */
export function cpuTimes(processes: Map<string, { child: { pid?: number } }>): Map<string, number> {
  const times = new Map<string, number>();
  for (const [name, { child }] of processes) {
    const ms = child.pid === undefined ? undefined : processCpuMs(child.pid);
    if (ms !== undefined) times.set(name, ms);
  }
  return times;
}

/** The servers the system stands on, by their process names, as `cpuTimes` names them. */
const SUPPORTING_SERVERS: Record<string, string[]> = {
  mariadb: ['mariadbd', 'mysqld'],
  redis: ['redis-server'],
};

/**
 * `cpuTimes` of the database and Redis servers on this machine (every process of each name) and of the
 * bench itself (its clients share the cores): what a change costs beyond our own servers.
 */
export function supportingCpuTimes(): Map<string, number> {
  const own = process.cpuUsage();
  const times = new Map<string, number>([['bench', Math.round((own.user + own.system) / 1000)]]);
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return times; // not Linux
  }
  for (const pid of pids) {
    let comm: string;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue; // gone meanwhile
    }
    const name = Object.keys(SUPPORTING_SERVERS).find((n) => SUPPORTING_SERVERS[n]!.includes(comm));
    const ms = name ? processCpuMs(Number(pid)) : undefined;
    if (name && ms !== undefined) times.set(name, (times.get(name) ?? 0) + ms);
  }
  return times;
}

/** CPU time (user + system, ms) a process has used so far; undefined when it is gone or not on Linux. */
function processCpuMs(pid: number): number | undefined {
  const split = processCpuSplitMs(pid);
  return split && split.user + split.system;
}

/**
 * A process's CPU time so far (ms), in its own code (user) and in the kernel on its behalf (system: its
 * system calls, such as a socket's send); undefined when it is gone or not on Linux.
 */
export function processCpuSplitMs(pid: number): { user: number; system: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second)
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return undefined;
  }
}

/** The p-th percentile of values sorted ascending (NaN when there are none). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
