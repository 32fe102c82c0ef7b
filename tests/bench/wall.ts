import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../utils/browser.js';
import { startSystem } from '../utils/system.js';
import { WALL_EVENT_KINDS, type WallEventKind, WallEvents } from '../utils/wallEvents.js';

/**
 * The wall left running: boots the system, opens the wall in headless Chromium at 1920×1080 and drives
 * `--rate` real changes a second through the gateway for `--minutes`, sampling the page's JS heap after a
 * forced garbage collection, with its DOM nodes and event listeners, at the start and every minute.
 * The start sample is taken after a warm-up under the same load: at least `--warmup` seconds (the feed
 * holds its bounded lines, every chart has drawn), then until the heap after GC has held within 1% for five
 * minutes, at most `--warmup-max` minutes. V8 keeps compiling more of the bundle to machine code for the
 * first twenty-odd minutes at 20 changes/s (measured: compiled code 7.1 → 9.2 MB while the wall's own
 * objects stayed at 5.3 MB), so a start taken earlier measures the JIT filling up, not the wall; what grows
 * after the warm-up is what a leak would grow.
 * A heap snapshot at the start and at the end tells what grew: JavaScript objects (a leak in the wall),
 * compiled code (V8 optimizing, which levels off), or the browser's own native objects. Fails (exit code 1)
 * when the heap grew by `--limit` percent or more, or the wall's figures disagree with the API's.
 */
export async function benchWall(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      minutes: { type: 'string', default: '30' },
      rate: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '60' },
      'warmup-max': { type: 'string', default: '40' },
      limit: { type: 'string', default: '10' },
      orgs: { type: 'string', default: '200' },
    },
  });
  const minutes = Number(values.minutes);
  const rate = Number(values.rate);
  const warmupSeconds = Number(values.warmup);
  const warmupMaxMinutes = Number(values['warmup-max']);
  const limitPercent = Number(values.limit);

  // Ctrl-C (or SIGTERM) ends the run early but still reports and stops every server it started
  let interrupted = false;
  let wake = () => {};
  const interrupt = () => {
    interrupted = true;
    log('interrupted: reporting what was measured, then stopping the system');
    wake();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (interrupted) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  log(`starting the system (both subgraphs, gateway) on free ports…`);
  const system = await startSystem({ organizations: Number(values.orgs) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${system.baseUrl}/`);
    await page.waitForSelector('[data-testid="connection-state"][data-state="live"]', { timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    const events = await WallEvents.load(system);
    const driver = drive(events, rate);
    const idle = await sample(cdp, page);
    log(
      `wall live; idle ${format(idle)}; driving ${rate} changes/s, warming up ${warmupSeconds} s, then until the heap holds within 1% for 5 min (at most ${warmupMaxMinutes} min)…`,
    );
    const warmupStarted = Date.now();
    await pause(warmupSeconds * 1000);
    const warm: number[] = [(await sample(cdp, page)).heapUsed];
    const held = () => {
      const last = warm.slice(-6);
      return last.length === 6 && (Math.max(...last) - Math.min(...last)) / Math.min(...last) < 0.01;
    };
    while (!interrupted && !held() && Date.now() - warmupStarted < warmupMaxMinutes * 60_000) {
      await pause(60_000);
      warm.push((await sample(cdp, page)).heapUsed);
      log(`warm-up minute ${warm.length - 1}: heap ${mb(warm.at(-1)!)}`);
    }
    const warmupMinutes = (Date.now() - warmupStarted) / 60_000;

    const composition = [await heapComposition(cdp)];
    const samples: Sample[] = [await sample(cdp, page)];
    log(`minute 0: ${format(samples[0]!)}`);
    for (let minute = 1; minute <= minutes && !interrupted; minute++) {
      await pause(60_000);
      const s = await sample(cdp, page);
      samples.push(s);
      log(`minute ${minute}: ${format(s)}   (${driver.sent} changes, ${driver.failed} failed)`);
    }
    composition.push(await heapComposition(cdp));
    const totals = await driver.stop();

    // the figures at rest must be the API's
    await sleep(3_000);
    const snapshot = await system.graphql<{
      coverageStats: { organizations: number };
      memberStats: { fullMembers: number };
    }>('{ coverageStats { organizations } memberStats { fullMembers } }', {}, { role: 'wall' });
    const shown = {
      organizations: Number(await page.getAttribute('[data-testid="figure-organizations"]', 'data-value')),
      fullMembers: Number(await page.getAttribute('[data-testid="figure-full-members"]', 'data-value')),
    };
    const expected = {
      organizations: snapshot.data?.coverageStats.organizations,
      fullMembers: snapshot.data?.memberStats.fullMembers,
    };
    const figuresAgree =
      shown.organizations === expected.organizations && shown.fullMembers === expected.fullMembers;
    const state = await page.getAttribute('[data-testid="connection-state"]', 'data-state');
    const feedLines = await page.getAttribute('[data-testid="panel-feed"] ol', 'data-count');

    const first = samples[0]!;
    const last = samples.at(-1)!;
    const growth = ((last.heapUsed - first.heapUsed) / first.heapUsed) * 100;
    const peak = Math.max(...samples.map((s) => s.heapUsed));
    const passed = growth < limitPercent && figuresAgree && !interrupted;
    process.stdout.write(
      [
        `wall: ${samples.length - 1}${interrupted ? ` of ${minutes} (interrupted)` : ''} min at ${rate} changes/s asked: ${totals.sent} sent (${totals.perSecond.toFixed(1)}/s), ${totals.failed} failed (first: ${totals.firstFailure ?? 'none'}), ${totals.late} not started (two seconds' worth in flight)`,
        `wall: by kind: ${totals.kinds}`,
        `wall: JS heap after GC  start ${mb(first.heapUsed)}  end ${mb(last.heapUsed)}  peak ${mb(peak)}  growth ${growth.toFixed(1)}% (limit ${limitPercent}%)`,
        `wall: DOM nodes  start ${first.nodes}  end ${last.nodes};  event listeners  start ${first.listeners}  end ${last.listeners};  documents ${first.documents} → ${last.documents}`,
        `wall: heap snapshot, start → end: ${Object.keys(composition[0]!.parts)
          .map((part) => `${part} ${mb(composition[0]!.parts[part]!)} → ${mb(composition[1]!.parts[part]!)}`)
          .join(';  ')}`,
        `wall: grew most: ${grewMost(composition[0]!, composition[1]!, 12)}`,
        `wall: warm-up ${warmupMinutes.toFixed(1)} min (${held() ? 'heap held within 1% for 5 min' : 'stopped at --warmup-max, heap still moving'}), heap by minute (MB): ${warm.map((h) => (h / 2 ** 20).toFixed(1)).join(' ')}`,
        `wall: heap by minute (MB): ${samples.map((s) => (s.heapUsed / 2 ** 20).toFixed(1)).join(' ')}`,
        `wall: figures shown ${JSON.stringify(shown)}, API ${JSON.stringify(expected)}: ${figuresAgree ? 'equal' : 'DIFFERENT'}; state ${state}; feed lines kept ${feedLines}`,
        `wall: console errors ${consoleErrors.length}${consoleErrors.length ? `: ${consoleErrors.slice(0, 3).join(' | ')}` : ''}`,
        `wall: ${passed ? 'PASS' : 'FAIL'}`,
        '',
      ].join('\n'),
    );
    if (!passed) process.exitCode = 1;
  } finally {
    await browser.close();
    await system.stopAll();
  }
}

interface Sample {
  heapUsed: number;
  heapTotal: number;
  nodes: number;
  listeners: number;
  documents: number;
}

/** Collects garbage (twice: the first pass may only free what finalizers release) and reads the metrics. */
async function sample(cdp: CDPSession, page: Page): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  // performance.memory agrees with JSHeapUsedSize; read it too so a wrong metric name shows as a mismatch
  const memory = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize,
  );
  const heapUsed = metric('JSHeapUsedSize');
  return {
    heapUsed: Number.isFinite(heapUsed) ? heapUsed : (memory ?? Number.NaN),
    heapTotal: metric('JSHeapTotalSize'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    documents: metric('Documents'),
  };
}

/**
 * Sizes by kind in a heap snapshot (after GC): the wall's JavaScript objects (objects, arrays, strings,
 * closures and their shapes), compiled code, and native browser objects (DOM, layout, timing entries).
 */
interface HeapComposition {
  /** bytes by kind: JavaScript objects, compiled code, the browser's native objects */
  parts: Record<string, number>;
  /** bytes by what holds them (`object Foo`, `closure bar`, `native HTMLDivElement`, `string` …) */
  byName: Map<string, number>;
}

async function heapComposition(cdp: CDPSession): Promise<HeapComposition> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const typeNames = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const parts = { 'JS objects': 0, code: 0, native: 0 };
  const byName = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = typeNames[snapshot.nodes[i + typeAt]!]!;
    const size = snapshot.nodes[i + sizeAt]!;
    if (type === 'code') parts.code += size;
    else if (type === 'native') parts.native += size;
    else parts['JS objects'] += size;
    // strings and numbers are named by their value: group them by type alone
    const named = ['object', 'closure', 'native', 'code', 'array', 'hidden', 'object shape'].includes(type);
    const name = named ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]!]!.slice(0, 60)}` : type;
    byName.set(name, (byName.get(name) ?? 0) + size);
  }
  return { parts, byName };
}

/** The holders that grew most between two snapshots, largest first: where a leak would show. */
function grewMost(start: HeapComposition, end: HeapComposition, count: number): string {
  return [...end.byName]
    .map(([name, bytes]) => [name, bytes - (start.byName.get(name) ?? 0)] as const)
    .filter(([, grew]) => grew > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, grew]) => `${name} +${(grew / 1024).toFixed(0)} KB`)
    .join(';  ');
}

/** Sends changes at `rate` per second, each on its own schedule, never more than two seconds' worth at once. */
function drive(events: WallEvents, rate: number) {
  const totals = { sent: 0, failed: 0, late: 0, firstFailure: null as string | null };
  const byKind = new Map<WallEventKind, { sent: number; failed: number; totalMs: number; maxMs: number }>(
    WALL_EVENT_KINDS.map((kind) => [kind, { sent: 0, failed: 0, totalMs: 0, maxMs: 0 }]),
  );
  const inFlight = new Set<Promise<void>>();
  let running = true;
  const fail = (problem: string) => {
    totals.failed++;
    totals.firstFailure ??= problem;
  };
  const started = performance.now();
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) break;
      // a slow system must not pile up requests without bound: skip the start and count it late
      if (inFlight.size >= 2 * rate) {
        totals.late++;
        continue;
      }
      const sentAt = performance.now();
      const change: Promise<void> = events
        .next()
        .then(
          ({ kind, problem }) => {
            const stats = byKind.get(kind)!;
            const ms = performance.now() - sentAt;
            stats.sent++;
            stats.totalMs += ms;
            stats.maxMs = Math.max(stats.maxMs, ms);
            if (problem) {
              stats.failed++;
              fail(problem);
            }
          },
          (error: unknown) => fail(String(error)),
        )
        .finally(() => inFlight.delete(change));
      inFlight.add(change);
      totals.sent++;
    }
  })();
  return {
    get sent() {
      return totals.sent;
    },
    get failed() {
      return totals.failed;
    },
    async stop() {
      running = false;
      await loop;
      await Promise.all(inFlight);
      const kinds = [...byKind]
        .map(
          ([kind, s]) =>
            `${kind} ${s.sent} (${s.failed} failed, mean ${(s.totalMs / Math.max(1, s.sent)).toFixed(0)} ms, max ${s.maxMs.toFixed(0)} ms)`,
        )
        .join('; ');
      return { ...totals, kinds, perSecond: totals.sent / ((performance.now() - started) / 1000) };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
const format = (s: Sample) =>
  `heap ${mb(s.heapUsed)} (of ${mb(s.heapTotal)}), ${s.nodes} DOM nodes, ${s.listeners} listeners`;

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
