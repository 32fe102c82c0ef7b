import { Viewer } from '@pb/platform/viewer';
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SharedSubscriptions } from './shared-subscriptions.js';

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

async function take(iterator: AsyncIterable<ExecutionResult>, count: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const result of iterator) {
    seen.push(result.data?.n);
    if (seen.length === count) break;
  }
  return seen;
}

/** Waits until the shared pump has delivered what was emitted (microtasks only, no timers). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('shared subscriptions', () => {
  it('runs identical subscriptions of viewers with the same scope and roles once, and gives every one each result', async () => {
    const sharing = new SharedSubscriptions();
    const upstreams: Upstream[] = [];
    const start = () => {
      const upstream = new Upstream();
      upstreams.push(upstream);
      return upstream;
    };
    const first = (await sharing.subscribe(FIGURE, wall, start)) as AsyncIterable<ExecutionResult>;
    const second = (await sharing.subscribe(FIGURE, otherWall, start)) as AsyncIterable<ExecutionResult>;
    expect(upstreams).toHaveLength(1);
    expect(sharing.stats).toEqual({ streams: 1, subscribers: 2 });
    const both = Promise.all([take(first, 2), take(second, 2)]);
    await settle();
    upstreams[0]!.emit(1);
    await settle();
    upstreams[0]!.emit(2);
    expect(await both).toEqual([
      [1, 2],
      [1, 2],
    ]);
    // both left (break closes each): the upstream subscription ends with the last
    await settle();
    expect(upstreams[0]!.closed).toBe(true);
    expect(sharing.stats).toEqual({ streams: 0, subscribers: 0 });
  });

  it('keeps apart other variables, another scope, queries and mutations, and readers of personal data', async () => {
    const sharing = new SharedSubscriptions();
    let started = 0;
    const start = () => {
      started += 1;
      return new Upstream();
    };
    await sharing.subscribe(FIGURE, wall, start);
    await sharing.subscribe({ ...FIGURE, variables: { regionCode: '330000' } }, wall, start);
    await sharing.subscribe(FIGURE, zhejiangWall, start);
    expect(started).toBe(3);
    for (const operation of ['{ memberStats { fullMembers } }', 'mutation { noop }'])
      for (let i = 0; i < 2; i++) await sharing.subscribe({ query: operation }, wall, start);
    expect(started).toBe(7);
    await sharing.subscribe(FIGURE, admin, start);
    await sharing.subscribe(FIGURE, admin, start);
    expect(started).toBe(9);
    await sharing.subscribe(FIGURE, undefined, start);
    expect(started).toBe(10);
  });

  it('goes on for the others when one leaves, and hands an upstream error to every subscriber', async () => {
    const sharing = new SharedSubscriptions();
    const upstream = new Upstream();
    const first = (await sharing.subscribe(
      FIGURE,
      wall,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    const second = (await sharing.subscribe(
      FIGURE,
      otherWall,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    await first.return?.();
    expect(upstream.closed).toBe(false);
    const next = second.next();
    await settle();
    upstream.emit(7);
    expect((await next).value?.data).toEqual({ n: 7 });
    const failed = second.next();
    await settle();
    upstream.fail(new Error('subgraph gone'));
    await expect(failed).rejects.toThrow('subgraph gone');
    // a new subscriber after the failure starts afresh
    let restarted = false;
    await sharing.subscribe(FIGURE, wall, () => {
      restarted = true;
      return new Upstream();
    });
    expect(restarted).toBe(true);
  });

  it('lets a subscriber that does not read go, without holding back the others', async () => {
    const sharing = new SharedSubscriptions();
    const upstream = new Upstream();
    const idle = (await sharing.subscribe(
      FIGURE,
      wall,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    const reader = (await sharing.subscribe(
      FIGURE,
      otherWall,
      () => upstream,
    )) as AsyncIterableIterator<ExecutionResult>;
    const read = take(reader, 300);
    for (let n = 1; n <= 300; n++) {
      await settle();
      upstream.emit(n);
    }
    expect(await read).toHaveLength(300);
    await expect(idle.next()).rejects.toThrow('too slow');
  });

  it('returns a single result (an error, say) to its own caller, unshared', async () => {
    const sharing = new SharedSubscriptions();
    const refusal: ExecutionResult = { errors: [] };
    expect(await sharing.subscribe(FIGURE, wall, () => refusal)).toBe(refusal);
    expect(sharing.stats.streams).toBe(0);
  });
});
