import { LiveFigure, type PubSub, regionLikePattern, type Viewer } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { CoverageStats } from './coverage-stats.type.js';

/** Coverage statistics of a region and everything below it, read as a snapshot or watched live. */
export class CoverageStatsService {
  private readonly figure: LiveFigure<CoverageStats>;

  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
  ) {
    this.figure = new LiveFigure({
      pubSub,
      redis,
      versionKey: `${namespace}:organization:coverage-stats:version`,
      topic: 'COVERAGE_STATS_CHANGED',
      compute: (scope, version) => this.compute(scope, version),
    });
  }

  snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<CoverageStats> {
    viewer.require('read:aggregates');
    return this.figure.snapshot(viewer.scope(regionCode));
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<CoverageStats> {
    viewer.require('read:aggregates');
    return this.figure.subscribe(viewer.scope(regionCode));
  }

  /** Called after a change in `regionCode` committed. */
  changed(regionCode: string): Promise<void> {
    return this.figure.changed(regionCode);
  }

  private async compute(scope: string | null, version: string): Promise<CoverageStats> {
    const where = scope ? 'AND region_code LIKE ?' : '';
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*) AS organizations FROM social_organization WHERE status = 'ACTIVE' ${where}`,
      scope ? [regionLikePattern(scope)] : [],
    )) as Array<{ organizations: string | number }>;
    return Object.assign(new CoverageStats(), {
      regionCode: scope,
      version,
      updatedAt: new Date().toISOString(),
      organizations: Number(row?.organizations ?? 0),
    });
  }
}
