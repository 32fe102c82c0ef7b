import type { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, getOperationAST, type OperationTypeNode, parse } from 'graphql';
import { WebSocket } from 'ws';
import { textFrame } from './websocket-frame.js';

/**
 * Identical subscriptions share one execution. A wall's subscription result depends only on the operation,
 * its variables and who may see what (the viewer's region scope and roles), so a hundred walls watching
 * the national figure need one upstream subscription and one execution per event, whose result goes to
 * every one of them; the cost of an event then grows with the number of distinct figures watched, not with
 * the number of screens.
 *
 * Each event is also serialized once, to UTF-8 bytes: the shared stream writes the graphql-ws `next`
 * message straight to every subscriber's connection, under that subscriber's operation id, as one
 * WebSocket frame in one write. Going through graphql-ws for each subscriber would serialize the same
 * result again for each of them and hold a promise per frame: 1.4-1.5 times the CPU per frame of writing
 * it directly; and `ws`'s own `send` of a string encodes it again and makes a two-part write, about 1.2
 * times the CPU of one prebuilt buffer (docs/decisions.md). At 500 walls the frames are most of what an
 * event costs the gateway, and of a frame's cost most is the kernel's own send. graphql-ws still owns
 * each subscription's life: it is handed an iterator that yields nothing and ends, or fails, when the
 * shared stream does, so `complete` and `error` messages go out as before, through `ws`.
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

/** A subscriber's WebSocket, as the shared stream reads it: what the `ws` WebSocket offers. */
export interface SubscriberSocket {
  readonly readyState: number;
  /** Bytes handed to the connection and not yet sent. */
  readonly bufferedAmount: number;
}

/** The byte stream a WebSocket runs on (the TCP socket of its upgrade), where its frames are written. */
export interface FrameSink {
  write(frame: Buffer): unknown;
}

/** Where a subscriber's results go: its connection, under the id its client gave the operation. */
export interface Delivery {
  socket: SubscriberSocket;
  connection: FrameSink;
  operationId: string;
}

/**
 * Unsent bytes a slow client may have waiting before it is let go (a wall's event is a few hundred bytes:
 * this is thousands of events behind). It hears why, and a graphql-ws client subscribes again and reads
 * afresh.
 */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** The `}` that closes a `next` message after its payload. */
const MESSAGE_END = Buffer.from('}');
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
   * For a subscription that can be shared, joins the running stream of identical ones (`start` runs only
   * for the first of them): its results are written to `delivery`, and the iterator returned ends or fails
   * with the stream. Anything else gets the result of `start`, its own.
   */
  async subscribe(
    params: SubscriptionParams,
    viewer: Viewer | undefined,
    delivery: Delivery,
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
    return stream.join(delivery);
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

/** One upstream result stream read once, each result serialized once and written to every subscriber. */
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

  join(delivery: Delivery): AsyncIterableIterator<Result> {
    const subscriber = new Subscriber(delivery, () => this.leave(subscriber));
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
        const payload = Buffer.from(serializeResult(next.value));
        for (const subscriber of this.subscribers) subscriber.deliver(payload);
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

/**
 * A subscriber of a shared stream. Its results go straight to its socket; to graphql-ws it is an iterator
 * that yields nothing and settles when the subscription ends: done when the stream ends, rejected when it
 * fails or this subscriber fell too far behind.
 */
class Subscriber implements AsyncIterableIterator<Result> {
  /** The `next` message up to its payload: `{"id":…,"type":"next","payload":`, as graphql-ws writes it. */
  private readonly messagePrefix: Buffer;
  private settle: {
    resolve: (next: IteratorResult<Result>) => void;
    reject: (error: unknown) => void;
  } | null = null;
  private done = false;
  private error: unknown = null;

  constructor(
    private readonly delivery: Delivery,
    private readonly onLeave: () => void,
  ) {
    this.messagePrefix = Buffer.from(
      `{"id":${JSON.stringify(delivery.operationId)},"type":"next","payload":`,
    );
  }

  /** Writes the `next` message with `payload` (a serialized result, UTF-8). */
  deliver(payload: Buffer): void {
    if (this.done || this.error !== null) return;
    const { socket } = this.delivery;
    // a closing socket is graphql-ws's to end; nothing more is written to it
    if (socket.readyState !== WebSocket.OPEN) return;
    // a client that does not keep up is let go rather than held in memory
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.fail(new Error('subscriber too slow'));
      return;
    }
    this.delivery.connection.write(textFrame(this.messagePrefix, payload, MESSAGE_END));
  }

  fail(error: unknown): void {
    if (this.done || this.error !== null) return;
    this.error = error;
    // it hears nothing more; its next read reports the failure
    this.onLeave();
    if (this.settle) {
      const { reject } = this.settle;
      this.settle = null;
      this.done = true;
      reject(error);
    }
  }

  end(): void {
    // a failure stands: the next read reports it
    if (this.done || this.error !== null) return;
    this.done = true;
    if (this.settle) {
      const { resolve } = this.settle;
      this.settle = null;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<Result>> {
    if (this.error !== null && !this.done) {
      this.done = true;
      return Promise.reject(this.error);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<Result>> {
    this.end();
    this.onLeave();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Result> {
    return this;
  }
}

/**
 * A result as graphql-ws puts it in a `next` message: `errors` left out unless there are some, each
 * error as its `toJSON()` (which `JSON.stringify` calls).
 */
function serializeResult(result: Result): string {
  const { errors, ...rest } = result;
  return JSON.stringify(errors ? { ...rest, errors } : rest);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Result> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function closeQuietly(source: AsyncIterable<Result> | AsyncIterator<Result>): void {
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source;
  void iterator.return?.()?.catch(() => undefined);
}
