import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, EnvReader, type Role, readCommonConfig, signDevelopmentToken } from '@pb/platform';
import { Redis } from 'ioredis';

/**
 * Boots the whole system as real processes, the way it is deployed: both subgraphs and the gateway from
 * their built output, each on a free port, against the real MariaDB and Redis. Every system gets its own
 * databases and Redis namespace, so tests never touch the data of `pnpm start` and can run beside it.
 */

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const common = (() => {
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const config = readCommonConfig(reader);
  reader.done();
  return config;
})();

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
  processes: Map<string, RunningProcess>;
  token(role: Role, regionCode?: string | null): Promise<string>;
  /** Sends a GraphQL operation through the gateway. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; role?: Role },
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  stop(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  stopAll(): Promise<void>;
}

export interface SystemOptions {
  /** Demo organizations to seed (members come with them). */
  organizations?: number;
}

export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const id = randomBytes(4).toString('hex');
  const organizationDatabase = `pbt_${id}_organization`;
  const partyWorkDatabase = `pbt_${id}_party_work`;
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MYSQL_URL: common.mysqlUrl,
    REDIS_URL: common.redisUrl,
    REDIS_NAMESPACE: `pbt:${id}`,
    ORGANIZATION_DATABASE: organizationDatabase,
    PARTY_WORK_DATABASE: partyWorkDatabase,
  };
  const processes = new Map<string, RunningProcess>();
  const seed = String(options.organizations ?? 40);
  await runToEnd('node', ['services/organization/dist/cli.js', 'seed', '--orgs', seed], baseEnv);
  await runToEnd('node', ['services/party-work/dist/cli.js', 'seed', '--orgs', seed], baseEnv);

  const specs: Record<string, { script: string; env: () => NodeJS.ProcessEnv }> = {
    organization: { script: 'services/organization/dist/index.js', env: () => ({ ...baseEnv, PORT: '0' }) },
    'party-work': { script: 'services/party-work/dist/index.js', env: () => ({ ...baseEnv, PORT: '0' }) },
    gateway: {
      script: 'gateway/dist/index.js',
      env: () => ({
        ...baseEnv,
        // the gateway keeps its port across restarts, so the wall reconnects to the same address
        PORT: String(processes.get('gateway')?.port ?? 0),
        ORGANIZATION_URL: `http://127.0.0.1:${processes.get('organization')?.port}/graphql`,
        PARTY_WORK_URL: `http://127.0.0.1:${processes.get('party-work')?.port}/graphql`,
      }),
    },
  };

  async function start(name: string): Promise<void> {
    const spec = specs[name]!;
    const previousPort = processes.get(name)?.port;
    const env = spec.env();
    if (previousPort && name !== 'gateway') env.PORT = String(previousPort);
    processes.set(name, await spawnServer(name, spec.script, env));
  }

  const system: System = {
    gatewayUrl: '',
    gatewayWsUrl: '',
    baseUrl: '',
    organizationDatabase,
    partyWorkDatabase,
    processes,
    token: (role, regionCode = null) =>
      signDevelopmentToken({ subject: `test-${role}`, roles: [role], regionCode }, common.auth),
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
      if (!running || running.child.exitCode !== null) return;
      await terminate(running.child);
    },
    async restart(name) {
      await system.stop(name);
      await start(name);
    },
    async stopAll() {
      for (const name of ['gateway', 'party-work', 'organization']) await system.stop(name);
      await dropDatabase(common.mysqlUrl, organizationDatabase);
      await dropDatabase(common.mysqlUrl, partyWorkDatabase);
      const redis = new Redis(common.redisUrl);
      const keys = await redis.keys(`pbt:${id}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };

  try {
    await start('organization');
    await start('party-work');
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

/** Starts a server and waits for the log line that names its port. */
function spawnServer(name: string, script: string, env: NodeJS.ProcessEnv): Promise<RunningProcess> {
  const child = spawn(process.execPath, [script], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s`)), 30_000);
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
          resolve({ name, child, port, output });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${name} exited with code ${code} before listening`)));
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

function terminate(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
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
