import { isWithinRegion, type PubSub, RegionStatistic, regionsWhere, today } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { MemberStage } from '../party-member/party-member.type.js';
import { regionReference } from '../region/region.type.js';
import { MemberStats } from './member-stats.type.js';

/** Member statistics of a region and everything below it, read as a snapshot or watched live. */
export class MemberStatsService extends RegionStatistic<MemberStats> {
  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
  ) {
    super({
      pubSub,
      redis,
      versionKey: `${namespace}:party-work:member-stats:version`,
      topic: 'MEMBER_STATS_CHANGED',
    });
  }

  /**
   * The figures of several scopes from one read of the cells under them (grouped per region, so the read
   * costs O(regions) whatever the number of members), summed per scope here.
   */
  protected async compute(scopes: Array<string | null>, version: string): Promise<MemberStats[]> {
    const { where, params } = regionsWhere(scopes);
    const cells = (await this.dataSource.query(
      `SELECT region_code, stage, SUM(members) AS count FROM member_cell ${where} GROUP BY region_code, stage`,
      params,
    )) as Array<{ region_code: string; stage: string; count: string | number }>;
    const year = Number(today().slice(0, 4));
    // a member transferred within the system keeps the stage change where it was recorded
    const changes = (await this.dataSource.query(
      `SELECT region_code, to_stage, SUM(members) AS count FROM development_cell
        ${where ? `${where} AND` : 'WHERE'} year = ? GROUP BY region_code, to_stage`,
      [...params, year],
    )) as Array<{ region_code: string; to_stage: string; count: string | number }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const counts = new Map<string, number>();
      for (const cell of cells) {
        if (isWithinRegion(cell.region_code, scope))
          counts.set(cell.stage, (counts.get(cell.stage) ?? 0) + Number(cell.count));
      }
      const changed = new Map<string, number>();
      for (const cell of changes) {
        if (isWithinRegion(cell.region_code, scope))
          changed.set(cell.to_stage, (changed.get(cell.to_stage) ?? 0) + Number(cell.count));
      }
      return Object.assign(new MemberStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        fullMembers: counts.get(MemberStage.FULL) ?? 0,
        probationaryMembers: counts.get(MemberStage.PROBATIONARY) ?? 0,
        byStage: Object.values(MemberStage).map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
        year,
        developedThisYear: changed.get(MemberStage.PROBATIONARY) ?? 0,
        convertedThisYear: changed.get(MemberStage.FULL) ?? 0,
      });
    });
  }
}
