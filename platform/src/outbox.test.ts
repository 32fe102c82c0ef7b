import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from './events.js';
import { createLogger } from './logger.js';
import { enqueueEvent, OUTBOX_TABLE_SQL, OutboxRelay, streamMarkerKey } from './outbox.js';
import { connectRedis } from './redis.js';
import { testEnvironment, until } from './testing.js';

const env = testEnvironment('platform_outbox');
const stream = `${env.common.redisNamespace}:events:test`;
const logger = createLogger('outbox-test', 'silent');
let dataSource: DataSource;
let redis: Redis;

const event = (aggregateId: string, version = 1): DomainEvent => ({
  type: 'Tested',
  aggregateId,
  version,
  occurredAt: new Date().toISOString(),
  data: { aggregateId },
});

async function published(): Promise<string[]> {
  const entries = await redis.xrange(stream, '-', '+');
  return entries.map(([, fields]) => (JSON.parse(fields[1]!) as DomainEvent).aggregateId);
}

/** Sends whatever earlier tests left pending, so a test starts from an empty outbox. */
async function relayAllPending(): Promise<void> {
  await new OutboxRelay({ dataSource, redis, logger }).drain();
}

/** The real database, with the relay's rounds counted (each round is one transaction). */
function countedRounds() {
  const rounds = { started: 0, done: 0 };
  const counted = Object.create(dataSource, {
    transaction: {
      value: (...args: Parameters<DataSource['transaction']>) => {
        rounds.started++;
        return (dataSource.transaction as (...a: unknown[]) => Promise<unknown>)(...args).finally(() => {
          rounds.done++;
        });
      },
    },
  }) as DataSource;
  return { counted, rounds };
}

beforeAll(async () => {
  dataSource = await env.openEmptyDatabase();
  await dataSource.query(OUTBOX_TABLE_SQL);
  await dataSource.query('CREATE TABLE thing (id VARCHAR(10) PRIMARY KEY)');
  redis = await connectRedis(env.common.redisUrl, 'outbox-test');
});
afterAll(async () => {
  redis?.disconnect();
  await dataSource?.destroy();
  await env.cleanUp();
});

describe('the transactional outbox', () => {
  it('publishes an event only when its transaction commits, and marks it sent', async () => {
    await dataSource
      .transaction(async (manager) => {
        await manager.query("INSERT INTO thing VALUES ('rolled')");
        await enqueueEvent(manager, stream, event('rolled'));
        throw new Error('the change fails');
      })
      .catch(() => {});
    await dataSource.transaction(async (manager) => {
      await manager.query("INSERT INTO thing VALUES ('kept')");
      await enqueueEvent(manager, stream, event('kept'));
    });
    const relay = new OutboxRelay({ dataSource, redis, logger });
    await relay.drain();
    expect(await published()).toEqual(['kept']);
    const [pending] = await dataSource.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(Number(pending.n)).toBe(0);
  });

  it('keeps events while Redis is unreachable and publishes them in order once it is back', async () => {
    // a Redis nobody answers at: the relay must fail fast and leave the rows pending
    const away = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: null });
    away.on('error', () => {});
    const warnings: string[] = [];
    const watched = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const stranded = new OutboxRelay({ dataSource, redis: away, logger: watched, pollMs: 20 });
    for (const id of ['a', 'b', 'c']) {
      await dataSource.transaction((manager) => enqueueEvent(manager, stream, event(id)));
      // started once there are rows, so its first failure, below, is over them; then woken for more
      if (id === 'a') stranded.start();
      stranded.wake();
    }
    // it has tried and given up (its warning), and keeps the rows
    await expect
      .poll(() => warnings.some((line) => line.includes('cannot publish')), { timeout: 5000 })
      .toBe(true);
    await stranded.stop();
    away.disconnect();
    const [pending] = await dataSource.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(Number(pending.n)).toBe(3);

    const relay = new OutboxRelay({ dataSource, redis, logger, pollMs: 20 });
    relay.start();
    await expect.poll(published, { timeout: 5000 }).toEqual(['kept', 'a', 'b', 'c']);
    await relay.stop();
  });

  it('takes one look per wake under a stream of writes, not a second that finds nothing', async () => {
    await relayAllPending();
    const { counted, rounds } = countedRounds();
    // no poll during the test: every round is one a wake asked for (or the first, at start)
    const relay = new OutboxRelay({ dataSource: counted, redis, logger, pollMs: 60_000 });
    relay.start();
    try {
      // the first round over before the first write, so that write is the next round's alone
      await until(async () => rounds.done === 1, 'the first round');
      for (const id of ['w1', 'w2', 'w3']) {
        await dataSource.transaction((manager) => enqueueEvent(manager, stream, event(id)));
        relay.wake();
        await until(async () => (await published()).includes(id), `${id} published`);
      }
      expect(rounds.started).toBe(1 + 3);
    } finally {
      await relay.stop();
    }
  });

  it('sends events committed within its spacing together, in one round', async () => {
    await relayAllPending();
    const { counted, rounds } = countedRounds();
    const relay = new OutboxRelay({ dataSource: counted, redis, logger, pollMs: 60_000, spacingMs: 1_000 });
    relay.start();
    try {
      await until(async () => rounds.done === 1, 'the first round');
      await dataSource.transaction((manager) => enqueueEvent(manager, stream, event('s1')));
      relay.wake();
      await until(async () => (await published()).includes('s1'), 's1 published');
      // two more writes right after: the next round waits out the spacing and takes both
      for (const id of ['s2', 's3']) {
        await dataSource.transaction((manager) => enqueueEvent(manager, stream, event(id)));
        relay.wake();
      }
      await until(async () => (await published()).includes('s3'), 's3 published');
      expect((await published()).slice(-3)).toEqual(['s1', 's2', 's3']);
      expect(rounds.started).toBe(1 + 2);
    } finally {
      await relay.stop();
    }
  });

  it('shares the work between two relays without sending a row twice', async () => {
    // one transaction: 300 commits, each waiting for its flush, took seconds on a busy machine
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 300; i++) await enqueueEvent(manager, stream, event(`n${i}`));
    });
    const other = await connectRedis(env.common.redisUrl, 'outbox-test-2');
    const relays = [
      new OutboxRelay({ dataSource, redis, logger, batchSize: 25 }),
      new OutboxRelay({ dataSource, redis: other, logger, batchSize: 25 }),
    ];
    await Promise.all(relays.map((relay) => relay.drain()));
    other.disconnect();
    const ids = (await published()).filter((id) => id.startsWith('n'));
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('prunes every sent row past its retention, however many, and keeps the others', async () => {
    const digits =
      'SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9';
    // more old rows than one delete takes: 25,000 sent eight days ago
    for (const thousands of [10, 10, 5])
      await dataSource.query(
        `INSERT INTO outbox (stream, event, sent_at)
         SELECT ?, '{}', ? FROM (${digits}) a, (${digits}) b, (${digits}) c, (${digits}) d WHERE d.d < ?`,
        [`${stream}:old`, new Date(Date.now() - 8 * 24 * 3_600_000), thousands],
      );
    const count = async (which: string) =>
      Number(
        (
          await dataSource.query(`SELECT COUNT(*) AS n FROM outbox WHERE stream ${which}`, [`${stream}:old`])
        )[0].n,
      );
    const kept = await count('<> ?');
    const relay = new OutboxRelay({ dataSource, redis, logger, pollMs: 20 });
    relay.start();
    try {
      await expect.poll(() => count('= ?'), { timeout: 10_000 }).toBe(0);
      expect(await count('<> ?')).toBe(kept);
    } finally {
      await relay.stop();
    }
  });

  describe('when Redis loses the stream', () => {
    const lost = `${stream}:lost`;
    const onLost = async () =>
      (await redis.xrange(lost, '-', '+')).map(([, f]) => (JSON.parse(f[1]!) as DomainEvent).aggregateId);
    const sentAt = async (aggregateId: string) => {
      const [row] = await dataSource.query('SELECT sent_at FROM outbox WHERE stream = ? AND event LIKE ?', [
        lost,
        `%"aggregateId":"${aggregateId}"%`,
      ]);
      return row?.sent_at as Date | null;
    };

    it('republishes what a consumer group had not applied, and nothing it had', async () => {
      // sent before: an event applied two hours ago, and one read an hour ago and never acknowledged
      const now = Date.now();
      for (const [id, ago] of [
        ['applied', 2 * 3_600_000],
        ['unapplied', 3_600_000],
      ] as const) {
        await dataSource.query('INSERT INTO outbox (stream, event, sent_at) VALUES (?, ?, ?)', [
          lost,
          JSON.stringify(event(id)),
          new Date(now - ago),
        ]);
        await redis.xadd(lost, `${now - ago}-0`, 'event', JSON.stringify(event(id)));
      }
      await redis.xgroup('CREATE', lost, 'consumers', '0');
      const read = (await redis.xreadgroup(
        'GROUP',
        'consumers',
        'c',
        'COUNT',
        2,
        'STREAMS',
        lost,
        '>',
      )) as Array<[string, Array<[string, string[]]>]>;
      await redis.xack(lost, 'consumers', read[0]![1][0]![0]);
      // a relay had set the marker when it first sent there
      await redis.set(streamMarkerKey(lost), 'set before');
      const appliedSentAt = await sentAt('applied');

      await dataSource.transaction((manager) => enqueueEvent(manager, lost, event('recent')));
      const relay = new OutboxRelay({ dataSource, redis, logger, pollMs: 20 });
      relay.start();
      try {
        await expect.poll(onLost, { timeout: 5000 }).toContain('recent');
        // what a FLUSHALL does to this stream: the entries, the group and the marker are gone
        await redis.del(lost, streamMarkerKey(lost));
        await expect.poll(onLost, { timeout: 5000 }).toEqual(expect.arrayContaining(['unapplied', 'recent']));
        expect(await onLost()).not.toContain('applied');
        expect(await sentAt('applied')).toEqual(appliedSentAt);
        expect(await redis.exists(streamMarkerKey(lost))).toBe(1);
      } finally {
        await relay.stop();
      }
    });

    it('republishes every row the outbox keeps when it has not seen what was applied', async () => {
      // Redis lost the stream while no relay ran: the next one to start cannot know what was applied
      await redis.del(lost, streamMarkerKey(lost));
      const relay = new OutboxRelay({ dataSource, redis, logger, pollMs: 20 });
      relay.start();
      try {
        await expect
          .poll(onLost, { timeout: 5000 })
          .toEqual(expect.arrayContaining(['applied', 'unapplied', 'recent']));
      } finally {
        await relay.stop();
      }
    });
  });
});
