import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../utils/browser.js';
import {
  awaitEventsApplied,
  ensureSeeded,
  keptDataSet,
  log,
  median,
  print,
  startKeptSystem,
} from './kept.js';

/**
 * `pnpm bench wall-open [--url URL] [--orgs N] [--runs N] [--region CODE]`: the built wall opened cold in
 * headless Chromium at 1920×1080 (a new browser context each time: an empty cache, as on a first visit),
 * with where the time goes, median of `--runs`. Against a running system with `--url` (say the one
 * `pnpm start` prints), else on the kept data set of `--orgs` organizations (the system booted from the
 * build, as `bench scale` does).
 *
 * The phases are on the page's clock, from the navigation: the page (index.html) in, the entry script in,
 * the wall mounted (its first element in `#app`), the token (`/wall-config.json`) in, the socket open and
 * acknowledged, the first query sent, the last answer in, and every panel ready.
 *
 * "Ready" is {@link wallReady}: every panel and part (`[data-status]`) says `ready` or, when its server
 * could not answer, `empty` (named in the notes: an empty panel is a failure, not a shortcut); every
 * headline figure shows a number (`data-value`) or its no-data text; every chart of a ready panel has its
 * canvas. Nothing of the wall is changed or hooked for this: fetch and WebSocket are only observed.
 * An open that is not ready in time says what it waited for and what the page reported
 * (`WALL_OPEN_STACKS=1`: with the stacks of its errors).
 */

/** Where one open spent its time; page-clock milliseconds from the navigation, NaN when not seen. */
export interface WallOpen {
  /** from the Node side: `goto` until ready, as the older browser bench printed */
  totalMs: number;
  html: number;
  script: number;
  mounted: number;
  token: number;
  socketOpen: number;
  socketAck: number;
  firstQuery: number;
  /** the last answer's last byte in, on the network (resource timing) */
  lastResponse: number;
  /** the last answer as the page's code had it (later when the main thread was busy) */
  lastAnswer: number;
  ready: number;
  /** HTTP requests to /graphql (a batch counts once) and operations they carried */
  requests: number;
  operations: number;
  /** `subscribe` messages sent on the socket until ready */
  subscriptions: number;
  /** main-thread tasks over 50 ms until ready, their total ms */
  longTaskMs: number;
  /** bytes over the wire (compressed) until ready: every resource but the socket */
  transferredKb: number;
  /** the operations that answered last (three), for the notes */
  lastOperations: string[];
  /** panels that ended empty, figures without a number */
  empty: string[];
}

/** What the page records of its own open (types are erased, so the page function may name this). */
interface WallOpenRecord {
  mounted: number;
  socketOpen: number;
  socketAck: number;
  ready: number;
  queries: Array<{ names: string[]; sent: number; answered: number }>;
  subscriptions: string[];
  longTaskMs: number;
  empty: string[];
}

/** Runs in the page before its scripts: observes fetch, the socket, long tasks and readiness. */
function observeWallOpen(): void {
  const record: WallOpenRecord = {
    mounted: Number.NaN,
    socketOpen: Number.NaN,
    socketAck: Number.NaN,
    ready: Number.NaN,
    queries: [],
    subscriptions: [],
    longTaskMs: 0,
    empty: [],
  };
  (window as unknown as { __wallOpen: WallOpenRecord }).__wallOpen = record;
  const now = () => performance.now();

  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!new URL(url, location.href).pathname.endsWith('/graphql')) return nativeFetch(input, init);
    let names: string[] = ['?'];
    try {
      const body = JSON.parse(String(init?.body ?? 'null')) as unknown;
      const list = (Array.isArray(body) ? body : [body]) as Array<{ operationName?: string }>;
      names = list.map((operation) => operation?.operationName ?? '?');
    } catch {
      // not JSON: counted, unnamed
    }
    const query = { names, sent: now(), answered: Number.NaN };
    record.queries.push(query);
    const response = await nativeFetch(input, init);
    void response
      .clone()
      .arrayBuffer()
      .then(() => {
        query.answered = now();
      });
    return response;
  };

  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('open', () => {
        if (Number.isNaN(record.socketOpen)) record.socketOpen = now();
      });
      this.addEventListener('message', () => {
        if (Number.isNaN(record.socketAck)) record.socketAck = now();
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string' && Number.isNaN(record.ready)) {
        try {
          const message = JSON.parse(data) as { type?: string; payload?: { operationName?: string } };
          if (message.type === 'subscribe') record.subscriptions.push(message.payload?.operationName ?? '?');
        } catch {
          // not JSON
        }
      }
      super.send(data);
    }
  };

  try {
    new PerformanceObserver((list) => {
      if (!Number.isNaN(record.ready)) return;
      for (const entry of list.getEntries()) record.longTaskMs += entry.duration;
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing
  }

  const check = () => {
    if (!Number.isNaN(record.ready)) return;
    const app = document.querySelector('#app');
    if (app && app.childElementCount > 0 && Number.isNaN(record.mounted)) record.mounted = now();
    const parts = Array.from(document.querySelectorAll('[data-status]'));
    if (parts.length === 0 || parts.some((part) => part.getAttribute('data-status') === 'loading')) return;
    const figures = Array.from(document.querySelectorAll('.figure__value'));
    if (figures.length === 0) return;
    if (
      figures.some((figure) => !figure.hasAttribute('data-value') && !figure.querySelector('.figure__none'))
    )
      return;
    const charts = Array.from(document.querySelectorAll('[data-status="ready"] .chart'));
    if (charts.some((chart) => !chart.querySelector('canvas'))) return;
    record.ready = now();
    record.empty = [
      ...parts
        .filter((part) => part.getAttribute('data-status') === 'empty')
        .map((part) => part.getAttribute('data-testid') ?? '?'),
      ...figures
        .filter((figure) => !figure.hasAttribute('data-value'))
        .map((figure) => figure.getAttribute('data-testid') ?? '?'),
    ];
  };
  let scheduled = false;
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      check();
      if (!Number.isNaN(record.ready)) observer.disconnect();
    });
  });
  const start = () =>
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  start();
}

/** Opens the wall once in a new context (empty cache) and says where the time went. */
export async function openWallOnce(browser: Browser, url: string, timeoutMs = 120_000): Promise<WallOpen> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) =>
      problems.push(process.env.WALL_OPEN_STACKS ? String(error.stack) : error.message.split('\n')[0]!),
    );
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(message.text().slice(0, 200));
    });
    // tsx names functions with a helper the page lacks: give the page one that does nothing
    await page.addInitScript({
      content: `globalThis.__name = (target) => target; (${observeWallOpen.toString()})();`,
    });
    const started = performance.now();
    await page.goto(url);
    await page
      .waitForFunction(
        () => !Number.isNaN((window as unknown as { __wallOpen: { ready: number } }).__wallOpen.ready),
        undefined,
        { timeout: timeoutMs, polling: 10 },
      )
      .catch(async (error: Error) => {
        const waiting = await page
          .evaluate(() => [
            ...Array.from(document.querySelectorAll('[data-status="loading"]')).map(
              (part) => `${part.getAttribute('data-testid')} loading`,
            ),
            ...Array.from(document.querySelectorAll('.figure__value:not([data-value])')).map(
              (figure) => `${figure.getAttribute('data-testid')} without a number`,
            ),
            ...Array.from(document.querySelectorAll('[data-status="ready"] .chart'))
              .filter((chart) => !chart.querySelector('canvas'))
              .map(
                (chart) => `${chart.closest('[data-testid]')?.getAttribute('data-testid')} chart not drawn`,
              ),
          ])
          .catch(() => []);
        throw new Error(
          `the wall was not ready in ${timeoutMs} ms: ${waiting.join(', ') || error.message}${problems.length > 0 ? ` (the page said: ${problems.join(' | ')})` : ''}`,
        );
      });
    const totalMs = performance.now() - started;
    const seen = await page.evaluate(() => {
      const record = (window as unknown as { __wallOpen: WallOpenRecord }).__wallOpen;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const before = resources.filter((entry) => entry.startTime <= record.ready);
      const entry = resources.find(
        (r) => r.initiatorType === 'script' || (r.name.includes('/assets/index-') && r.name.endsWith('.js')),
      );
      const token = resources.find((r) => r.name.endsWith('/wall-config.json'));
      return {
        ...record,
        html: navigation?.responseEnd ?? Number.NaN,
        script: entry?.responseEnd ?? Number.NaN,
        token: token?.responseEnd ?? Number.NaN,
        lastResponseEnd: Math.max(
          ...before.filter((r) => r.name.endsWith('/graphql')).map((r) => r.responseEnd),
        ),
        transferred: [navigation, ...before].reduce((sum, r) => sum + (r?.transferSize ?? 0), 0),
      };
    });
    const queries = seen.queries;
    const answered = [...queries].sort((a, b) => b.answered - a.answered);
    return {
      totalMs,
      html: seen.html,
      script: seen.script,
      mounted: seen.mounted,
      token: seen.token,
      socketOpen: seen.socketOpen,
      socketAck: seen.socketAck,
      firstQuery: Math.min(...queries.map((q) => q.sent)),
      lastResponse: seen.lastResponseEnd,
      lastAnswer: Math.max(
        ...queries.filter((q) => q.sent <= seen.ready && q.answered <= seen.ready).map((q) => q.answered),
      ),
      ready: seen.ready,
      requests: queries.filter((q) => q.sent <= seen.ready).length,
      operations: queries.filter((q) => q.sent <= seen.ready).reduce((n, q) => n + q.names.length, 0),
      subscriptions: seen.subscriptions.length,
      longTaskMs: seen.longTaskMs,
      transferredKb: seen.transferred / 1000,
      lastOperations: answered.slice(0, 3).flatMap((q) => q.names),
      empty: seen.empty,
    };
  } finally {
    await context.close();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '—');

/** The medians of several opens, one line per phase. */
export function describeOpens(opens: WallOpen[]): string[] {
  const m = (pick: (open: WallOpen) => number) => median(opens.map(pick));
  const notes = new Set<string>();
  for (const open of opens) if (open.empty.length > 0) notes.add(`empty: ${open.empty.join(' ')}`);
  const last = new Map<string, number>();
  for (const open of opens) for (const name of open.lastOperations) last.set(name, (last.get(name) ?? 0) + 1);
  return [
    `page in ${ms(m((o) => o.html))} → entry script in ${ms(m((o) => o.script))} → wall mounted ${ms(m((o) => o.mounted))} → token in ${ms(m((o) => o.token))}`,
    `socket open ${ms(m((o) => o.socketOpen))}, acknowledged ${ms(m((o) => o.socketAck))}`,
    `first query sent ${ms(m((o) => o.firstQuery))} → last answer in ${ms(m((o) => o.lastResponse))} (network), ${ms(m((o) => o.lastAnswer))} (in the page's code) → all panels ready ${ms(m((o) => o.ready))} (from goto: ${ms(m((o) => o.totalMs))})`,
    `${m((o) => o.operations)} queries in ${m((o) => o.requests)} HTTP requests, ${m((o) => o.subscriptions)} subscriptions; long tasks ${ms(m((o) => o.longTaskMs))} ms; ${m((o) => o.transferredKb).toFixed(0)} KB transferred until ready`,
    `last to answer: ${[...last.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name]) => name)
      .join(', ')}`,
    ...[...notes],
  ];
}

/** Opens the wall at `url` `runs` times cold (after one unmeasured open that warms the servers). */
export async function timeWallOpens(
  browser: Browser,
  url: string,
  runs: number,
  beforeEach: () => Promise<void> = async () => {},
): Promise<WallOpen[]> {
  const opens: WallOpen[] = [];
  for (let run = 0; run < runs; run++) {
    await beforeEach();
    opens.push(await openWallOnce(browser, url));
  }
  return opens;
}

export async function benchWallOpen(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      orgs: { type: 'string', default: '300' },
      runs: { type: 'string', default: '7' },
      region: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  let stop = async () => {};
  let base = values.url;
  if (!base) {
    const data = keptDataSet(Number(values.orgs));
    await ensureSeeded(data, 'wall-open');
    log('starting both subgraphs and the gateway on the kept data set…');
    const system = await startKeptSystem(data);
    stop = system.stop;
    base = system.baseUrl;
    const { Redis } = await import('ioredis');
    const { common } = await import('./kept.js');
    const redis = new Redis(common.redisUrl);
    try {
      await awaitEventsApplied(redis, data, 'wall-open');
    } finally {
      redis.disconnect();
    }
  }
  const url = new URL(values.region ? `/?region=${values.region}` : '/', base).href;
  const browser = await launchChromium();
  try {
    // one open first, unmeasured: the servers' first answers (schema, connections) are not the wall's
    await openWallOnce(browser, url).catch(() => undefined);
    log(`opening ${url} ${runs} times, each in a new browser context (empty cache)…`);
    const opens = await timeWallOpens(browser, url, runs);
    print(`wall-open: ${url}, cold (new context, empty cache), median of ${runs} (ms from navigation):`);
    for (const line of describeOpens(opens)) print(`  ${line}`);
    print(`  all panels ready, each run: ${opens.map((o) => ms(o.ready)).join(' ')}`);
  } finally {
    await browser.close();
    await stop();
  }
}
