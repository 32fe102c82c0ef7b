import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DomainEvent, StreamConsumer } from './events.js';
import { createLogger } from './logger.js';
import { connectRedis } from './redis.js';
import { testEnvironment } from './testing.js';

const env = testEnvironment('platform_events');
const stream = `${env.common.redisNamespace}:events:test`;
const logger = createLogger('events-test', 'silent');
let redis: Redis;

const event = (aggregateId: string): DomainEvent => ({
  type: 'Tested',
  aggregateId,
  version: 1,
  occurredAt: new Date().toISOString(),
  data: {},
});

beforeAll(async () => {
  redis = await connectRedis(env.common.redisUrl, 'events-test');
});
afterAll(async () => {
  redis?.disconnect();
  await env.cleanUp();
});

/** A consumer of the `consumers` group on `stream`, with its own connection, taking over idle entries soon. */
async function consumerOf(
  connection: string,
  stream: string,
  name: string,
  handle: ConstructorParameters<typeof StreamConsumer>[4],
): Promise<StreamConsumer> {
  return new StreamConsumer(
    await connectRedis(env.common.redisUrl, connection),
    stream,
    'consumers',
    name,
    handle,
    logger,
    {
      claimIdleMs: 200,
    },
  );
}

describe('a stream consumer', () => {
  it('takes over the events a crashed member of its group read and never acknowledged', async () => {
    await redis.xgroup('CREATE', stream, 'consumers', '0', 'MKSTREAM');
    await redis.xadd(stream, '*', 'event', JSON.stringify(event('read-by-the-dead')));
    // a replica reads the event and dies before acknowledging it (its consumer name dies with its pid)
    await redis.xreadgroup('GROUP', 'consumers', 'replica-that-crashed', 'COUNT', 10, 'STREAMS', stream, '>');
    await redis.xadd(stream, '*', 'event', JSON.stringify(event('after')));

    const handled: string[] = [];
    const consumer = await consumerOf('events-test-consumer', stream, 'replica-alive', async (e) => {
      handled.push(e.aggregateId);
    });
    await consumer.start();
    try {
      const deadline = Date.now() + 3_000;
      while (handled.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(handled.sort()).toEqual(['after', 'read-by-the-dead']);
      const [pending] = (await redis.xpending(stream, 'consumers')) as [number];
      expect(pending).toBe(0);
    } finally {
      await consumer.stop();
    }
  });

  it('applies again an event whose handler failed, and the events read with it', async () => {
    const failing = `${stream}:failing`;
    await redis.xgroup('CREATE', failing, 'consumers', '0', 'MKSTREAM');
    for (const id of ['first', 'fails-once', 'third'])
      await redis.xadd(failing, '*', 'event', JSON.stringify(event(id)));
    const handled: string[] = [];
    let failed = false;
    const consumer = await consumerOf('events-test-failing', failing, 'replica', async (e) => {
      // a deadlock or a lost connection while applying
      if (e.aggregateId === 'fails-once' && !failed) {
        failed = true;
        throw new Error('the database went away');
      }
      handled.push(e.aggregateId);
    });
    await consumer.start();
    try {
      const deadline = Date.now() + 4_000;
      while (handled.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(handled.sort()).toEqual(['fails-once', 'first', 'third']);
      const [pending] = (await redis.xpending(failing, 'consumers')) as [number];
      expect(pending).toBe(0);
    } finally {
      await consumer.stop();
    }
  });

  it('creates its group again when Redis lost the stream or the group, and goes on without a restart', async () => {
    const lost = `${stream}:lost`;
    const handled: string[] = [];
    const consumer = await consumerOf('events-test-lost', lost, 'replica', async (e) => {
      handled.push(e.aggregateId);
    });
    await consumer.start();
    try {
      await redis.xadd(lost, '*', 'event', JSON.stringify(event('before')));
      await expect.poll(() => handled, { timeout: 5_000 }).toContain('before');

      // a FLUSHALL, for this stream: it goes with its group while the consumer waits on it, and the
      // producer publishes again onto a new stream that has no group
      await redis.del(lost);
      await redis.xadd(lost, '*', 'event', JSON.stringify(event('after-the-stream-went')));
      await expect.poll(() => handled, { timeout: 5_000 }).toContain('after-the-stream-went');

      // the group alone destroyed (NOGROUP): made again, from the start of what the stream holds
      await redis.xgroup('DESTROY', lost, 'consumers');
      await redis.xadd(lost, '*', 'event', JSON.stringify(event('after-the-group-went')));
      await expect.poll(() => handled, { timeout: 5_000 }).toContain('after-the-group-went');
      await expect.poll(async () => (await redis.xpending(lost, 'consumers'))[0], { timeout: 5_000 }).toBe(0);
    } finally {
      await consumer.stop();
    }
  });
});
