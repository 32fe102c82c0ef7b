import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EnvReader, readCommonConfig } from './config.js';
import { dropDatabase, openDatabase } from './database.js';
import { GATEWAY_PASS_PARAM, GatewayPassSigner, type PassViewer } from './gateway-pass.js';
import type { PubSub } from './pubsub.js';
import { connectRedis } from './redis.js';
import { type Role, signDevelopmentToken } from './viewer.js';

/**
 * The one test harness for a single subgraph: a database and a Redis namespace of its own on the real
 * servers, tokens for any role, and a GraphQL client. Cross-service scenarios live in `tests/`.
 */
export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export function testEnvironment(service: string) {
  const id = randomBytes(4).toString('hex');
  const reader = new EnvReader({ ...process.env, NODE_ENV: 'test' });
  const common = readCommonConfig(reader);
  reader.done();
  const database = `pbt_${id}_${service.replace(/-/g, '_')}`;
  const redisNamespace = `pbt:${id}`;
  return {
    common: { ...common, redisNamespace },
    database,
    token: (role: Role, regionCode: string | null = null) =>
      signDevelopmentToken({ subject: `test-${role}`, roles: [role], regionCode }, common.auth),
    /**
     * Sends an operation straight to a subgraph at `url` as the gateway would for a viewer of `role` in
     * `regionCode`: signed with a fresh pass (subgraphs answer nothing else).
     */
    asViewer: <T = Record<string, unknown>>(
      url: string,
      role: Role,
      regionCode: string | null,
      query: string,
      variables: Record<string, unknown> = {},
    ) => postSigned<T>(url, common.auth.gatewaySecret, testViewer(role, regionCode), query, variables),
    /** The graphql-ws connection params the gateway would send a subgraph for such a viewer. */
    connectionParams: (role: Role, regionCode: string | null = null) => ({
      [GATEWAY_PASS_PARAM]: new GatewayPassSigner(common.auth.gatewaySecret).forConnection(
        testViewer(role, regionCode),
        Date.now() + 3_600_000,
      ),
    }),
    /** The test's own database, empty: the test makes the tables it needs. */
    openEmptyDatabase: (poolSize?: number) =>
      openDatabase({ mysqlUrl: common.mysqlUrl, database, entities: [], migrations: [], poolSize }),
    /** Drops the database and the Redis keys the test made. */
    async cleanUp(): Promise<void> {
      await dropDatabase(common.mysqlUrl, database);
      const redis = await connectRedis(common.redisUrl, 'test-cleanup');
      const keys = await redis.keys(`${redisNamespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

function testViewer(role: Role, regionCode: string | null): PassViewer {
  return { subject: `test-${role}`, roles: [role], regionCode };
}

/** POSTs an operation to a subgraph with a gateway pass signed with `gatewaySecret` for `viewer`. */
export async function postSigned<T = Record<string, unknown>>(
  url: string,
  gatewaySecret: string,
  viewer: PassViewer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const body = JSON.stringify({ query, variables });
  const headers = new GatewayPassSigner(gatewaySecret).headersFor(viewer, body, randomUUID());
  const response = await fetch(url, { method: 'POST', headers, body });
  return (await response.json()) as GraphQLResult<T>;
}

/** POSTs an operation to a GraphQL endpoint with a bearer token (none when null). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

/** A kind of write that may happen only in the listed files (paths relative to the scanned folder). */
export interface WritePathRule {
  what: string;
  pattern: RegExp;
  allowed: string[];
}

/**
 * The writes of a source folder found outside the files allowed to make them, as `file: what` lines: a
 * guard that a new write path goes through the one place that writes a change and its event together.
 * Tests and migrations (which shape tables and write no records) are not scanned.
 */
export async function writesOutsideTheirPlace(dir: string, rules: WritePathRule[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') await walk(path);
        continue;
      }
      if (!entry.name.endsWith('.ts') || /\.test(-helper)?\.ts$/.test(entry.name)) continue;
      const text = await readFile(path, 'utf8');
      const name = relative(dir, path);
      for (const rule of rules) {
        for (const _ of text.matchAll(rule.pattern))
          if (!rule.allowed.includes(name)) found.push(`${name}: ${rule.what}`);
      }
    }
  };
  await walk(dir);
  return found;
}

/** Waits for a condition, checking every 10 ms, up to a deadline that names what it waited for. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Reads values with `read` until one that `want` accepts, and returns every value seen, that one last: a
 * live figure's stream may first carry publications of earlier writes. Each value must come within
 * `timeoutMs`, or the test fails naming what it saw instead of hanging.
 */
export async function readUntil<T>(
  read: () => Promise<T>,
  want: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T[]> {
  const seen: T[] = [];
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`nothing new within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`)),
        timeoutMs,
      );
    });
    try {
      seen.push(await Promise.race([read(), late]));
    } finally {
      clearTimeout(timer);
    }
    if (want(seen.at(-1)!)) return seen;
  }
}

/**
 * A reader of `stream` that keeps its next read waiting: the first starts now (a subscription reaches
 * Redis only once its iterator is read, so a test starts it before the write it watches for), and each
 * read starts the one after, so no figure published between two reads is missed.
 */
export function readAhead<T>(stream: AsyncIterator<T>): () => Promise<T> {
  let next = stream.next();
  return async () => {
    const result = await next;
    if (result.done) throw new Error('the stream ended');
    next = stream.next();
    return result.value;
  };
}

/**
 * Waits until Redis has subscriptions to these ids of a topic. A subscription reaches Redis only once its
 * iterator is first read, and a live figure no one watches is not published: a test that subscribes and
 * then writes waits on this, not on a pause.
 */
export function untilWatched(
  pubSub: PubSub,
  topic: string,
  ids: string[],
  timeoutMs = 10_000,
): Promise<void> {
  return until(
    async () => (await pubSub.watched(topic, ids)).every(Boolean),
    `a subscription to ${topic} ${ids.join(', ')} in Redis`,
    timeoutMs,
  );
}
