import { createLogger } from '@pb/platform/logger';
import { Viewer } from '@pb/platform/viewer';
import { GraphQLError, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadCache, type ReadCacheOptions } from './read-cache.js';

/**
 * The read cache's own rules, without a gateway: what it keys, keeps and serves. The system test
 * (tests/read-cache.test.ts) shows it in the running system, changes behind the gateway included.
 */

const wall = new Viewer('wall-1', ['wall'], null);
const province = new Viewer('wall-2', ['wall'], '330000');
const admin = new Viewer('admin-1', ['admin'], null);
const figures = parse('{ memberStats { fullMembers } }');

const caches: ReadCache[] = [];
function cache(options: Partial<ReadCacheOptions> = {}): ReadCache {
  const made = new ReadCache({
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    namespace: 'pbt_read_cache_unit',
    subgraphs: () => ['party-work'],
    logger: createLogger('gateway', 'silent'),
    ...options,
  });
  caches.push(made);
  return made;
}
afterEach(async () => {
  for (const made of caches.splice(0)) await made.close();
});

const counters = (value: string) => new Map([['party-work', value]]);
const answer = (fullMembers: number) => ({ data: { memberStats: { fullMembers } } });
const asked = (key: string, counter: string) => ({
  key,
  counters: counters(counter),
  asked: new Set(['party-work']),
});

describe('the read cache', () => {
  it("keys a query by document, variables, the viewer's scope and roles; never an admin's or a mutation", () => {
    const reads = cache();
    const key = reads.keyOf(figures, null, {}, wall)!;
    expect(key).toEqual(reads.keyOf(figures, null, {}, new Viewer('wall-9', ['wall'], null)));
    expect(reads.keyOf(figures, null, {}, province)).not.toEqual(key);
    expect(reads.keyOf(figures, null, { regionCode: '330000' }, wall)).not.toEqual(key);
    expect(reads.keyOf(figures, null, {}, admin)).toBeNull();
    expect(reads.keyOf(parse('mutation { x }'), null, {}, wall)).toBeNull();
  });

  it('serves an answer while the counters it was made under stand, and not after one moved', () => {
    const reads = cache();
    const key = reads.keyOf(figures, null, {}, wall)!;
    reads.keep(asked(key, '7'), answer(10));
    expect(reads.served(key, counters('7'))).toEqual(answer(10));
    expect(reads.served(key, counters('8'))).toBeUndefined();
    // forgotten once stale, even if the counter were read as before
    expect(reads.served(key, counters('7'))).toBeUndefined();
  });

  it('keeps no answer with errors, none too large, and holds no more than its budget', () => {
    const reads = cache({ maxEntryBytes: 200, maxBytes: 80 });
    const key = (n: number) => reads.keyOf(figures, null, { n }, wall)!;
    reads.keep(asked(key(1), '1'), { ...answer(1), errors: [new GraphQLError('a subgraph failed')] });
    expect(reads.served(key(1), counters('1'))).toBeUndefined();
    reads.keep(asked(key(2), '1'), { data: { list: 'x'.repeat(300) } });
    expect(reads.served(key(2), counters('1'))).toBeUndefined();
    // three answers of 33 bytes in a budget of 80: the oldest goes
    for (const n of [3, 4, 5]) reads.keep(asked(key(n), '1'), answer(n));
    expect(reads.served(key(3), counters('1'))).toBeUndefined();
    expect(reads.served(key(4), counters('1'))).toEqual(answer(4));
    expect(reads.served(key(5), counters('1'))).toEqual(answer(5));
  });

  it('forgets everything after a mutation, and an answer older than its time to live', () => {
    const reads = cache({ ttlMs: 0 });
    const key = reads.keyOf(figures, null, {}, wall)!;
    reads.keep(asked(key, '1'), answer(1));
    expect(reads.served(key, counters('1'))).toBeUndefined();
    const kept = cache();
    kept.keep(asked(key, '1'), answer(1));
    kept.forgetAll();
    expect(kept.served(key, counters('1'))).toBeUndefined();
  });
});
