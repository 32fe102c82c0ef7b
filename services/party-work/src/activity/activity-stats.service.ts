import { addDays, quarterRange, readQuarter, today } from '@pb/platform/calendar';
import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { weekOf } from '../statistics/activity-aggregates/activity-aggregates.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { childRegionsHolding, scopeCells } from '../statistics/region-cells.js';
import { ActivityMode, ActivityPurpose, ActivityStats, ActivityType, ActivityWeek } from './activity.type.js';

/** The live figure of organizational life per quarter, read from the kept cells. */
export class ActivityStatsService extends PeriodStatistic<ActivityStats, string> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    // walls at every level read these on open and after each change: one computation per change
    super(figureChannel('activity-stats', setting, 3600), readQuarter);
  }

  /** One row per child region of `parentCode` (provinces when null) that has branches or activities. */
  async byRegion(
    parentCode: string | null | undefined,
    quarterArg: string | null | undefined,
    viewer: Viewer,
  ): Promise<ActivityStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    const quarter = readQuarter(quarterArg);
    const prefixParams = parent ? [regionLikePattern(parent)] : [];
    const where = parent ? 'AND region_code LIKE ?' : '';
    // the distinct regions rather than their prefixes: the replica's (type, region_code) index answers that by
    // a loose scan, one key per region instead of one per branch
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM party_organization_replica WHERE type = 'BRANCH' ${where}
       UNION SELECT DISTINCT region_code FROM activity_cell WHERE quarter = ? ${where}`,
      [...prefixParams, quarter, ...prefixParams],
    )) as Array<{ region_code: string }>;
    return this.figures.of(quarter).snapshotMany(
      childRegionsHolding(
        parent,
        codes.map(({ region_code }) => region_code),
      ),
    );
  }

  /**
   * From the incremental cells, grouped in SQL per child region of the scopes (see scopeCells) and summed
   * per scope here: one read of each table for any number of scopes, O(regions) whatever the number of
   * activities. The four reads are independent, so they run side by side.
   */
  protected async compute(
    scopes: Array<string | null>,
    quarter: string,
    version: string,
  ): Promise<ActivityStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const [cells, branchCells, complianceCells, weekCells] = await Promise.all([
      this.dataSource.query(
        `SELECT ${region} AS region_code, type, mode, serves, SUM(activities) AS n, SUM(attended) AS attended,
                SUM(due) AS due
         FROM activity_cell ${and} quarter = ? GROUP BY 1, type, mode, serves`,
        [...params, quarter],
      ) as Promise<ActivityCell[]>,
      this.branchCounts(scopes, quarter),
      this.dataSource.query(
        `SELECT ${region} AS region_code, COALESCE(SUM(met), 0) AS met, COALESCE(SUM(compliant), 0) AS compliant
         FROM compliance_cell ${and} quarter = ? GROUP BY 1`,
        [...params, quarter],
      ) as Promise<Array<{ region_code: string; met: string; compliant: string }>>,
      this.dataSource.query(
        `SELECT ${region} AS region_code, DATE_FORMAT(week, '%Y-%m-%d') AS week, mode, SUM(activities) AS n
         FROM activity_week_cell ${and} quarter = ? GROUP BY 1, week, mode`,
        [...params, quarter],
      ) as Promise<WeekCell[]>,
    ]);
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const { byType, byPurpose, activities, onlineActivities, attended, due } = activityTotals(cells, scope);
      const { branches, required } = sumWithin(branchCells, scope, ['branches', 'required']);
      const { met, compliant } = sumWithin(complianceCells, scope, ['met', 'compliant']);
      return Object.assign(new ActivityStats(), {
        region: regionReference(scope),
        quarter,
        version,
        updatedAt,
        activities,
        byType: Object.values(ActivityType).map((type) => ({ type, count: byType.get(type) ?? 0 })),
        byPurpose: Object.values(ActivityPurpose).map((purpose) => ({
          purpose,
          count: byPurpose.get(purpose) ?? 0,
        })),
        onlineActivities,
        onlineShare: activities === 0 ? 0 : onlineActivities / activities,
        byWeek: quarterWeeks(
          quarter,
          weekCells.filter((r) => isWithinRegion(r.region_code, scope)),
        ),
        attended,
        due,
        attendanceRate: due === 0 ? 0 : attended / due,
        branches,
        compliantBranches: compliant,
        requiredHeld: met,
        required,
        complianceRate: required === 0 ? 0 : met / required,
      });
    });
  }

  /** Branches active at some time in the quarter and their required meetings, per child region of the scopes. */
  private branchCounts(
    scopes: Array<string | null>,
    quarter: string,
  ): Promise<Array<{ region_code: string; branches: string; required: string }>> {
    const { and, params, region } = scopeCells(scopes);
    // each cell is a change from its quarter on (see branch-cells): the sum up to the quarter is its state
    return this.dataSource.query(
      `SELECT ${region} AS region_code, SUM(branches) AS branches, SUM(required) AS required
       FROM branch_cell ${and} quarter <= ? GROUP BY 1`,
      [...params, quarter],
    );
  }
}

interface WeekCell {
  region_code: string;
  week: string;
  mode: string;
  n: string;
}

/** A quarter's weeks begun so far, oldest first, summed from the weekly cells of a scope. */
function quarterWeeks(quarter: string, cells: WeekCell[]): ActivityWeek[] {
  const counts = new Map<string, { activities: number; online: number }>();
  for (const cell of cells) {
    const week = counts.get(cell.week) ?? { activities: 0, online: 0 };
    week.activities += Number(cell.n);
    if (cell.mode !== ActivityMode.OFFLINE) week.online += Number(cell.n);
    counts.set(cell.week, week);
  }
  const { from, to } = quarterRange(quarter);
  const last = weekOf(to < today() ? to : today());
  const weeks: ActivityWeek[] = [];
  for (let week = weekOf(from); week <= last; week = addDays(week, 7)) {
    const { activities, online } = counts.get(week) ?? { activities: 0, online: 0 };
    weeks.push(
      Object.assign(new ActivityWeek(), {
        week,
        activities,
        online,
        onlineShare: activities === 0 ? 0 : online / activities,
      }),
    );
  }
  return weeks;
}

/** The sums of some columns over the cells within a scope. */
function sumWithin<K extends string>(
  cells: ReadonlyArray<{ region_code: string } & Record<K, string | number>>,
  scope: string | null,
  columns: readonly K[],
): Record<K, number> {
  const sums = Object.fromEntries(columns.map((column) => [column, 0])) as Record<K, number>;
  for (const cell of cells)
    if (isWithinRegion(cell.region_code, scope))
      for (const column of columns) sums[column] += Number(cell[column]);
  return sums;
}

interface ActivityCell {
  region_code: string;
  type: string;
  mode: string;
  /** ActivityPurpose, or '' for the activities naming none. */
  serves: string;
  n: string;
  attended: string;
  due: string;
}

/** The activities within a scope, by type and online, and their attendance. */
function activityTotals(cells: ActivityCell[], scope: string | null) {
  const byType = new Map<string, number>();
  const byPurpose = new Map<string, number>();
  let activities = 0;
  let onlineActivities = 0;
  let attended = 0;
  let due = 0;
  for (const r of cells) {
    if (!isWithinRegion(r.region_code, scope)) continue;
    const n = Number(r.n);
    activities += n;
    byType.set(r.type, (byType.get(r.type) ?? 0) + n);
    if (r.serves) byPurpose.set(r.serves, (byPurpose.get(r.serves) ?? 0) + n);
    if (r.mode !== ActivityMode.OFFLINE) onlineActivities += n;
    attended += Number(r.attended);
    due += Number(r.due);
  }
  return { byType, byPurpose, activities, onlineActivities, attended, due };
}
