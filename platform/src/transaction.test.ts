import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnvironment, until } from './testing.js';
import { inTransaction } from './transaction.js';

// one connection for writes beside the two kept for reads: the writers then run strictly one after
// another, so the order they got in is the order of their slots, not of their round trips
const POOL_SIZE = 3;
const env = testEnvironment('platform_transaction');
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await env.openEmptyDatabase(POOL_SIZE);
  await dataSource.query('CREATE TABLE step (id INT AUTO_INCREMENT PRIMARY KEY, writer INT NOT NULL)');
});
afterAll(async () => {
  await dataSource?.destroy();
  await env.cleanUp();
});

/** A gate each writer waits at inside its transaction, holding its connection until opened. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('write transactions and the connection pool', () => {
  it('leaves connections to reads while writes hold the rest, and lets waiting writes in in order', async () => {
    const held = gate();
    const entered: number[] = [];
    // twice as many writers as the pool has connections, each holding its transaction open
    const writers = Array.from({ length: POOL_SIZE * 2 }, (_, writer) =>
      inTransaction(dataSource, async (manager) => {
        entered.push(writer);
        await manager.query('INSERT INTO step (writer) VALUES (?)', [writer]);
        await held.opened;
      }),
    );
    // two connections stay for reads: at most pool − 2 writers are in
    await until(async () => entered.length === POOL_SIZE - 2, 'the first writers to hold their transactions');

    // a read is answered while the writes hold and queue (it waited behind all of them before)
    const [{ answer }] = (await dataSource.query('SELECT 42 AS answer')) as Array<{ answer: number }>;
    expect(Number(answer)).toBe(42);
    expect(entered).toHaveLength(POOL_SIZE - 2);

    held.open();
    await Promise.all(writers);
    // every writer ran; the first in were the first to ask, and those that waited got in as they asked
    const inOrder = Array.from({ length: POOL_SIZE * 2 }, (_, w) => w);
    expect([...entered].sort((a, b) => a - b)).toEqual(inOrder);
    expect(entered.slice(0, POOL_SIZE - 2).sort()).toEqual(inOrder.slice(0, POOL_SIZE - 2));
    expect(entered).toEqual(inOrder);
    const [{ steps }] = (await dataSource.query('SELECT COUNT(*) AS steps FROM step')) as Array<{
      steps: string;
    }>;
    expect(Number(steps)).toBe(POOL_SIZE * 2);
  });

  it('gives a failed writer’s place to the next one', async () => {
    await expect(
      inTransaction(dataSource, async () => {
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    // every slot came back: as many writers as the slots allow are in at once again
    const held = gate();
    let inside = 0;
    const writers = Array.from({ length: POOL_SIZE - 2 }, () =>
      inTransaction(dataSource, async () => {
        inside++;
        await held.opened;
      }),
    );
    await until(async () => inside === POOL_SIZE - 2, 'every slot taken again after a failure');
    held.open();
    await Promise.all(writers);
  });
});
