import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { readYear } from '../statistics/period.js';
import { childRegionsHolding, scopeCells } from '../statistics/region-cells.js';
import { TrainingStats } from './training-stats.type.js';

type Cell = { region_code: string; n: string | number };

/**
 * Training attainment per year of a region and everything below it, live (the current year's figure):
 * read from the kept cells (training-cells, and member_cell for the members on the rolls), grouped in SQL
 * per child region of the scopes (see scopeCells), so a read costs O(regions).
 */
export class TrainingStatsService extends PeriodStatistic<TrainingStats, number> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    super(figureChannel('training-stats', setting), readTrainingYear);
  }

  /** One row per child region of `parentCode` (provinces when null) that has members or staff. */
  async byRegion(
    parentCode: string | null | undefined,
    yearArg: number | null | undefined,
    viewer: Viewer,
  ): Promise<TrainingStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    const year = readTrainingYear(yearArg);
    const prefix = parent ? [regionLikePattern(parent)] : [];
    const where = parent ? 'WHERE region_code LIKE ?' : '';
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM member_cell ${where}
       UNION SELECT DISTINCT region_code FROM training_staff_cell ${where}`,
      [...prefix, ...prefix],
    )) as Array<{ region_code: string }>;
    return this.figures.of(year).snapshotMany(
      childRegionsHolding(
        parent,
        codes.map(({ region_code }) => region_code),
      ),
    );
  }

  protected async compute(
    scopes: Array<string | null>,
    year: number,
    version: string,
  ): Promise<TrainingStats[]> {
    const { where, and, params, region } = scopeCells(scopes);
    const [members, staff, cells] = await Promise.all([
      this.dataSource.query(
        `SELECT ${region} AS region_code, SUM(members) AS n FROM member_cell
          ${and} stage IN ('FULL', 'PROBATIONARY') GROUP BY 1`,
        params,
      ) as Promise<Cell[]>,
      this.dataSource.query(
        `SELECT ${region} AS region_code, SUM(staff) AS n FROM training_staff_cell ${where} GROUP BY 1`,
        params,
      ) as Promise<Cell[]>,
      this.dataSource.query(
        `SELECT ${region} AS region_code, SUM(members_meeting) AS members, SUM(staff_meeting) AS staff,
                SUM(hours) AS hours
           FROM training_cell ${and} year = ? GROUP BY 1`,
        [...params, year],
      ) as Promise<Array<{ region_code: string; members: string; staff: string; hours: string }>>,
    ]);
    const updatedAt = new Date().toISOString();
    const sum = <R extends { region_code: string }>(
      rows: R[],
      scope: string | null,
      value: (r: R) => unknown,
    ) => rows.reduce((total, r) => total + (isWithinRegion(r.region_code, scope) ? Number(value(r)) : 0), 0);
    return scopes.map((scope) => {
      const onRolls = sum(members, scope, (r) => r.n);
      const staffCount = sum(staff, scope, (r) => r.n);
      const membersMeetingMinimum = sum(cells, scope, (r) => r.members);
      const staffMeetingMinimum = sum(cells, scope, (r) => r.staff);
      return Object.assign(new TrainingStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        year,
        members: onRolls,
        membersMeetingMinimum,
        memberRate: onRolls ? membersMeetingMinimum / onRolls : 0,
        staff: staffCount,
        staffMeetingMinimum,
        staffRate: staffCount ? staffMeetingMinimum / staffCount : 0,
        hours: sum(cells, scope, (r) => r.hours),
      });
    });
  }
}

/** A year of training: records go back to 1921 (the Party's founding), so may its figure. */
const readTrainingYear = (year: number | null | undefined) => readYear(year, 1921);
