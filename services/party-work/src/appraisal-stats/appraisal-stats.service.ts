import { isWithinRegion } from '@pb/platform/region-scope';
import type { DataSource } from 'typeorm';
import { readYear } from '../funding/funding-stats.service.js';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { scopeCells } from '../statistics/region-cells.js';
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
