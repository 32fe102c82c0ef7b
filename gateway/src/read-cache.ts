import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { today } from '@pb/platform/calendar';
import { changeCounterKey } from '@pb/platform/change-counter';
import type { Logger } from '@pb/platform/logger';
import type { Viewer } from '@pb/platform/viewer';
import { type DocumentNode, type ExecutionResult, getOperationAST } from 'graphql';
import { isAsyncIterable } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { AuthContext } from './auth.js';

/**
 * The wall's reads, answered again without asking the subgraphs while nothing has changed.
 *
 * A hundred walls read the same few figures, and each reads them again after every event; so do the
 * analysts' saved queries. An answer depends only on the operation, its variables, who may see what
 * (the viewer's region scope and roles) and the data; so the gateway keeps each query's answer under
 * those, with the change counter of every subgraph that made it (platform/src/change-counter.ts) as read
 * *before* asking them. It is served again only while those counters have not moved: each committed
 * change moves its subgraph's counter before the write's response goes out and before anything of it is
 * published, so no answer older than a change is served once the writer has its response or a wall has
 * heard of the change. Checking costs one Redis read per request, against a subgraph round trip, a query
 * plan's execution and the subgraph's own work.
 *
 * Not kept: mutations and subscriptions; answers with errors; anything of a viewer who may read
 * personal data or the audit log (each such read is audited by name, so each must reach the subgraph);
 * anything while Redis does not answer (every read then goes through, as without the cache). Everything
 * kept is forgotten after a mutation through this gateway (its writer reads its change even if the
 * subgraph could not reach Redis) and when the connection to Redis closes (a change made meanwhile moved
 * no counter; a subgraph moves its counter again when it reconnects). An answer is also forgotten on a
 * new day (figures are of a day) and after `ttlMs`, a bound for a change that reached the rows some other
 * way than a subgraph's writer (the counters move on each start for those).
 */

export interface ReadCacheOptions {
  redisUrl: string;
  namespace: string;
  /** The subgraphs of the current supergraph as it names them (`join__graph(name:)`), each with its counter. */
  subgraphs: () => readonly string[];
  logger: Logger;
  /** @default 10000 */
  ttlMs?: number;
  /** @default 2000 */
  maxEntries?: number;
  /** What all kept answers may hold, as their JSON's length. @default 64 MiB */
  maxBytes?: number;
  /** An answer larger than this is not kept (a long list an analyst asked for once). @default 1 MiB */
  maxEntryBytes?: number;
}

interface Kept {
  result: ExecutionResult;
  /** The counters of the subgraphs that made it, as read before they were asked. */
  counters: Map<string, string | null>;
  keptAt: number;
  /** Its JSON's length: what it holds, for the budget. */
  bytes: number;
}

/** What one request's execution is doing with the cache. */
interface Pending {
  key: string;
  counters: Map<string, string | null>;
  asked: Set<string>;
}

/** How long a check of the counters may take before the read goes through uncached. */
const COUNTER_READ_TIMEOUT_MS = 200;

export class ReadCache {
  private readonly entries = new Map<string, Kept>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  /** What the kept answers hold, as their JSON's length. */
  private bytes = 0;
  /** Whether the last counter read failed (then every read goes through). */
  private off = false;
  /** Answers served from the cache, and reads that asked the subgraphs (tests, the bench, logs). */
  readonly counts = { served: 0, asked: 0 };

  constructor(private readonly options: ReadCacheOptions) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;
    // commands fail at once while Redis is away (no offline queue): the read then goes through
    this.redis = new Redis(options.redisUrl, {
      connectionName: 'gateway-read-cache',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 50, 500),
    });
    this.redis.on('error', () => {});
    // a subgraph's change while Redis was away moved no counter: nothing kept before then is served after
    this.redis.on('close', () => this.forgetAll());
  }

  /**
   * After a mutation through this gateway: whatever it changed, nothing kept before is served to the
   * writer, even if its subgraph could not move its counter (Redis away from the subgraph alone).
   */
  forgetAll(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private forget(key: string): void {
    const kept = this.entries.get(key);
    if (!kept) return;
    this.entries.delete(key);
    this.bytes -= kept.bytes;
  }

  async close(): Promise<void> {
    this.forgetAll();
    this.redis.disconnect();
  }

  /**
   * The cache key of a query, or null when it is not to be kept: not a query, or a viewer whose reads
   * must each reach the subgraph.
   */
  keyOf(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    viewer: Viewer | undefined,
  ): string | null {
    if (!viewer || viewer.can('read:personal') || viewer.can('read:audit')) return null;
    if (getOperationAST(document, operationName)?.operation !== 'query') return null;
    let id = this.documentIds.get(document);
    if (id === undefined) {
      id = this.nextDocumentId++;
      this.documentIds.set(document, id);
    }
    return JSON.stringify([
      id,
      operationName ?? null,
      variables ?? {},
      viewer.regionCode,
      [...viewer.roles].sort(),
      today(),
    ]);
  }

  /** Every subgraph's counter now, or null when Redis does not answer in time. */
  async counters(): Promise<Map<string, string | null> | null> {
    const names = this.options.subgraphs();
    // still connecting (at start, or again after Redis went away): every read goes through meanwhile
    if (names.length === 0 || this.redis.status !== 'ready') return null;
    try {
      const keys = names.map((name) => changeCounterKey(this.options.namespace, name));
      const values = await withTimeout(this.redis.mget(...keys), COUNTER_READ_TIMEOUT_MS);
      if (this.off) this.options.logger.info('read cache on again: Redis answers');
      this.off = false;
      return new Map(names.map((name, i) => [name, values[i] ?? null]));
    } catch (error) {
      if (!this.off) this.options.logger.warn({ err: error }, 'read cache off while Redis does not answer');
      this.off = true;
      // what was kept may predate changes whose counters could not be read
      this.forgetAll();
      return null;
    }
  }

  /** The kept answer of `key`, if the subgraphs that made it have not changed since. */
  served(key: string, now: Map<string, string | null>): ExecutionResult | undefined {
    const kept = this.entries.get(key);
    if (!kept) return undefined;
    const fresh =
      Date.now() - kept.keptAt < this.ttlMs &&
      [...kept.counters].every(([subgraph, counter]) => now.get(subgraph) === counter);
    if (!fresh) {
      this.forget(key);
      return undefined;
    }
    this.counts.served++;
    return kept.result;
  }

  keep(pending: Pending, result: ExecutionResult): void {
    this.counts.asked++;
    if (result.errors?.length) return;
    const counters = new Map([...pending.asked].map((name) => [name, pending.counters.get(name) ?? null]));
    // a subgraph it asked that has no counter (renamed, new) could change unseen: not kept
    if ([...pending.asked].some((name) => !pending.counters.has(name))) return;
    // measured once, when it is kept: an answer's size bounds what the gateway holds, whatever is asked
    const bytes = JSON.stringify(result.data ?? null).length;
    if (bytes > this.maxEntryBytes) return;
    this.forget(pending.key);
    // the oldest kept go first (a Map keeps insertion order)
    while (
      this.entries.size > 0 &&
      (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)
    ) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
    this.entries.set(pending.key, { result, counters, keptAt: Date.now(), bytes });
    this.bytes += bytes;
  }
}

/** The plugin serving and keeping answers through `cache`. */
export function useReadCache(cache: ReadCache): GatewayPlugin<AuthContext> {
  const pendingOf = new WeakMap<object, Pending>();
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as AuthContext;
      if (getOperationAST(args.document, args.operationName)?.operation === 'mutation')
        return { onExecuteDone: () => cache.forgetAll() };
      const key = cache.keyOf(args.document, args.operationName, args.variableValues, context.viewer);
      if (key === null) return;
      const counters = await cache.counters();
      if (counters === null) return;
      const kept = cache.served(key, counters);
      if (kept) {
        setResultAndStopExecution(kept);
        return;
      }
      const pending: Pending = { key, counters, asked: new Set() };
      pendingOf.set(context, pending);
      return {
        onExecuteDone({ result }) {
          pendingOf.delete(context);
          if (!isAsyncIterable(result)) cache.keep(pending, result);
        },
      };
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const context = executionRequest.context as object | undefined;
      if (context) pendingOf.get(context)?.asked.add(subgraphName);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
