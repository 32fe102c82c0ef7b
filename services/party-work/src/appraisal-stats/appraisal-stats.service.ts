import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { readYear } from '../statistics/period.js';
import { childRegionsHolding, scopeCells } from '../statistics/region-cells.js';
import { AppraisalStats } from './appraisal-stats.type.js';

/**
 * 民主评议党员 of a year per region, live: the base is the Party members on the rolls now (member_cell),
 * the grades those members hold of the year (appraisal_cell, which counts only them), so a member's change
 * moves every year's figure and a grade only its year's.
 */
export class AppraisalStatsService extends PeriodStatistic<AppraisalStats, number> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    super(figureChannel('appraisal-stats', setting), readYear);
  }

  /** One figure per child region of `parentCode` (provinces when null) that has Party members or grades. */
  async byRegion(
    parentCode: string | null | undefined,
    yearArg: number | null | undefined,
    viewer: Viewer,
  ): Promise<AppraisalStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    const year = readYear(yearArg);
    const prefix = parent ? [regionLikePattern(parent)] : [];
    const where = parent ? 'AND region_code LIKE ?' : '';
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM member_cell WHERE stage IN ('FULL', 'PROBATIONARY') AND members <> 0 ${where}
       UNION SELECT DISTINCT region_code FROM appraisal_cell WHERE year = ? AND members <> 0 ${where}`,
      [...prefix, year, ...prefix],
    )) as Array<{ region_code: string }>;
    return this.figures.of(year).snapshotMany(
      childRegionsHolding(
        parent,
        codes.map(({ region_code }) => region_code),
      ),
    );
  }

  /** The figures of several scopes from one read of each kind of cell, grouped in SQL by child region. */
  protected async compute(
    scopes: Array<string | null>,
    year: number,
    version: string,
  ): Promise<AppraisalStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const members = (await this.dataSource.query(
      `SELECT ${region} AS region_code, SUM(members) AS n FROM member_cell
       ${and} stage IN ('FULL', 'PROBATIONARY') GROUP BY 1`,
      params,
    )) as Array<{ region_code: string; n: string }>;
    const grades = (await this.dataSource.query(
      `SELECT ${region} AS region_code, grade, SUM(members) AS n FROM appraisal_cell
       ${and} year = ? GROUP BY 1, grade`,
      [...params, year],
    )) as Array<{ region_code: string; grade: string; n: string }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const base = members
        .filter((r) => isWithinRegion(r.region_code, scope))
        .reduce((sum, r) => sum + Number(r.n), 0);
      const byGrade = Object.values(AppraisalGrade).map((grade) => ({
        grade,
        members: grades
          .filter((r) => r.grade === grade && isWithinRegion(r.region_code, scope))
          .reduce((sum, r) => sum + Number(r.n), 0),
      }));
      const appraised = byGrade.reduce((sum, g) => sum + g.members, 0);
      return Object.assign(new AppraisalStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        year,
        members: base,
        appraised,
        appraisalRate: base ? appraised / base : 0,
        byGrade,
      });
    });
  }
}
