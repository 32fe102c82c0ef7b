import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveFigure } from './live-figure.js';
import { createRedisPubSub, type RedisPubSub } from './pubsub.js';
import { connectRedis } from './redis.js';
import { testEnvironment, untilWatched } from './testing.js';

const env = testEnvironment('platform_live');
let redis: Redis;
let pubSub: RedisPubSub;

interface Figure {
  version: string;
  scope: string | null;
  value: number;
}

beforeAll(async () => {
  redis = await connectRedis(env.common.redisUrl, 'live-figure-test');
  pubSub = await createRedisPubSub(env.common.redisUrl, env.common.redisNamespace, 'live-figure-test');
});
afterAll(async () => {
  redis?.disconnect();
  await pubSub?.close();
  await env.cleanUp();
});

async function take(iterable: AsyncIterable<Figure>, count: number, timeoutMs = 3000): Promise<Figure[]> {
  const received: Figure[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (received.length < count && Date.now() < deadline) {
    const next = await Promise.race([
      iterator.next(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ]);
    if (!next || next.done) break;
    received.push(next.value);
  }
  await iterator.return?.();
  return received;
}

describe('a live figure', () => {
  it('publishes the enclosing scopes with a version that grows, coalescing a burst into few updates', async () => {
    let truth = 0;
    let computations = 0;
    const figure = new LiveFigure<Figure>({
      pubSub: pubSub.pubSub,
      redis,
      versionKey: `${env.common.redisNamespace}:live-test:version`,
      topic: 'LIVE_TEST',
      intervalMs: 200,
      compute: async (scope, version) => {
        computations++;
        return { version, scope, value: truth };
      },
    });
    const zhejiang = figure.subscribe('330000') as AsyncIterable<Figure>;
    const received = take(zhejiang, 10, 1500);
    await untilWatched(pubSub.pubSub, 'LIVE_TEST', ['330000']);
    const before = (await figure.snapshot('330000')).version;
    for (let i = 0; i < 50; i++) {
      truth++;
      await figure.changed('330106');
    }
    await figure.settled();
    const updates = await received;
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(3);
    // the last update carries the final truth, and versions only grow
    expect(updates.at(-1)?.value).toBe(50);
    const versions = updates.map((u) => BigInt(u.version));
    expect(versions).toEqual([...versions].sort((a, b) => (a < b ? -1 : 1)));
    expect(versions[0]! > BigInt(before)).toBe(true);
    // per flush, not per change, and only the one scope watched
    expect(computations).toBeLessThanOrEqual(3);
  });

  it('computes only the scopes someone watches, and still moves the version for the others', async () => {
    const computed: Array<string | null> = [];
    const figure = new LiveFigure<Figure>({
      pubSub: pubSub.pubSub,
      redis,
      versionKey: `${env.common.redisNamespace}:live-watched:version`,
      topic: 'LIVE_WATCHED',
      computeMany: async (scopes, version) => {
        computed.push(...scopes);
        return scopes.map((scope) => ({ version, scope, value: 1 }));
      },
    });
    // no one watches: a change in a county computes nothing, yet a read after it sees a newer version
    const before = (await figure.snapshot(null)).version;
    computed.length = 0;
    await figure.changed('330106');
    await figure.settled();
    expect(computed).toEqual([]);
    expect(BigInt((await figure.snapshot(null)).version) > BigInt(before)).toBe(true);

    // a wall on the nation and one on the city: those two are computed and published, the county and
    // the province are not
    const nation = take(figure.subscribe(null) as AsyncIterable<Figure>, 1, 5000);
    const city = take(figure.subscribe('330100') as AsyncIterable<Figure>, 1, 5000);
    await untilWatched(pubSub.pubSub, 'LIVE_WATCHED', ['national', '330100']);
    computed.length = 0;
    await figure.changed('330106');
    await figure.settled();
    expect(computed.sort()).toEqual(['330100', null].sort());
    expect((await nation).map((f) => f.scope)).toEqual([null]);
    expect((await city).map((f) => f.scope)).toEqual(['330100']);
  });
});

describe('a live figure kept in Redis', () => {
  /** A figure of a count that a test changes as a write would, counting its computations. */
  function keptFigure(name: string) {
    const state = { truth: 0, computations: 0, gate: Promise.resolve() };
    const figure = new LiveFigure<Figure>({
      pubSub: pubSub.pubSub,
      redis,
      versionKey: `${env.common.redisNamespace}:${name}:version`,
      topic: name.toUpperCase(),
      cacheSeconds: 60,
      computeMany: async (scopes, version) => {
        state.computations += scopes.length;
        const value = state.truth;
        // a computation that read the rows and is still running when `gate` is set
        await state.gate;
        return scopes.map((scope) => ({ version, scope, value }));
      },
    });
    return { figure, state };
  }

  it('computes a figure once for any number of reads until a change', async () => {
    const { figure, state } = keptFigure('kept-reads');
    const first = await figure.snapshotMany(['330000', '440000']);
    for (let i = 0; i < 5; i++) expect(await figure.snapshotMany(['330000', '440000'])).toEqual(first);
    expect(state.computations).toBe(2);
    // a scope not read before is computed alone, the others are served as kept
    await figure.snapshotMany(['330000', '440000', '110000']);
    expect(state.computations).toBe(3);
    // a county's children: none, and nothing computed
    expect(await figure.snapshotMany([])).toEqual([]);
    expect(state.computations).toBe(3);
  });

  it('never serves a figure computed before a change that committed, to the writer or anyone', async () => {
    const { figure, state } = keptFigure('kept-changes');
    expect((await figure.snapshot('330000')).value).toBe(0);
    // the write commits, then reports the change, as every writer does before it answers
    state.truth = 1;
    await figure.changed('330106');
    expect((await figure.snapshot('330000')).value).toBe(1);
    // a read that read the rows before a commit and keeps its figure after the change was reported
    let release = () => {};
    state.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowRead = figure.snapshot('440000');
    await new Promise((resolve) => setTimeout(resolve, 50));
    state.truth = 2;
    state.gate = Promise.resolve();
    await figure.changed('440106');
    release();
    expect((await slowRead).value).toBe(1);
    // what it kept is under the version before the change, which no read asks for any more
    expect((await figure.snapshot('440000')).value).toBe(2);
    await figure.settled();
    expect((await figure.snapshot('440000')).value).toBe(2);
  });

  it('computes identical reads at one version once, however many ask at the same moment', async () => {
    let computations = 0;
    const figure = new LiveFigure<Figure>({
      pubSub: pubSub.pubSub,
      redis,
      versionKey: `${env.common.redisNamespace}:live-shared:version`,
      topic: 'LIVE_SHARED',
      cacheSeconds: 60,
      computeMany: async (scopes, version) => {
        computations++;
        // long enough for every reader below to ask while it runs
        await new Promise((resolve) => setTimeout(resolve, 50));
        return scopes.map((scope) => ({ version, scope, value: 7 }));
      },
    });
    const provinces = ['110000', '330000', '440000'];
    const reads = await Promise.all(Array.from({ length: 20 }, () => figure.snapshotMany(provinces)));
    expect(computations).toBe(1);
    for (const read of reads) expect(read.map((f) => f.scope)).toEqual(provinces);
    // a change makes a new version: the next read computes again
    await figure.changed('330106');
    await figure.settled();
    const before = computations;
    await Promise.all([figure.snapshotMany(['110000']), figure.snapshotMany(['110000'])]);
    expect(computations).toBeLessThanOrEqual(before + 1);
  });
});
