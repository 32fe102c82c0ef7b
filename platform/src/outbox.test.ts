import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import type { DomainEvent } from './events.js';
import { createLogger } from './logger.js';
import { enqueueEvent, OUTBOX_TABLE_SQL, OutboxRelay } from './outbox.js';
import { connectRedis } from './redis.js';
import { testEnvironment } from './testing.js';

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

beforeAll(async () => {
  dataSource = await openDatabase({
    mysqlUrl: env.common.mysqlUrl,
    database: env.database,
    entities: [],
    migrations: [],
  });
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
    const stranded = new OutboxRelay({ dataSource, redis: away, logger, pollMs: 20 });
    stranded.start();
    for (const id of ['a', 'b', 'c']) {
      await dataSource.transaction((manager) => enqueueEvent(manager, stream, event(id)));
      stranded.wake();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stranded.stop();
    away.disconnect();
    const [pending] = await dataSource.query('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(Number(pending.n)).toBe(3);

    const relay = new OutboxRelay({ dataSource, redis, logger, pollMs: 20 });
    relay.start();
    await expect.poll(published, { timeout: 5000 }).toEqual(['kept', 'a', 'b', 'c']);
    await relay.stop();
  });

  it('shares the work between two relays without sending a row twice', async () => {
    for (let i = 0; i < 300; i++) {
      await dataSource.transaction((manager) => enqueueEvent(manager, stream, event(`n${i}`)));
    }
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
});
