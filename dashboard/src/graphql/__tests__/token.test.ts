import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '@/i18n';
import { createTokenSource, type WallConfigAnswer } from '../token';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('createTokenSource', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses the token from the URL and never asks the gateway', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const tokens = createTokenSource({ token: 'from-url', fetch });
    expect(await tokens.get()).toBe('from-url');
    tokens.invalidate();
    expect(await tokens.get()).toBe('from-url');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads /wall-config.json once and shares the result', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { token: 'wall-token' }));
    const tokens = createTokenSource({ token: null, fetch });
    const [a, b] = await Promise.all([tokens.get(), tokens.get()]);
    expect([a, b]).toEqual(['wall-token', 'wall-token']);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]?.[0]).toBe('/wall-config.json');
  });

  it('takes the answer index.html read first, and asks itself after a rejection or an early answer that is not a token', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => jsonResponse(200, { token: 'rotated' }));
    const tokens = createTokenSource({
      token: null,
      fetch,
      early: Promise.resolve({ status: 200, body: { token: 'early' } }),
    });
    expect(await tokens.get()).toBe('early');
    expect(fetch).not.toHaveBeenCalled();
    tokens.invalidate();
    expect(await tokens.get()).toBe('rotated');
    expect(fetch).toHaveBeenCalledTimes(1);

    const failedEarly: Array<[early: () => Promise<WallConfigAnswer>, problem: string]> = [
      [() => Promise.reject(new TypeError('Failed to fetch')), 'Failed to fetch'],
      [
        () => Promise.resolve({ status: 503, body: null }),
        t('problem.configStatus', { url: '/wall-config.json', status: 503 }),
      ],
    ];
    for (const [early, problem] of failedEarly) {
      fetch.mockClear();
      const problems: string[] = [];
      const asksItself = createTokenSource({
        token: null,
        fetch,
        early: early(),
        retryDelay: () => 0,
        onProblem: (message) => problems.push(message),
      });
      const pending = asksItself.get();
      await vi.advanceTimersByTimeAsync(0);
      expect(await pending).toBe('rotated');
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(problems).toEqual([problem]);
    }
  });

  it('retries until the gateway answers with a token, saying what was wrong', async () => {
    const answers = [
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => Promise.resolve(jsonResponse(503, {})),
      () => Promise.resolve(jsonResponse(200, { nothing: true })),
      () => Promise.resolve(jsonResponse(200, { token: 'finally' })),
    ];
    const fetch = vi.fn<typeof globalThis.fetch>(() => answers.shift()!());
    const problems: string[] = [];
    const tokens = createTokenSource({
      token: null,
      fetch,
      retryDelay: () => 1_000,
      onProblem: (message) => problems.push(message),
    });

    const token = tokens.get();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await token).toBe('finally');
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(problems).toEqual([
      'Failed to fetch',
      '/wall-config.json 返回 HTTP 503',
      '/wall-config.json 中没有 "token"',
    ]);
  });

  it('reads the config again after the token was rejected', async () => {
    const tokensServed = ['old', 'rotated'];
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      jsonResponse(200, { token: tokensServed.shift() }),
    );
    const tokens = createTokenSource({ token: null, fetch });
    expect(await tokens.get()).toBe('old');
    tokens.invalidate();
    expect(await tokens.get()).toBe('rotated');
  });
});
