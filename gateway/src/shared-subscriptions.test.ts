import { Viewer } from '@pb/platform/viewer';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Delivery, SharedSubscriptions } from './shared-subscriptions.js';

/** An upstream stream the test feeds by hand, which records whether it was closed. */
class Upstream implements AsyncIterableIterator<ExecutionResult> {
  closed = false;
  private readonly pending: Array<(next: IteratorResult<ExecutionResult>) => void> = [];
  private readonly failures: Array<(error: unknown) => void> = [];

  emit(n: number): void {
    this.failures.shift();
    this.pending.shift()?.({ value: { data: { n } }, done: false });
  }

  fail(error: Error): void {
    this.pending.shift();
    this.failures.shift()?.(error);
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    return new Promise((resolve, reject) => {
      this.pending.push(resolve);
      this.failures.push(reject);
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.closed = true;
    for (const resolve of this.pending.splice(0)) resolve({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}

const wall = new Viewer('wall-1', ['wall'], null);
const otherWall = new Viewer('wall-2', ['wall'], null);
const zhejiangWall = new Viewer('wall-3', ['wall'], '330000');
const admin = new Viewer('admin-1', ['admin'], null);
const FIGURE = { query: 'subscription { memberStatsChanged { fullMembers } }' };

/**
 * A subscriber's WebSocket as the shared stream sees it (`ws`'s readyState and bufferedAmount) and the
 * connection under it, keeping the messages of the frames written there (websocket-frame.test.ts checks
 * the frames against a real client); `bufferedAmount` is set by hand to play a client that stopped reading.
 */
class Socket {
  readonly frames: Array<{ id: string; type: string; payload: ExecutionResult }> = [];
  readyState: number = WebSocket.OPEN;
  bufferedAmount = 0;

  write(frame: Buffer): void {
    expect(frame[0]).toBe(0x81);
    const length = frame[1]!;
    const start = length < 126 ? 2 : length === 126 ? 4 : 10;
    this.frames.push(JSON.parse(frame.subarray(start).toString('utf8')));
  }

  /** The figures it was sent. */
  get seen(): unknown[] {
    return this.frames.map((frame) => frame.payload.data?.n);
  }
}

let operations = 0;
/** A delivery to a new socket, under an operation id of the kind a graphql-ws client sends. */
function toSocket(): Delivery & { socket: Socket } {
  operations += 1;
  const socket = new Socket();
  return { socket, connection: socket, operationId: `op-${operations}` };
}

/** Waits until the shared pump has delivered what was emitted (microtasks only, no timers). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('shared subscriptions', () => {
  it('runs identical subscriptions of viewers with the same scope and roles once, and writes every one each result', async () => {
    const sharing = new SharedSubscriptions();
    const upstreams: Upstream[] = [];
    const start = () => {
      const upstream = new Upstream();
      upstreams.push(upstream);
      return upstream;
    };
    const [a, b] = [toSocket(), toSocket()];
    const first = (await sharing.subscribe(FIGURE, wall, a, start)) as AsyncIterableIterator<ExecutionResult>;
    const second = (await sharing.subscribe(
      FIGURE,
      otherWall,
      b,
      start,
    )) as AsyncIterableIterator<ExecutionResult>;
    expect(upstreams).toHaveLength(1);
    expect(sharing.stats).toEqual({ streams: 1, subscribers: 2 });
    // graphql-ws reads each subscriber: nothing comes that way, the results go to the sockets
    const ended = [first.next(), second.next()];
    await settle();
    upstreams[0]!.emit(1);
    await settle();
    upstreams[0]!.emit(2);
    await settle();
    expect([a.socket.seen, b.socket.seen]).toEqual([
      [1, 2],
      [1, 2],
    ]);
    // each frame is graphql-ws's `next` message, under the id that subscriber's client gave
    expect(a.socket.frames[0]).toEqual({ id: a.operationId, type: 'next', payload: { data: { n: 1 } } });
    expect(b.socket.frames[0]?.id).toBe(b.operationId);
    // both leave (as graphql-ws does on `complete` or a closed socket): the upstream subscription ends
    await first.return?.();
    await second.return?.();
    expect(await Promise.all(ended)).toEqual([
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    await settle();
    expect(upstreams[0]!.closed).toBe(true);
    expect(sharing.stats).toEqual({ streams: 0, subscribers: 0 });
  });

  it('writes results with errors as graphql-ws does: each error as its JSON, no errors key without any', async () => {
    const sharing = new SharedSubscriptions();
    const results: ExecutionResult[] = [
      { data: { n: 1 } },
      { data: null, errors: [new GraphQLError('gone', { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })] },
    ];
    async function* upstream() {
      yield* results;
    }
    const a = toSocket();
    const subscription = (await sharing.subscribe(
      FIGURE,
      wall,
      a,
      upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    expect(a.socket.frames.map((frame) => JSON.stringify(frame.payload))).toEqual([
      '{"data":{"n":1}}',
      '{"data":null,"errors":[{"message":"gone","extensions":{"code":"SUBGRAPH_UNAVAILABLE"}}]}',
    ]);
  });

  it('keeps apart other variables, another scope, queries and mutations, and readers of personal data', async () => {
    const sharing = new SharedSubscriptions();
    let started = 0;
    const start = () => {
      started += 1;
      return new Upstream();
    };
    await sharing.subscribe(FIGURE, wall, toSocket(), start);
    await sharing.subscribe({ ...FIGURE, variables: { regionCode: '330000' } }, wall, toSocket(), start);
    await sharing.subscribe(FIGURE, zhejiangWall, toSocket(), start);
    expect(started).toBe(3);
    for (const operation of ['{ memberStats { fullMembers } }', 'mutation { noop }'])
      for (let i = 0; i < 2; i++) await sharing.subscribe({ query: operation }, wall, toSocket(), start);
    expect(started).toBe(7);
    await sharing.subscribe(FIGURE, admin, toSocket(), start);
    await sharing.subscribe(FIGURE, admin, toSocket(), start);
    expect(started).toBe(9);
    await sharing.subscribe(FIGURE, undefined, toSocket(), start);
    expect(started).toBe(10);
  });

  it('goes on for the others when one leaves, and hands an upstream error to every subscriber', async () => {
    const sharing = new SharedSubscriptions();
    const upstream = new Upstream();
    const [a, b] = [toSocket(), toSocket()];
    const first = (await sharing.subscribe(
      FIGURE,
      wall,
      a,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    const second = (await sharing.subscribe(
      FIGURE,
      otherWall,
      b,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    await first.return?.();
    expect(upstream.closed).toBe(false);
    const failed = second.next();
    await settle();
    upstream.emit(7);
    await settle();
    expect([a.socket.seen, b.socket.seen]).toEqual([[], [7]]);
    upstream.fail(new Error('subgraph gone'));
    await expect(failed).rejects.toThrow('subgraph gone');
    // a new subscriber after the failure starts afresh
    let restarted = false;
    await sharing.subscribe(FIGURE, wall, toSocket(), () => {
      restarted = true;
      return new Upstream();
    });
    expect(restarted).toBe(true);
  });

  it('lets a subscriber whose client stopped reading go, without holding back the others', async () => {
    const sharing = new SharedSubscriptions();
    const upstream = new Upstream();
    const [stalled, reading] = [toSocket(), toSocket()];
    const idle = (await sharing.subscribe(
      FIGURE,
      wall,
      stalled,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    await sharing.subscribe(FIGURE, otherWall, reading, () => upstream);
    const emit = async (n: number) => {
      await settle();
      upstream.emit(n);
      await settle();
    };
    await emit(1);
    // a megabyte unsent: the next event is not written to it, and its subscription fails saying why
    stalled.socket.bufferedAmount = 1024 * 1024 + 1;
    await emit(2);
    await emit(3);
    expect(stalled.socket.seen).toEqual([1]);
    expect(reading.socket.seen).toEqual([1, 2, 3]);
    await expect(idle.next()).rejects.toThrow('too slow');
    expect(sharing.stats).toEqual({ streams: 1, subscribers: 1 });
  });

  it('writes nothing to a socket that is closing', async () => {
    const sharing = new SharedSubscriptions();
    const upstream = new Upstream();
    const closing = toSocket();
    await sharing.subscribe(FIGURE, wall, closing, () => upstream);
    closing.socket.readyState = WebSocket.CLOSING;
    await settle();
    upstream.emit(1);
    await settle();
    expect(closing.socket.frames).toEqual([]);
  });

  it('returns a single result (an error, say) to its own caller, unshared', async () => {
    const sharing = new SharedSubscriptions();
    const refusal: ExecutionResult = { errors: [] };
    expect(await sharing.subscribe(FIGURE, wall, toSocket(), () => refusal)).toBe(refusal);
    expect(sharing.stats.streams).toBe(0);
  });
});
