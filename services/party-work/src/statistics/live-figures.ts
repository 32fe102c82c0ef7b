import { type LiveFigureChannel, PeriodLiveFigures } from '@pb/platform/live-figure';
import type { PubSub } from '@pb/platform/pubsub';
import type { Viewer } from '@pb/platform/viewer';
import type { Redis } from 'ioredis';

/** What every live figure of this subgraph publishes through and keeps its version in. */
export interface FigureSetting {
  pubSub: PubSub;
  redis: Redis;
  namespace: string;
}

/**
 * A figure's channel, named once for all: `figure` (`member-stats`) keeps its version under
 * `<namespace>:party-work:member-stats:version` and publishes on `MEMBER_STATS_CHANGED`.
 */
export function figureChannel(
  figure: string,
  { pubSub, redis, namespace }: FigureSetting,
  cacheSeconds?: number,
): LiveFigureChannel {
  return {
    pubSub,
    redis,
    versionKey: `${namespace}:party-work:${figure}:version`,
    topic: `${figure.replace(/-/g, '_').toUpperCase()}_CHANGED`,
    ...(cacheSeconds ? { cacheSeconds } : {}),
  };
}

/**
 * A statistic watched live per period (a quarter, a year) of a region and everything below it, as the
 * platform's RegionStatistic is for one without periods: `compute` is the figure, the rest is the same
 * for each such statistic. A period the caller leaves out is read by `readPeriod` (the current one).
 */
export abstract class PeriodStatistic<T extends { version: string }, P extends string | number> {
  protected readonly figures: PeriodLiveFigures<T, P>;

  constructor(
    channel: LiveFigureChannel,
    private readonly readPeriod: (period: P | null | undefined) => P,
  ) {
    this.figures = new PeriodLiveFigures<T, P>({
      ...channel,
      computeMany: (period, scopes, version) => this.compute(scopes, period, version),
    });
  }

  /** The figures of several scopes of one period at once, in the order given. */
  protected abstract compute(scopes: Array<string | null>, period: P, version: string): Promise<T[]>;

  /** The figure of a period (current when null) for a region and all below it. */
  snapshot(regionCode: string | null | undefined, period: P | null | undefined, viewer: Viewer): Promise<T> {
    viewer.require('read:aggregates');
    return this.figures.of(this.readPeriod(period)).snapshot(viewer.scope(regionCode));
  }

  /** Each whole new figure of the period after a change in the region or below it. */
  subscribe(
    regionCode: string | null | undefined,
    period: P | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<T> {
    viewer.require('read:aggregates');
    return this.figures.of(this.readPeriod(period)).subscribe(viewer.scope(regionCode));
  }

  /** After a committed change of a region's rows in a period. */
  async changed(regionCode: string, period: P): Promise<void> {
    await this.figures.of(period).changed(regionCode);
  }

  /** After a committed change of a region's rows that moves every period's figure. */
  async changedInEveryPeriod(regionCode: string): Promise<void> {
    await this.figures.changedInEveryPeriod(regionCode);
  }

  /** At a server's start: figures kept by earlier processes may predate a seed or an import made meanwhile. */
  startVersion(): Promise<void> {
    return this.figures.newVersion();
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figures.settled();
  }
}
