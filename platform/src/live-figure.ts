import type { Redis } from 'ioredis';
import { today } from './calendar.js';
import type { Logger } from './logger.js';
import type { PubSub } from './pubsub.js';
import { scopeTopicId } from './pubsub.js';
import { enclosingScopes } from './region-scope.js';
import type { Viewer } from './viewer.js';

/** Where a live figure's versions and publications go. */
export interface LiveFigureChannel {
  pubSub: PubSub;
  redis: Redis;
  /** The Redis key of the version counter (namespaced). */
  versionKey: string;
  /** The pubsub topic; the topic id is the scope. */
  topic: string;
  logger?: Logger;
  /**
   * Keeps each figure computed in Redis for this many seconds, under its version and the day (figures may
   * count up to today), so that walls and analysts reading one figure cost one computation per change
   * rather than one per read. A change starts a new version as soon as it committed (see `changed`), so
   * a figure kept under an older version is never served after it. Without it, every read computes.
   */
  cacheSeconds?: number;
}

/**
 * A statistic that walls watch live, one figure per region scope. Its version comes from a Redis counter
 * read *before* a figure is computed and bumped *after* changes commit, so the figure sent with version v
 * includes every change that bumped the counter up to v: a client that keeps the highest version it has
 * seen never shows an older truth, whatever order snapshots and events arrive in.
 *
 * Changes are coalesced: the first change after a quiet spell is published at once, later ones at most
 * once per `intervalMs` per figure (at most 12.5 a second), always with the latest numbers, so a burst
 * of writes costs a few recomputations a second rather than one per write. Only the scopes someone
 * watches, on any replica, are computed and published (see `flush`).
 */
export class LiveFigure<T extends { version: string }> {
  private readonly dirty = new Set<string | null>();
  private lastFlush = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  /** Computations running for reads, by version and scopes (computeShared). */
  private readonly computing = new Map<string, Promise<T[]>>();

  constructor(
    private readonly options: LiveFigureChannel & {
      /** Computes the figure of one scope (null: national) from the rows; or give `computeMany`. */
      compute?(scope: string | null, version: string): Promise<T>;
      /**
       * Computes the figures of several scopes at once, in the order given. A write dirties four scopes
       * (nation, province, city, county), so a busy second dirties dozens: reading their cells in one query
       * instead of a few per scope keeps a publication cheap under load. Without it, `compute` per scope.
       */
      computeMany?(scopes: Array<string | null>, version: string): Promise<T[]>;
      /**
       * At most one publication per this many milliseconds. @default 80: under a steady stream of writes
       * a change waits for the next publication half this on average, and every publication is a frame
       * to every wall watching, whose send (the kernel's) is most of what a wall costs the gateway; 80
       * rather than 50 keeps that cost from growing much with the walls while walls' p95 stays under 100
       * ms (measurements in docs/decisions.md). After a quiet spell a change goes out at once.
       */
      intervalMs?: number;
    },
  ) {}

  async snapshot(scope: string | null): Promise<T> {
    const [figure] = await this.snapshotMany([scope]);
    return figure as T;
  }

  /** The figures of several scopes at one version (a list by region), in one read where it can. */
  async snapshotMany(scopes: Array<string | null>): Promise<T[]> {
    // a county's list of children: nothing to compute (and `IN ()` is no SQL)
    if (scopes.length === 0) return [];
    const version = (await this.options.redis.get(this.options.versionKey)) ?? '0';
    if (!this.options.cacheSeconds) return this.computeShared(scopes, version);
    const keys = scopes.map((scope) => this.cacheKey(scope, version));
    const kept = await this.options.redis.mget(...keys);
    const missing = scopes.filter((_, i) => !kept[i]);
    const computed = missing.length > 0 ? await this.computeShared(missing, version) : [];
    await this.keep(missing, computed, version);
    let next = 0;
    return kept.map((hit) => (hit ? (JSON.parse(hit) as T) : computed[next++]!));
  }

  /**
   * A new version, so that no figure kept before is served: for a server that starts (a seed or an import
   * may have changed the rows while none ran) and for work that changed rows without `changed`.
   */
  async newVersion(): Promise<void> {
    await this.options.redis.incr(this.options.versionKey);
  }

  subscribe(scope: string | null): AsyncIterable<T> {
    return this.options.pubSub.subscribe(this.options.topic, scopeTopicId(scope)) as AsyncIterable<T>;
  }

  /**
   * Called after a change in `regionCode` committed: the new figure of every enclosing scope will be
   * published. Returns at once; the caller's response does not wait for the recomputation.
   */
  async changed(regionCode: string): Promise<void> {
    // the write has committed: a figure kept under the current version may predate it, and a read from
    // now on (the writer's own, right after its response) must not get it
    if (this.options.cacheSeconds) await this.newVersion();
    for (const scope of enclosingScopes(regionCode)) this.dirty.add(scope);
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + (this.options.intervalMs ?? 80) - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.inFlight.then(() => this.flush());
    }, wait);
  }

  /**
   * One computation for identical reads at one version: an event reaches every wall at once, and each
   * reads again (a map, an alert list) within milliseconds, all before the first answer is kept; they
   * wait for the one computation already running instead of each starting their own.
   */
  private computeShared(scopes: Array<string | null>, version: string): Promise<T[]> {
    const key = `${version}|${scopes.map((scope) => scope ?? '').join(',')}`;
    let running = this.computing.get(key);
    if (!running) {
      running = this.computeAll(scopes, version).finally(() => this.computing.delete(key));
      this.computing.set(key, running);
    }
    return running;
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.timer || this.dirty.size > 0) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.inFlight = this.inFlight.then(() => this.flush());
      }
      await this.inFlight;
    }
    await this.inFlight;
  }

  private async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    this.lastFlush = Date.now();
    const dirty = [...this.dirty];
    this.dirty.clear();
    try {
      // the version moves whether or not anyone watches: a read from now on must not get an older figure
      const [version, watched] = await Promise.all([
        this.options.redis.incr(this.options.versionKey).then(String),
        this.options.pubSub.watched(this.options.topic, dirty.map(scopeTopicId)),
      ]);
      // a scope no wall watches, on any replica, is not computed: Redis would drop its publication, and a
      // read computes it when asked. A write dirties its county, city, province and the nation, and most
      // counties and cities have no wall open (without this, they were most of a publication's work)
      const scopes = dirty.filter((_, i) => watched[i]);
      if (scopes.length === 0) return;
      const figures = await this.computeAll(scopes, version);
      scopes.forEach((scope, i) => {
        this.options.pubSub.publish(this.options.topic, scopeTopicId(scope), figures[i]);
      });
      // the next snapshot of these scopes, at this version, is what was just published
      await this.keep(scopes, figures, version);
    } catch (error) {
      // the snapshot a client re-reads on reconnect stays true; only this push is lost
      this.options.logger?.error(
        { err: error, topic: this.options.topic },
        'could not publish a live figure',
      );
    }
  }

  private cacheKey(scope: string | null, version: string): string {
    return `${this.options.versionKey}:kept:${this.options.topic}:${version}:${today()}:${scope ?? 'national'}`;
  }

  private async keep(scopes: Array<string | null>, figures: T[], version: string): Promise<void> {
    const seconds = this.options.cacheSeconds;
    if (!seconds || scopes.length === 0) return;
    const pipeline = this.options.redis.pipeline();
    scopes.forEach((scope, i) => {
      pipeline.set(this.cacheKey(scope, version), JSON.stringify(figures[i]), 'EX', seconds);
    });
    await pipeline.exec();
  }

  /** The figures of the scopes at one version: one read with `computeMany`, else one scope at a time. */
  private async computeAll(scopes: Array<string | null>, version: string): Promise<T[]> {
    const { compute, computeMany } = this.options;
    if (computeMany) return computeMany(scopes, version);
    if (!compute) throw new Error(`live figure ${this.options.topic} has neither compute nor computeMany`);
    // one at a time: a publication must not take every pooled connection from the writes
    const figures: T[] = [];
    for (const scope of scopes) figures.push(await compute(scope, version));
    return figures;
  }
}

/**
 * A statistic served for any region scope, live: the one shape of a figure's service. A subclass says
 * how to compute the figures of several scopes from the rows (or their cells); this class serves the
 * snapshot and the subscription to viewers who may read aggregates, scoped to their region, and takes the
 * changes that call for a publication.
 */
export abstract class RegionStatistic<T extends { version: string }> {
  private readonly figure: LiveFigure<T>;

  constructor(channel: LiveFigureChannel) {
    this.figure = new LiveFigure<T>({
      ...channel,
      computeMany: (scopes, version) => this.compute(scopes, version),
    });
  }

  snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<T> {
    viewer.require('read:aggregates');
    return this.figure.snapshot(viewer.scope(regionCode));
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<T> {
    viewer.require('read:aggregates');
    return this.figure.subscribe(viewer.scope(regionCode));
  }

  /** The figures of several regions at one version (a list by region), in one read where it can. */
  snapshotMany(regionCodes: string[], viewer: Viewer): Promise<T[]> {
    viewer.require('read:aggregates');
    return this.figure.snapshotMany(regionCodes.map((code) => viewer.scope(code)));
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figure.settled();
  }

  /** Called after a change in `regionCode` committed: publishes the figures of it and every scope above. */
  changed(regionCode: string): Promise<void> {
    return this.figure.changed(regionCode);
  }

  /** At a server's start: figures kept by earlier processes may predate a seed or an import made meanwhile. */
  startVersion(): Promise<void> {
    return this.figure.newVersion();
  }

  /** The figures of several scopes at once, in the order given (see LiveFigure's `computeMany`). */
  protected abstract compute(scopes: Array<string | null>, version: string): Promise<T[]>;
}

/**
 * One statistic watched per period (a quarter, a year): a live figure for each period, made when first
 * asked for, on the topic `topic:period`. A change recorded late, into an earlier period, updates that
 * period's figure; all periods share one version counter, so versions still only grow.
 */
export class PeriodLiveFigures<T extends { version: string }, P extends string | number> {
  private readonly figures = new Map<P, LiveFigure<T>>();

  constructor(
    private readonly options: LiveFigureChannel & {
      /** The figures of several scopes of one period at once, in the order given. */
      computeMany(period: P, scopes: Array<string | null>, version: string): Promise<T[]>;
    },
  ) {}

  of(period: P): LiveFigure<T> {
    let figure = this.figures.get(period);
    if (!figure) {
      const { computeMany, topic, ...shared } = this.options;
      figure = new LiveFigure({
        ...shared,
        topic: `${topic}:${period}`,
        computeMany: (scopes, version) => computeMany(period, scopes, version),
      });
      this.figures.set(period, figure);
    }
    return figure;
  }

  /**
   * After a committed change that moves the figure of every period at once (e.g. a base counted as of
   * now): each period's figure made so far publishes anew; one not made yet has no subscriber, and a new
   * version keeps any figure kept before from being served.
   */
  async changedInEveryPeriod(regionCode: string): Promise<void> {
    if (this.options.cacheSeconds) await this.newVersion();
    for (const figure of this.figures.values()) await figure.changed(regionCode);
  }

  /** A new version for every period (see LiveFigure's `newVersion`). */
  async newVersion(): Promise<void> {
    await this.options.redis.incr(this.options.versionKey);
  }

  /** Resolves once every change reported so far, in any period, has been published. */
  async settled(): Promise<void> {
    for (const figure of this.figures.values()) await figure.settled();
  }
}
