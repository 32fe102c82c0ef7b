import { enclosingScopes, type PubSub, regionLikePattern, scopeTopicId, type Viewer } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { CoverageStats } from './coverage-stats.type.js';

export const COVERAGE_STATS_CHANGED = 'COVERAGE_STATS_CHANGED';

/**
 * Coverage statistics. A figure's version is taken from a Redis counter *before* the figure is read, and
 * bumped *after* each change commits, so the figure sent with version v includes every change that
 * bumped the counter up to v: a client that keeps the highest version never shows an older truth.
 */
export class CoverageStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
    private readonly redis: Redis,
    namespace: string,
  ) {
    this.versionKey = `${namespace}:organization:coverage-stats:version`;
  }

  private readonly versionKey: string;

  async snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<CoverageStats> {
    viewer.require('read:aggregates');
    return this.compute(viewer.scope(regionCode), await this.currentVersion());
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<CoverageStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.pubSub.subscribe(COVERAGE_STATS_CHANGED, scopeTopicId(scope)) as AsyncIterable<CoverageStats>;
  }

  /** Called after a change in `regionCode` committed: publishes the new figures of every enclosing scope. */
  async changed(regionCode: string): Promise<void> {
    const version = String(await this.redis.incr(this.versionKey));
    for (const scope of enclosingScopes(regionCode)) {
      this.pubSub.publish(COVERAGE_STATS_CHANGED, scopeTopicId(scope), await this.compute(scope, version));
    }
  }

  private async currentVersion(): Promise<string> {
    return (await this.redis.get(this.versionKey)) ?? '0';
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
