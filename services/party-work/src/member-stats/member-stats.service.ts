import { LiveFigure, type PubSub, regionLikePattern, today, type Viewer } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { MemberStage } from '../party-member/party-member.type.js';
import { regionReference } from '../region/region.type.js';
import { MemberStats } from './member-stats.type.js';

/** Member statistics of a region and everything below it, read as a snapshot or watched live. */
export class MemberStatsService {
  private readonly figure: LiveFigure<MemberStats>;

  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
  ) {
    this.figure = new LiveFigure({
      pubSub,
      redis,
      versionKey: `${namespace}:party-work:member-stats:version`,
      topic: 'MEMBER_STATS_CHANGED',
      compute: (scope, version) => this.compute(scope, version),
    });
  }

  snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<MemberStats> {
    viewer.require('read:aggregates');
    return this.figure.snapshot(viewer.scope(regionCode));
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<MemberStats> {
    viewer.require('read:aggregates');
    return this.figure.subscribe(viewer.scope(regionCode));
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figure.settled();
  }

  /** Called after a change in `regionCode` committed. */
  changed(regionCode: string): Promise<void> {
    return this.figure.changed(regionCode);
  }

  private async compute(scope: string | null, version: string): Promise<MemberStats> {
    const region = scope ? 'AND region_code LIKE ?' : '';
    const params = scope ? [regionLikePattern(scope)] : [];
    const rows = (await this.dataSource.query(
      `SELECT stage, SUM(members) AS count FROM member_cell WHERE 1 = 1 ${region} GROUP BY stage`,
      params,
    )) as Array<{ stage: string; count: string | number }>;
    const counts = new Map(rows.map((r) => [r.stage, Number(r.count)]));
    const year = Number(today().slice(0, 4));
    // a member transferred within the system keeps the stage change where it was recorded
    const changes = (await this.dataSource.query(
      `SELECT to_stage, SUM(members) AS count FROM development_cell WHERE year = ? ${region} GROUP BY to_stage`,
      [year, ...params],
    )) as Array<{ to_stage: string; count: string | number }>;
    const changed = new Map(changes.map((r) => [r.to_stage, Number(r.count)]));
    return Object.assign(new MemberStats(), {
      region: regionReference(scope),
      version,
      updatedAt: new Date().toISOString(),
      fullMembers: counts.get(MemberStage.FULL) ?? 0,
      probationaryMembers: counts.get(MemberStage.PROBATIONARY) ?? 0,
      byStage: Object.values(MemberStage).map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
      year,
      developedThisYear: changed.get(MemberStage.PROBATIONARY) ?? 0,
      convertedThisYear: changed.get(MemberStage.FULL) ?? 0,
    });
  }
}
