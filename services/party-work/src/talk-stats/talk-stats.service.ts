import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { readYear } from '../statistics/period.js';
import { childRegionsHolding, scopeCells } from '../statistics/region-cells.js';
import { PARTY_MEMBER_STAGES } from '../statistics/talk-cells/talk-cells.js';
import { TalkStats } from './talk-stats.type.js';

/**
 * 谈心谈话覆盖率 of a year, of a region and everything below it, read as a snapshot or watched live (the
 * current year). The base is the Party members on the rolls now (`member_cell`), the talked with are kept
 * in `talk_cell` (statistics/talk-cells): both moved in the transactions of the writes that change them.
 */
export class TalkStatsService extends PeriodStatistic<TalkStats, number> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    super(figureChannel('talk-stats', setting), readYear);
  }

  /**
   * After a committed change in the region: the current year's figure goes out anew (the one watched
   * live). A member's change moves every year's base, a talk its own year's; a read of an earlier year
   * computes from the cells, so it is never stale.
   */
  override changed(regionCode: string, year: number = readYear(null)): Promise<void> {
    return super.changed(regionCode, year);
  }

  /**
   * One figure per child region of `parentCode` (provinces when null) with Party members on the rolls or
   * members talked with in the year: the analysts' talk coverage by city.
   */
  async byRegion(
    parentCode: string | null | undefined,
    yearArg: number | null | undefined,
    viewer: Viewer,
  ): Promise<TalkStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    const year = readYear(yearArg);
    const prefix = parent ? [regionLikePattern(parent)] : [];
    const where = parent ? 'AND region_code LIKE ?' : '';
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM member_cell WHERE stage IN (?) AND members <> 0 ${where}
       UNION SELECT DISTINCT region_code FROM talk_cell WHERE year = ? AND talked_with <> 0 ${where}`,
      [PARTY_MEMBER_STAGES, ...prefix, year, ...prefix],
    )) as Array<{ region_code: string }>;
    return this.figures.of(year).snapshotMany(
      childRegionsHolding(
        parent,
        codes.map(({ region_code }) => region_code),
      ),
    );
  }

  /**
   * The figures of several scopes from one read of each kind of cell under them, grouped in SQL per
   * child region of the scopes (see scopeCells): O(regions), whatever the number of members and talks.
   */
  protected async compute(scopes: Array<string | null>, year: number, version: string): Promise<TalkStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const [members, talked] = await Promise.all([
      this.dataSource.query(
        `SELECT ${region} AS region_code, SUM(members) AS n FROM member_cell ${and} stage IN (?) GROUP BY 1`,
        [...params, PARTY_MEMBER_STAGES],
      ) as Promise<Array<{ region_code: string; n: string | number }>>,
      this.dataSource.query(
        `SELECT ${region} AS region_code, SUM(talked_with) AS n FROM talk_cell ${and} year = ? GROUP BY 1`,
        [...params, year],
      ) as Promise<Array<{ region_code: string; n: string | number }>>,
    ]);
    const updatedAt = new Date().toISOString();
    const sum = (cells: Array<{ region_code: string; n: string | number }>, scope: string | null) =>
      cells.reduce((s, c) => s + (isWithinRegion(c.region_code, scope) ? Number(c.n) : 0), 0);
    return scopes.map((scope) => {
      const base = sum(members, scope);
      const talkedWith = sum(talked, scope);
      return Object.assign(new TalkStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        year,
        members: base,
        talkedWith,
        talkCoverageRate: base ? talkedWith / base : 0,
      });
    });
  }
}
