import { describe, expect, it } from 'vitest';
import { readAhead, readUntil } from './testing.js';

describe('readUntil', () => {
  it('reads until a value is wanted and returns every value seen, that one last', async () => {
    const values = [1, 2, 3, 4];
    const seen = await readUntil(
      async () => values.shift()!,
      (value) => value === 3,
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(values).toEqual([4]);
  });

  it('fails, naming what it saw, when nothing new comes in time', async () => {
    const values = [1, 2];
    const read = () => {
      const value = values.shift();
      // a stream that falls silent after two values
      return value === undefined ? new Promise<number>(() => {}) : Promise.resolve(value);
    };
    await expect(readUntil(read, (value) => value === 3, 50)).rejects.toThrow(
      'nothing new within 50 ms; saw [1,2]',
    );
  });
});

describe('readAhead', () => {
  it('starts the first read at once and each next one as it hands a value over, until the stream ends', async () => {
    let asked = 0;
    async function* figures() {
      for (const figure of [1, 2]) {
        asked++;
        yield figure;
      }
    }
    const read = readAhead(figures());
    // the first read runs before anyone asks for it (a subscription reaches Redis only once read)
    await Promise.resolve();
    expect(asked).toBe(1);
    expect(await read()).toBe(1);
    await Promise.resolve();
    expect(asked).toBe(2);
    expect(await read()).toBe(2);
    await expect(read()).rejects.toThrow('the stream ended');
  });
});
