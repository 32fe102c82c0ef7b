import type { GraphQLClient } from '@pb/platform/graphql-client';
import { OPERATIONS, type Operation, runOne } from './operations.js';
import { World } from './world.js';

export interface SimulatorOptions {
  gateway: GraphQLClient;
  /** Operations started per second. */
  rate: number;
  /** Stop after this many seconds; forever when undefined. */
  seconds?: number;
  /** Only this region and below (the operator's token should be of it too). */
  regionCode?: string | null;
  random: () => number;
  /** Called with a status line every `statusEveryMs`. */
  status?: (summary: SimulationSummary) => void;
  /** @default 5000 */
  statusEveryMs?: number;
  operations?: readonly Operation[];
  signal?: AbortSignal;
  /** Told once what the pools hold before the first operation. */
  log?: (line: string) => void;
}

/** What a run did so far: operations by name, and refusals and failures by code. */
export interface SimulationSummary {
  seconds: number;
  started: number;
  done: number;
  succeeded: number;
  /** Refused or failed, by `extensions.code` (with the domain rule, e.g. `BAD_USER_INPUT/…`). */
  errors: Record<string, number>;
  byOperation: Record<string, number>;
  /** Achieved rate of finished operations per second. */
  rate: number;
  /** Median and 95th percentile of an operation's time (all its requests), milliseconds. */
  p50Ms: number;
  p95Ms: number;
  /** Time to read the pools before the first operation, milliseconds. */
  warmUpMs: number;
}

/**
 * Starts operations at a steady rate (open loop, like many operators at their desks), each drawn from
 * the weighted mix; at most `2 × rate` (and at least 8) run at once, so a slow system is not buried.
 */
export class Simulator {
  private readonly world: World;
  private readonly summary: SimulationSummary = {
    seconds: 0,
    started: 0,
    done: 0,
    succeeded: 0,
    errors: {},
    byOperation: {},
    rate: 0,
    p50Ms: 0,
    p95Ms: 0,
    warmUpMs: 0,
  };
  /** Recent operation times (the last 2000), for the percentiles. */
  private readonly times: number[] = [];

  constructor(private readonly options: SimulatorOptions) {
    this.world = new World(options.gateway, options.regionCode ?? null);
  }

  async run(): Promise<SimulationSummary> {
    const { rate, seconds, signal } = this.options;
    const warmUp = performance.now();
    await this.world.refresh(true);
    this.summary.warmUpMs = performance.now() - warmUp;
    const members = [...this.world.members.values()].reduce((sum, pool) => sum + pool.length, 0);
    this.options.log?.(
      `read ${this.world.organizations.length} organizations, ${this.world.branches.length} branches and ${members} members to act on in ${this.summary.warmUpMs.toFixed(0)} ms`,
    );
    const startedAt = performance.now();
    const inFlight = new Set<Promise<void>>();
    const maxInFlight = Math.max(8, Math.ceil(rate * 2));
    const statusTimer = setInterval(
      () => this.options.status?.(this.snapshot(startedAt)),
      this.options.statusEveryMs ?? 5000,
    );
    try {
      for (let i = 0; ; i++) {
        const due = startedAt + (i * 1000) / rate;
        if (seconds !== undefined && due - startedAt >= seconds * 1000) break;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait, signal);
        if (signal?.aborted) break;
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        const operation: Promise<void> = this.one().finally(() => inFlight.delete(operation));
        inFlight.add(operation);
      }
      await Promise.all(inFlight);
    } finally {
      clearInterval(statusTimer);
    }
    return this.snapshot(startedAt);
  }

  private async one(): Promise<void> {
    this.summary.started++;
    const started = performance.now();
    try {
      await this.world.refresh();
      const result = await runOne(
        { gateway: this.options.gateway, world: this.world, random: this.options.random },
        this.options.operations ?? OPERATIONS,
      );
      if (!result) return;
      this.times.push(performance.now() - started);
      if (this.times.length > 2000) this.times.shift();
      this.summary.done++;
      this.summary.byOperation[result.name] = (this.summary.byOperation[result.name] ?? 0) + 1;
      if (result.outcome.ok) this.summary.succeeded++;
      else this.count(result.outcome.code);
    } catch {
      // reading the pools failed (the gateway is away): counted, and the next operation tries again
      this.summary.done++;
      this.count('POOLS_UNREADABLE');
    }
  }

  private count(code: string): void {
    this.summary.errors[code] = (this.summary.errors[code] ?? 0) + 1;
  }

  private snapshot(startedAt: number): SimulationSummary {
    const seconds = (performance.now() - startedAt) / 1000;
    const sorted = [...this.times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return {
      ...this.summary,
      p50Ms: at(0.5),
      p95Ms: at(0.95),
      errors: { ...this.summary.errors },
      byOperation: { ...this.summary.byOperation },
      seconds,
      rate: seconds > 0 ? this.summary.done / seconds : 0,
    };
  }
}

/** One line: ops done, rate, errors by code, and the mix. */
export function formatSummary(summary: SimulationSummary): string {
  const errors = Object.entries(summary.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const mix = Object.entries(summary.byOperation)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const failed = summary.done - summary.succeeded;
  return `${summary.seconds.toFixed(0)} s: ${summary.done} ops (${summary.rate.toFixed(1)}/s, p50 ${summary.p50Ms.toFixed(0)} ms, p95 ${summary.p95Ms.toFixed(0)} ms), ${summary.succeeded} ok, ${failed} refused or failed${errors ? ` [${errors}]` : ''}; ${mix}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
