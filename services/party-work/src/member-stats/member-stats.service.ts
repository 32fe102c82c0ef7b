import { today } from '@pb/platform/calendar';
import { RegionStatistic } from '@pb/platform/live-figure';
import type { Page } from '@pb/platform/pagination';
import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { MemberStage, MemberWorkRole } from '../party-member/party-member.type.js';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel } from '../statistics/live-figures.js';
import { scopeCells } from '../statistics/region-cells.js';
import { MemberStats } from './member-stats.type.js';

/** Member statistics of a region and everything below it, read as a snapshot or watched live. */
export class MemberStatsService extends RegionStatistic<MemberStats> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    super(figureChannel('member-stats', setting));
  }

  /**
   * One page of the members on the rolls of each branch (ids and positions, in roll order) and how many
   * there are, in the order asked: one query for any number of branches, so a list of Party organizations
   * with their members costs one read here and one of the members by id. Like the member list, only
   * members within the viewer's region count.
   */
  async branchRolls(
    branchIds: readonly string[],
    page: Page,
    viewer: Viewer,
  ): Promise<Array<{ totalCount: number; members: Array<{ id: string; seq: string }> }>> {
    viewer.require('read:records');
    if (branchIds.length === 0) return [];
    const inRegion = viewer.regionCode ? 'AND region_code LIKE ?' : '';
    const rows = (await this.dataSource.query(
      `SELECT id, seq, branch_id, total_in_branch FROM (
         SELECT id, seq, branch_id, COUNT(*) OVER (PARTITION BY branch_id) AS total_in_branch,
                SUM(seq > ?) OVER (PARTITION BY branch_id ORDER BY seq) AS after_cursor
         FROM party_member WHERE branch_id IN (?) AND status = 'ACTIVE' ${inRegion}
       ) counted WHERE seq > ? AND after_cursor <= ? ORDER BY seq`,
      [
        page.afterSeq,
        [...branchIds],
        ...(viewer.regionCode ? [regionLikePattern(viewer.regionCode)] : []),
        page.afterSeq,
        page.limit + 1,
      ],
    )) as Array<{ id: string; seq: string; branch_id: string; total_in_branch: string }>;
    return branchIds.map((branchId) => {
      const members = rows.filter((row) => row.branch_id === branchId);
      return { totalCount: Number(members[0]?.total_in_branch ?? 0), members };
    });
  }

  /**
   * The figures of several scopes from one read of the cells under them, grouped in SQL per child region of
   * the scopes (see scopeCells), so the read costs O(regions) whatever the number of members; summed per
   * scope here. The two reads are independent, so they run side by side.
   */
  protected async compute(scopes: Array<string | null>, version: string): Promise<MemberStats[]> {
    const { where, and, params, region } = scopeCells(scopes);
    const year = Number(today().slice(0, 4));
    const [cells, changes] = await Promise.all([
      this.dataSource.query(
        `SELECT ${region} AS region_code, stage, work_role, SUM(members) AS count FROM member_cell ${where}
          GROUP BY 1, stage, work_role`,
        params,
      ) as Promise<Array<{ region_code: string; stage: string; work_role: string; count: string | number }>>,
      // a member transferred within the system keeps the stage change where it was recorded
      this.dataSource.query(
        `SELECT ${region} AS region_code, to_stage, SUM(members) AS count FROM development_cell
          ${and} year = ? GROUP BY 1, to_stage`,
        [...params, year],
      ) as Promise<Array<{ region_code: string; to_stage: string; count: string | number }>>,
    ]);
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const counts = new Map<string, number>();
      // Party members (正式 and 预备) by the part they are marked with in their organization's work
      const roles = new Map<string, number>();
      for (const cell of cells) {
        if (!isWithinRegion(cell.region_code, scope)) continue;
        counts.set(cell.stage, (counts.get(cell.stage) ?? 0) + Number(cell.count));
        if (cell.stage === MemberStage.FULL || cell.stage === MemberStage.PROBATIONARY)
          roles.set(cell.work_role, (roles.get(cell.work_role) ?? 0) + Number(cell.count));
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
        businessBackbone: roles.get(MemberWorkRole.BUSINESS_BACKBONE) ?? 0,
        management: roles.get(MemberWorkRole.MANAGEMENT) ?? 0,
      });
    });
  }
}
