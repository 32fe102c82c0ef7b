import type { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, getOperationAST, type OperationTypeNode, parse } from 'graphql';

/**
 * Identical subscriptions share one execution. A wall's subscription result depends only on the operation,
 * its variables and who may see what (the viewer's region scope and roles), so a hundred walls watching
 * the national figure need one upstream subscription and one execution per event, whose result goes to
 * every one of them; the cost of an event then grows with the number of distinct figures watched, not with
 * the number of screens.
 *
 * Not shared: queries and mutations sent over the socket (each must run), and subscriptions of a viewer
 * who may read personal data, whose every read is audited under the reader's own name.
 */

type Result = ExecutionResult;
type Source = AsyncIterable<Result> | Result;

export interface SubscriptionParams {
  query?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Results a slow client may have waiting before it is dropped (it reconnects and reads afresh). */
const MAX_QUEUED = 256;
/** Distinct documents whose operation type is remembered. */
const MAX_REMEMBERED_DOCUMENTS = 500;

export class SharedSubscriptions {
  private readonly streams = new Map<string, SharedStream>();
  private readonly operationTypes = new Map<string, OperationTypeNode | null>();

  /** How many upstream executions are shared, and by how many subscribers in all (for tests and logs). */
  get stats(): { streams: number; subscribers: number } {
    let subscribers = 0;
    for (const stream of this.streams.values()) subscribers += stream.size;
    return { streams: this.streams.size, subscribers };
  }

  /**
   * The result of `start` for this operation, shared with every identical subscription that is running:
   * `start` runs only for the first of them.
   */
  async subscribe(
    params: SubscriptionParams,
    viewer: Viewer | undefined,
    start: () => Source | Promise<Source>,
  ): Promise<Source> {
    const key = this.keyOf(params, viewer);
    if (key === null) return start();
    let stream = this.streams.get(key);
    if (!stream) {
      const source = await start();
      // an error (validation, refusal) is the caller's alone; so is a single result
      if (!isAsyncIterable(source)) return source;
      // another identical subscription may have started while this one awaited
      stream = this.streams.get(key);
      if (stream) closeQuietly(source);
      else {
        const created = new SharedStream(source, () => {
          if (this.streams.get(key) === created) this.streams.delete(key);
        });
        this.streams.set(key, created);
        stream = created;
      }
    }
    return stream.join();
  }

  private keyOf(params: SubscriptionParams, viewer: Viewer | undefined): string | null {
    if (!viewer || !params.query || viewer.can('read:personal')) return null;
    if (this.operationType(params.query, params.operationName ?? null) !== 'subscription') return null;
    return JSON.stringify([
      params.query,
      params.operationName ?? null,
      params.variables ?? {},
      viewer.regionCode,
      [...viewer.roles].sort(),
    ]);
  }

  private operationType(query: string, operationName: string | null): OperationTypeNode | null {
    const remembered = `${operationName ?? ''}\n${query}`;
    if (this.operationTypes.has(remembered)) return this.operationTypes.get(remembered) ?? null;
    let type: OperationTypeNode | null = null;
    try {
      type = getOperationAST(parse(query), operationName)?.operation ?? null;
    } catch {
      // a document that does not parse is not shared; the runtime answers it with its error
    }
    if (this.operationTypes.size >= MAX_REMEMBERED_DOCUMENTS) this.operationTypes.clear();
    this.operationTypes.set(remembered, type);
    return type;
  }
}

/** One upstream result stream read once and copied to each subscriber's queue. */
class SharedStream {
  private readonly subscribers = new Set<Subscriber>();
  private readonly iterator: AsyncIterator<Result>;
  private finished = false;

  constructor(
    source: AsyncIterable<Result>,
    private readonly onEnd: () => void,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
    void this.pump();
  }

  get size(): number {
    return this.subscribers.size;
  }

  join(): AsyncIterableIterator<Result> {
    const subscriber = new Subscriber(() => this.leave(subscriber));
    if (this.finished) subscriber.end();
    else this.subscribers.add(subscriber);
    return subscriber;
  }

  private leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0 && !this.finished) {
      this.finish();
      closeQuietly(this.iterator);
    }
  }

  private async pump(): Promise<void> {
    try {
      for (;;) {
        const next = await this.iterator.next();
        if (next.done || this.finished) break;
        for (const subscriber of this.subscribers) subscriber.push(next.value);
      }
    } catch (error) {
      for (const subscriber of this.subscribers) subscriber.fail(error);
    }
    this.finish();
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onEnd();
  }
}

/** A subscriber's view of a shared stream: its own queue, read at its own pace. */
class Subscriber implements AsyncIterableIterator<Result> {
  private readonly queue: Result[] = [];
  private waiting: ((next: IteratorResult<Result>) => void) | null = null;
  private failure: ((error: unknown) => void) | null = null;
  private done = false;
  private error: unknown = null;

  constructor(private readonly onLeave: () => void) {}

  push(result: Result): void {
    if (this.done || this.error !== null) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failure = null;
      resolve({ value: result, done: false });
      return;
    }
    this.queue.push(result);
    // a client that does not keep up is let go rather than held in memory
    if (this.queue.length > MAX_QUEUED) {
      this.queue.length = 0;
      this.fail(new Error('subscriber too slow'));
    }
  }

  fail(error: unknown): void {
    if (this.done || this.error !== null) return;
    this.error = error;
    // it hears nothing more; its next read reports the failure
    this.onLeave();
    if (this.failure) {
      const reject = this.failure;
      this.waiting = null;
      this.failure = null;
      this.done = true;
      reject(error);
    }
  }

  end(): void {
    // a failure stands: the next read reports it
    if (this.done || this.error !== null) return;
    this.done = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.failure = null;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<Result>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.error !== null && !this.done) {
      this.done = true;
      return Promise.reject(this.error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failure = reject;
    });
  }

  return(): Promise<IteratorResult<Result>> {
    this.queue.length = 0;
    this.end();
    this.onLeave();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Result> {
    return this;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Result> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function closeQuietly(source: AsyncIterable<Result> | AsyncIterator<Result>): void {
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source;
  void iterator.return?.()?.catch(() => undefined);
}
