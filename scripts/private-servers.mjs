#!/usr/bin/env node
/**
 * Private MariaDB and Redis servers for `pnpm start`, for a machine where none answer at the default
 * addresses (or with `--embedded`): their data lives under `.data/` of the checkout (`PB_DATA_DIR` moves
 * it), is kept between runs, and each server runs on a free port as the current user while `pnpm start`
 * runs. While it runs, `pnpm start` writes `.data/endpoints.json`; the other commands (seed, import,
 * export, resync, bench) read it through `commandEnv()` when MYSQL_URL / REDIS_URL are unset.
 *
 * As a command, `node scripts/private-servers.mjs CMD ARGS…` runs CMD with that environment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, totalmem } from 'node:os';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = resolve(repoRoot, process.env.PB_DATA_DIR || '.data');
const endpointsFile = join(dataDir, 'endpoints.json');
const shown = (path) => (path.startsWith(repoRoot) ? relative(repoRoot, path) : path);

export const DEFAULTS = { mysql: 'mysql://root@127.0.0.1:3306', redis: 'redis://127.0.0.1:6379' };
const ENV_NAMES = { mysql: 'MYSQL_URL', redis: 'REDIS_URL' };

/** The endpoints of a running `pnpm start` that uses private servers, if one runs. */
export function readEndpoints() {
  const endpoints = readEndpointsFile();
  return endpoints && isAlive(endpoints.pid) ? endpoints : undefined;
}

/** `env` with MYSQL_URL / REDIS_URL (and the subgraph URLs) of a running `pnpm start` filled in where unset. */
export function commandEnv(env = process.env) {
  const endpoints = readEndpoints();
  if (!endpoints) return env;
  const filled = { ...env };
  const fill = (name, value) => {
    if (!filled[name] && value) filled[name] = value;
  };
  fill('MYSQL_URL', endpoints.mysqlUrl);
  fill('REDIS_URL', endpoints.redisUrl);
  fill('ORGANIZATION_URL', endpoints.organizationUrl);
  fill('PARTY_WORK_URL', endpoints.partyWorkUrl);
  // the simulator drives the gateway of that start, on whatever port it runs
  fill('SIMULATE_GATEWAY', endpoints.gatewayUrl);
  return filled;
}

export function writeEndpoints(endpoints) {
  writeFileSync(endpointsFile, `${JSON.stringify({ ...endpoints, pid: process.pid }, null, 2)}\n`);
}

export function removeEndpoints() {
  rmSync(endpointsFile, { force: true });
}

/**
 * Decides where MariaDB and Redis are: MYSQL_URL / REDIS_URL when set, else the default address when it
 * answers, else a private server (always private ones with `embedded`). Returns the kinds to start
 * privately, and a message naming the install command when their binaries are missing.
 */
export async function planServers({ embedded }) {
  const kinds = await Promise.all(
    ['mysql', 'redis'].map(async (kind) => {
      if (embedded) return kind;
      if (process.env[ENV_NAMES[kind]]) return undefined;
      const { port } = new URL(DEFAULTS[kind]);
      return (await answers(kind, Number(port), 1000)) ? undefined : kind;
    }),
  );
  const privateKinds = kinds.filter(Boolean);
  const binaries = { mysql: mysqlBinaries(), redis: findBinary(['redis-server']) };
  const missing = privateKinds.filter((kind) => !binaries[kind]);
  return {
    privateKinds,
    missingMessage: missing.length > 0 ? missingBinariesMessage(missing, embedded) : undefined,
  };
}

function missingBinariesMessage(missing, embedded) {
  const names = missing.map((kind) => (kind === 'mysql' ? 'MariaDB (or MySQL)' : 'Redis')).join(' and ');
  const why = embedded
    ? '--embedded starts private servers'
    : `nothing answers at ${missing.map((kind) => new URL(DEFAULTS[kind]).host).join(' / ')} and no ${missing.map((k) => ENV_NAMES[k]).join(' / ')} is set`;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const install =
    process.platform === 'darwin'
      ? ['brew install mariadb redis']
      : existsSync('/etc/debian_version')
        ? [`${sudo}apt-get install mariadb-server redis-server`]
        : [
            `${sudo}apt-get install mariadb-server redis-server     (Debian/Ubuntu)`,
            'brew install mariadb redis                          (macOS)',
          ];
  return [
    `pnpm start: ${names} ${missing.length > 1 ? 'are' : 'is'} not installed (${why}).`,
    `Install ${missing.length > 1 ? 'them' : 'it'}, then run pnpm start again; it starts private servers with their data in ${shown(dataDir)}/:`,
    ...install.map((line) => `  ${line}`),
    'Or run them with Docker (the whole system: docker compose up), or set MYSQL_URL / REDIS_URL to servers you have.',
    '',
  ].join('\n');
}

/** A running private server. */
class PrivateServer {
  constructor(name, child, pidFile, socket) {
    this.name = name;
    this.child = child;
    this.pidFile = pidFile;
    this.socket = socket;
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.pidFile, { force: true });
    if (this.socket) rmSync(this.socket, { force: true });
  }
}

/**
 * Starts the private servers of `kinds` ('mysql', 'redis') under the data directory, first stopping
 * what a run that did not stop left behind. Returns their URLs and a `stop()` for both.
 */
export async function startPrivateServers(kinds, log = (line) => process.stdout.write(`${line}\n`)) {
  mkdirSync(dataDir, { recursive: true });
  const owner = readEndpointsFile();
  if (owner && isAlive(owner.pid)) {
    throw new Error(
      `another pnpm start (pid ${owner.pid}) uses the private servers in ${shown(dataDir)}; stop it first (Ctrl-C in its terminal)`,
    );
  }
  await cleanLeftovers(owner, log);
  const servers = [];
  const urls = {};
  try {
    if (kinds.includes('mysql')) {
      const { server, url, version } = await startMariadb();
      servers.push(server);
      urls.mysqlUrl = url;
      log(
        `  private ${version}  ${url}  (data ${shown(join(dataDir, 'mariadb'))}, log ${shown(join(dataDir, 'mariadb.log'))})`,
      );
    }
    if (kinds.includes('redis')) {
      const { server, url } = await startRedis();
      servers.push(server);
      urls.redisUrl = url;
      log(
        `  private Redis  ${url}  (data ${shown(join(dataDir, 'redis'))}, log ${shown(join(dataDir, 'redis.log'))})`,
      );
    }
  } catch (error) {
    for (const server of servers) await server.stop();
    throw error;
  }
  return {
    ...urls,
    async stop() {
      for (const server of servers) await server.stop();
    },
  };
}

function mysqlBinaries() {
  const server = findBinary(['mariadbd', 'mysqld']);
  if (!server) return undefined;
  const isMariadb =
    server.includes('mariadb') || spawnSync(server, ['--version']).stdout?.includes('MariaDB');
  const installer = isMariadb ? findBinary(['mariadb-install-db', 'mysql_install_db']) : server;
  return installer ? { server, installer, isMariadb } : undefined;
}

/**
 * InnoDB sized for a development machine (README, "Production notes"). The default 128 MB buffer pool
 * holds a few percent of a large demo (`--orgs 100000` is about 3.4 GB), so every cold statistic reads
 * from disk: a quarter of the machine's memory, from 256 MB to 4 GB (`PB_MARIADB_BUFFER_POOL`, e.g. `8G`,
 * overrides). A 512 MB redo log spaces out the checkpoints that stall a large seed or import (MariaDB
 * resizes it on start; MySQL names it `innodb_redo_log_capacity`). Commits are written to the OS at once
 * but flushed to disk once a second (`innodb_flush_log_at_trx_commit=2`), so no commit waits for the
 * disk: a crash of mariadbd loses nothing, a crash of the machine at most the last second of demo data;
 * production keeps 1.
 */
function innodbSettings(isMariadb) {
  const mb = 2 ** 20;
  const bufferPool =
    process.env.PB_MARIADB_BUFFER_POOL ||
    `${Math.min(4096, Math.max(256, Math.floor(totalmem() / 4 / mb / 128) * 128))}M`;
  return [
    `--innodb-buffer-pool-size=${bufferPool}`,
    isMariadb ? '--innodb-log-file-size=512M' : '--innodb-redo-log-capacity=512M',
    '--innodb-flush-log-at-trx-commit=2',
  ];
}

async function startMariadb() {
  const { server, installer, isMariadb } = mysqlBinaries();
  const datadir = join(dataDir, 'mariadb');
  const logFile = join(dataDir, 'mariadb.log');
  // root may run mariadbd only when it says so (CI runs as root)
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  if (!existsSync(join(datadir, 'mysql'))) {
    // a data directory without the system tables is a first run that did not finish
    rmSync(datadir, { recursive: true, force: true });
    const args = isMariadb
      ? [
          '--no-defaults',
          `--datadir=${datadir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...asRoot,
        ]
      : ['--no-defaults', '--initialize-insecure', `--datadir=${datadir}`, ...asRoot];
    const installed = spawnSync(installer, args, {
      stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')],
    });
    if (installed.status !== 0) {
      rmSync(datadir, { recursive: true, force: true });
      throw new Error(`${installer} failed (${installed.status ?? installed.signal}):\n${tail(logFile)}`);
    }
  }
  const port = await freePort();
  const socket = socketPath('mariadb.sock');
  const pidFile = join(dataDir, 'mariadb.pid');
  const log = openSync(logFile, 'a');
  const child = spawn(
    server,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      `--socket=${socket}`,
      '--bind-address=127.0.0.1',
      '--skip-networking=0',
      `--pid-file=${pidFile}`,
      `--log-error=${logFile}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      ...innodbSettings(isMariadb),
      ...asRoot,
    ],
    // its own process group: a Ctrl-C reaches start.mjs, which stops it after the services
    { detached: true, stdio: ['ignore', log, log] },
  );
  await waitUntilAnswers('mysql', port, child, logFile, 60_000);
  const version = isMariadb ? 'MariaDB' : 'MySQL';
  return {
    server: new PrivateServer('mariadb', child, pidFile, socket),
    url: `mysql://root@127.0.0.1:${port}`,
    version,
  };
}

async function startRedis() {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const pidFile = join(dataDir, 'redis.pid');
  const logFile = join(dataDir, 'redis.log');
  const child = spawn(
    findBinary(['redis-server']),
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      // append-only: event streams waiting for a consumer survive a restart
      '--save',
      '',
      '--appendonly',
      'yes',
      '--pidfile',
      pidFile,
      '--logfile',
      logFile,
      '--daemonize',
      'no',
    ],
    { detached: true, stdio: 'ignore' },
  );
  await waitUntilAnswers('redis', port, child, logFile, 30_000);
  return { server: new PrivateServer('redis', child, pidFile), url: `redis://127.0.0.1:${port}` };
}

/** Stops the servers and services a run that did not stop (killed, crashed) left running, and their files. */
async function cleanLeftovers(owner, log) {
  const leftovers = [];
  for (const [file, names] of [
    ['mariadb.pid', ['mariadbd', 'mysqld']],
    ['redis.pid', ['redis-server']],
  ]) {
    const pidFile = join(dataDir, file);
    const pid = Number(readText(pidFile));
    if (pid && isAlive(pid) && names.some((name) => commandOf(pid).includes(name))) leftovers.push(pid);
    rmSync(pidFile, { force: true });
  }
  for (const { pid, script } of owner?.children ?? []) {
    if (isAlive(pid) && commandOf(pid).includes(script)) leftovers.push(pid);
  }
  if (leftovers.length > 0) {
    log(`  stopping what a previous run left running (pids ${leftovers.join(', ')})`);
    for (const pid of leftovers) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (leftovers.some(isAlive) && Date.now() < deadline) await sleep(100);
    for (const pid of leftovers.filter(isAlive)) process.kill(pid, 'SIGKILL');
  }
  rmSync(socketPath('mariadb.sock'), { force: true });
  removeEndpoints();
}

/** Whether a MariaDB/MySQL (its greeting) or a Redis (PONG) answers on 127.0.0.1:port. */
export function answers(kind, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (kind === 'redis') socket.write('PING\r\n');
    });
    socket.once('data', (data) => {
      const text = data.toString('latin1');
      // protocol version 10 after the packet header; a password-protected Redis answers too
      done(kind === 'mysql' ? data[4] === 10 : text.startsWith('+PONG') || text.startsWith('-NOAUTH'));
    });
  });
}

async function waitUntilAnswers(kind, port, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(kind, port, 1000))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${kind === 'mysql' ? 'MariaDB' : 'Redis'} exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${kind === 'mysql' ? 'MariaDB' : 'Redis'} did not answer on port ${port} within ${timeoutMs / 1000} s:\n${tail(logFile)}`,
      );
    }
    await sleep(100);
  }
}

/** A binary on PATH, or in the sbin beside a bin on PATH (Debian keeps mariadbd in /usr/sbin). */
function findBinary(names) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = dirs.flatMap((dir) =>
    dir.endsWith('/bin') ? [dir, `${dir.slice(0, -4)}/sbin`] : [dir],
  );
  for (const name of names) {
    for (const dir of candidates) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        if (statSync(path).isFile()) return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function socketPath(name) {
  const path = join(dataDir, name);
  // a Unix socket's path has room for about 100 bytes
  if (path.length < 100) return path;
  return join(tmpdir(), `pb-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}-${name}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function readEndpointsFile() {
  try {
    return JSON.parse(readFileSync(endpointsFile, 'utf8'));
  } catch {
    return undefined;
  }
}

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function commandOf(pid) {
  const cmdline = readText(`/proc/${pid}/cmdline`);
  if (cmdline) return cmdline.replaceAll('\0', ' ');
  return spawnSync('ps', ['-o', 'command=', '-p', String(pid)]).stdout?.toString() ?? '';
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function tail(file) {
  return readText(file).split('\n').slice(-15).join('\n');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    process.stderr.write('usage: node scripts/private-servers.mjs COMMAND [ARGS…]\n');
    process.exit(2);
  }
  const child = spawn(command, args, { stdio: 'inherit', env: commandEnv() });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
