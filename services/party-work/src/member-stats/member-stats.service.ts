import { enclosingScopes, type PubSub, regionLikePattern, scopeTopicId, type Viewer } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { MemberStage } from '../party-member/party-member.type.js';
import { regionReference } from '../region/region.type.js';
import { MemberStats } from './member-stats.type.js';

export const MEMBER_STATS_CHANGED = 'MEMBER_STATS_CHANGED';

/**
 * Member statistics. The version is read *before* a figure is computed and bumped *after* a change
 * commits, so a figure carrying version v includes every change up to v.
 */
export class MemberStatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
    private readonly redis: Redis,
    namespace: string,
  ) {
    this.versionKey = `${namespace}:party-work:member-stats:version`;
  }

  private readonly versionKey: string;

  async snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<MemberStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.compute(scope, (await this.redis.get(this.versionKey)) ?? '0');
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<MemberStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.pubSub.subscribe(MEMBER_STATS_CHANGED, scopeTopicId(scope)) as AsyncIterable<MemberStats>;
  }

  /** Called after a change in `regionCode` committed: publishes the new figures of every enclosing scope. */
  async changed(regionCode: string): Promise<void> {
    const version = String(await this.redis.incr(this.versionKey));
    for (const scope of enclosingScopes(regionCode)) {
      this.pubSub.publish(MEMBER_STATS_CHANGED, scopeTopicId(scope), await this.compute(scope, version));
    }
  }

  private async compute(scope: string | null, version: string): Promise<MemberStats> {
    const rows = (await this.dataSource.query(
      `SELECT stage, COUNT(*) AS count FROM party_member ${scope ? 'WHERE region_code LIKE ?' : ''} GROUP BY stage`,
      scope ? [regionLikePattern(scope)] : [],
    )) as Array<{ stage: string; count: string | number }>;
    const counts = new Map(rows.map((r) => [r.stage, Number(r.count)]));
    const byStage = Object.values(MemberStage).map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
    return Object.assign(new MemberStats(), {
      region: regionReference(scope),
      version,
      updatedAt: new Date().toISOString(),
      fullMembers: counts.get(MemberStage.FULL) ?? 0,
      probationaryMembers: counts.get(MemberStage.PROBATIONARY) ?? 0,
      byStage,
    });
  }
}
