import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvReader, readCommonConfig } from '@pb/platform/config';
import { dropDatabase } from '@pb/platform/database';
import { withDevelopmentAccount } from '@pb/platform/development-accounts';
import { postSigned } from '@pb/platform/testing';
import { type Role, signDevelopmentToken } from '@pb/platform/viewer';
import { Redis } from 'ioredis';
import { TcpBalancer } from './balancer.js';

/**
 * Boots the whole system as real processes, the way it is deployed: the subgraphs (one or more replicas
 * each, behind a round-robin balancer) and the gateway from their built output, each on a free port,
 * against the real MariaDB and Redis. Every system gets its own databases and Redis namespace (or a Redis
 * server of its own, which a test may stop and start), so tests never touch the data of `pnpm start`.
 */

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const common = (() => {
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const config = readCommonConfig(reader);
  reader.done();
  return config;
})();

export type Subgraph = 'organization' | 'party-work';
const SUBGRAPHS: Subgraph[] = ['organization', 'party-work'];

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  port: number;
  output: string[];
}

export interface System {
  gatewayUrl: string;
  gatewayWsUrl: string;
  baseUrl: string;
  organizationDatabase: string;
  partyWorkDatabase: string;
  /** The MariaDB server both databases are on (the URL without a database). */
  mysqlUrl: string;
  redisUrl: string;
  redisNamespace: string;
  /** Process names: `gateway`, and `organization`/`party-work` (or `organization-2` … with replicas). */
  processes: Map<string, RunningProcess>;
  /** The replicas' process names of one subgraph. */
  replicas(subgraph: Subgraph): string[];
  /**
   * The environment a subgraph's processes run with (its own MySQL account, root owning its database),
   * for running its commands (`dist/cli.js`) against this system.
   */
  subgraphEnv(subgraph: Subgraph): NodeJS.ProcessEnv;
  /** The GraphQL URL of one subgraph process (bypassing the gateway). */
  subgraphUrl(name: string): string;
  /** A development token; each `subject` is its own client for the gateway's per-token limits. */
  token(role: Role, regionCode?: string | null, subject?: string): Promise<string>;
  /**
   * Sends an operation straight to one subgraph process, signed with the gateway's secret as the gateway
   * would for a viewer of `role` (subgraphs answer nothing else): for what a test must do behind the
   * gateway's back, such as a change while the gateway is down.
   */
  subgraph<T = Record<string, unknown>>(
    name: string,
    role: Role,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Sends a GraphQL operation through the gateway. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; role?: Role },
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  stop(name: string): Promise<void>;
  /** Kills a process without letting it shut down (a crash). */
  kill(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  /** With `ownRedis`: stops and starts the Redis server on the same port (its data persists). */
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  stopAll(): Promise<void>;
}

export interface SystemOptions {
  /** Demo organizations to seed (members come with them). @default 40 */
  organizations?: number;
  /** Replicas of each subgraph. @default 1 */
  replicas?: number;
  /** Run a Redis server of this system's own (append-only, on a free port) that a test may stop. */
  ownRedis?: boolean;
  /** Settings for every process of the system, beside those the harness sets. */
  env?: Record<string, string>;
}

/**
 * How to undo each system or server started in this process and not stopped yet: its processes,
 * databases and Redis keys. A benchmark stopped with Ctrl-C or SIGTERM runs them (`stopStartedSystems`),
 * where its own `finally` would not run.
 */
const started = new Set<() => Promise<void>>();

/** Remembers `stop` until the returned function is called (when the system stopped). */
export function whileStarted(stop: () => Promise<void>): () => void {
  started.add(stop);
  return () => started.delete(stop);
}

/** Stops everything still started in this process; one that fails to stop does not keep the others. */
export async function stopStartedSystems(): Promise<void> {
  for (const stop of [...started]) await stop().catch(() => undefined);
}

export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const id = randomBytes(4).toString('hex');
  const replicaCount = options.replicas ?? 1;
  const organizationDatabase = `pbt_${id}_organization`;
  const partyWorkDatabase = `pbt_${id}_party_work`;
  const redisServer = options.ownRedis ? await RedisServer.start() : undefined;
  const redisUrl = redisServer?.url ?? common.redisUrl;
  const redisNamespace = `pbt:${id}`;
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MYSQL_URL: common.mysqlUrl,
    REDIS_URL: redisUrl,
    REDIS_NAMESPACE: redisNamespace,
    ORGANIZATION_DATABASE: organizationDatabase,
    PARTY_WORK_DATABASE: partyWorkDatabase,
    ...options.env,
  };
  // each subgraph runs as its own MySQL account, as in production, with MYSQL_URL's (root) owning its
  // database: what the system tests do, the services' grants allow
  const subgraphEnv: Record<Subgraph, NodeJS.ProcessEnv> = {
    organization: await withDevelopmentAccount(baseEnv, 'organization'),
    'party-work': await withDevelopmentAccount(baseEnv, 'party-work'),
  };
  const processes = new Map<string, RunningProcess>();
  const seed = String(options.organizations ?? 40);
  for (const subgraph of SUBGRAPHS) {
    await runToEnd(
      'node',
      [`services/${subgraph}/dist/cli.js`, 'seed', '--orgs', seed],
      subgraphEnv[subgraph],
    );
  }

  const replicaNames = (subgraph: Subgraph) =>
    replicaCount === 1 ? [subgraph] : Array.from({ length: replicaCount }, (_, i) => `${subgraph}-${i + 1}`);
  const livePorts = (subgraph: Subgraph) =>
    replicaNames(subgraph)
      .map((name) => processes.get(name))
      .filter(
        (p): p is RunningProcess =>
          p !== undefined && p.child.exitCode === null && p.child.signalCode === null,
      )
      .map((p) => p.port);
  const balancers = new Map<Subgraph, { balancer: TcpBalancer; port: number }>();
  const subgraphEndpoint = (subgraph: Subgraph) => {
    const balanced = balancers.get(subgraph);
    const port = balanced?.port ?? processes.get(subgraph)?.port;
    return `http://127.0.0.1:${port}/graphql`;
  };
  const subgraphOf = (name: string): Subgraph =>
    name.startsWith('organization') ? 'organization' : 'party-work';
  const scriptOf = (name: string) =>
    name === 'gateway' ? 'gateway/dist/index.js' : `services/${subgraphOf(name)}/dist/index.js`;

  async function start(name: string): Promise<void> {
    const previousPort = processes.get(name)?.port;
    // a restarted process keeps its port, so clients (and the wall) reconnect to the same address
    const env: NodeJS.ProcessEnv = {
      ...(name === 'gateway' ? baseEnv : subgraphEnv[subgraphOf(name)]),
      PORT: String(previousPort ?? 0),
    };
    if (name === 'gateway') {
      env.ORGANIZATION_URL = subgraphEndpoint('organization');
      env.PARTY_WORK_URL = subgraphEndpoint('party-work');
    }
    processes.set(name, await spawnServer(name, scriptOf(name), env));
  }

  const system: System = {
    gatewayUrl: '',
    gatewayWsUrl: '',
    baseUrl: '',
    organizationDatabase,
    partyWorkDatabase,
    mysqlUrl: common.mysqlUrl,
    redisUrl,
    redisNamespace,
    processes,
    replicas: replicaNames,
    subgraphEnv: (subgraph) => ({ ...subgraphEnv[subgraph] }),
    subgraphUrl: (name) => `http://127.0.0.1:${processes.get(name)?.port}/graphql`,
    token: (role, regionCode = null, subject = `test-${role}`) =>
      signDevelopmentToken({ subject, roles: [role], regionCode }, common.auth),
    subgraph: (name, role, query, variables = {}) =>
      postSigned(
        system.subgraphUrl(name),
        common.auth.gatewaySecret,
        { subject: `test-${role}`, roles: [role], regionCode: null },
        query,
        variables,
      ),
    async graphql(query, variables = {}, { token, role = 'admin' } = {}) {
      const bearer = token === undefined ? await system.token(role) : token;
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async stop(name) {
      const running = processes.get(name);
      if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
      await terminate(running.child, 'SIGTERM');
    },
    async kill(name) {
      const running = processes.get(name);
      if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
      await terminate(running.child, 'SIGKILL');
    },
    async restart(name) {
      await system.stop(name);
      await start(name);
    },
    async stopRedis() {
      if (!redisServer) throw new Error('startSystem({ ownRedis: true }) to stop Redis');
      await redisServer.stop();
    },
    async startRedis() {
      if (!redisServer) throw new Error('startSystem({ ownRedis: true }) to start Redis');
      await redisServer.restart();
    },
    stopAll() {
      // once, however many ask: a bench's `finally` and its Ctrl-C handler may both stop it at once
      stopping ??= stopEverything();
      return stopping;
    },
  };
  let stopping: Promise<void> | undefined;
  async function stopEverything(): Promise<void> {
    forget();
    await system.stop('gateway');
    for (const subgraph of SUBGRAPHS) for (const name of replicaNames(subgraph)) await system.stop(name);
    for (const { balancer } of balancers.values()) await balancer.stop();
    await dropDatabase(common.mysqlUrl, organizationDatabase);
    await dropDatabase(common.mysqlUrl, partyWorkDatabase);
    if (redisServer) {
      await redisServer.stop();
      await redisServer.remove();
    } else {
      const redis = new Redis(common.redisUrl);
      const keys = await redis.keys(`${redisNamespace}:*`);
      // in slices: a long benchmark leaves more keys than one call's arguments may spread
      for (let at = 0; at < keys.length; at += 1000) await redis.del(...keys.slice(at, at + 1000));
      redis.disconnect();
    }
  }

  const forget = whileStarted(() => system.stopAll());
  try {
    for (const subgraph of SUBGRAPHS) {
      for (const name of replicaNames(subgraph)) await start(name);
      if (replicaCount > 1) {
        const balancer = new TcpBalancer(() => livePorts(subgraph));
        balancers.set(subgraph, { balancer, port: await balancer.start() });
      }
    }
    await start('gateway');
  } catch (error) {
    await system.stopAll();
    throw error;
  }
  const port = processes.get('gateway')!.port;
  system.baseUrl = `http://127.0.0.1:${port}`;
  system.gatewayUrl = `${system.baseUrl}/graphql`;
  system.gatewayWsUrl = `ws://127.0.0.1:${port}/graphql`;
  return system;
}

/** A Redis server of a test's own, append-only so a restart keeps the event streams. */
class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const dir = await mkdtemp(join(tmpdir(), 'pb-redis-'));
    const server = new RedisServer(await freePort(), dir);
    await server.restart();
    return server;
  }

  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => {});
      const up = await probe.connect().then(
        () => probe.ping().then(() => true),
        () => false,
      );
      probe.disconnect();
      if (up) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${this.port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      await terminate(this.child, 'SIGTERM');
    }
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server and waits for the log line that names its port. */
export function spawnServer(name: string, script: string, env: NodeJS.ProcessEnv): Promise<RunningProcess> {
  // PB_CPU_PROFILE_DIR=dir: each server writes a V8 CPU profile there when it stops (benchmarks)
  const profile = process.env.PB_CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PB_CPU_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    // generous: on a 2-core machine busy with other work a cold start has taken over 30 s
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 90 s`)), 90_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output.join('')}`));
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      if (output.length > 500) output.shift();
      for (const line of text.split('\n')) {
        const port = listeningPort(line);
        if (port) {
          clearTimeout(timer);
          child.removeListener('exit', onEarlyExit);
          resolve({ name, child, port, output });
        }
      }
    };
    const onEarlyExit = (code: number | null) =>
      fail(new Error(`${name} exited with code ${code} before listening`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onEarlyExit);
  });
}

function listeningPort(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    return entry.msg?.includes('listening') && entry.port ? entry.port : undefined;
  } catch {
    return undefined;
  }
}

export function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Runs a command of the repository (node SCRIPT ARGS) to its end; its exit code and output. */
export function runCollecting(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`)),
    );
  });
}
