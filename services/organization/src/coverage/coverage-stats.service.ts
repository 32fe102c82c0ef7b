import {
  enclosingScopes,
  inTransaction,
  LiveFigure,
  type PubSub,
  regionLikePattern,
  type Viewer,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { addDays, today } from '../dates.js';
import type { RegionService } from '../region/region.service.js';
import { CoverageMonth, CoverageStats } from './coverage-stats.type.js';

/** The raw counts of one scope; the rates follow from them. */

/**
 * 入章率's numerator, the one definition: a charter that carries the Party-building clause. The charter
 * alert is every other charter (MISSING, or PENDING an amendment), so its count is N − charterIncluded.
 */
export const charterIncluded = (column: string) => `${column} IN ('FULL_LEADERSHIP', 'BASIC')`;

/**
 * 应建尽建's terms, the one definition for the statistics and the alerts (`o` is the organization's
 * alias, '' for none): an eligible organization has at least three full members; a standalone one its
 * own Party organization (null-safe, so an uncovered organization is simply not standalone). 应建未建 is
 * eligible and not standalone, so its count is eligible − eligibleStandalone.
 */
export const isEligible = (o = '') => `${o}eligible = 1`;
export const isStandalone = (o = '') => `${o}coverage_mode <=> 'STANDALONE'`;

export interface CoverageCounts {
  organizations: number;
  partyCovered: number;
  standalone: number;
  eligible: number;
  eligibleStandalone: number;
  workCovered: number;
  charterIncluded: number;
  crossAppointed: number;
  registeredInPeriod: number;
  inStep: number;
  partyOrganizations: number;
}

/** How many months the registration trend (`byMonth`) covers, this month included. */
export const TREND_MONTHS = 12;

/** The `n` calendar months ending with the month of `day`, oldest first, as `YYYY-MM`. */
export function monthsEnding(day: string, n = TREND_MONTHS): string[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const index = year * 12 + month - (n - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The in-step period: registrations in the 365 days that ended `days` days ago, so each had its D days. */
export function inStepPeriod(days: number, day = today()): { from: string; to: string } {
  const to = addDays(day, -days);
  return { from: addDays(to, -364), to };
}

/**
 * Coverage statistics of a region and everything below it, read as a snapshot or watched live. Kept per
 * region cell (`coverage_cell`), each recomputed from its organizations in one covering range scan of
 * `idx_social_organization_stats` after a change there commits; a figure is a sum over the cells in scope.
 */
export class CoverageStatsService {
  private readonly figure: LiveFigure<CoverageStats>;
  private readonly versionKey: string;
  private readonly cachePrefix: string;

  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    private readonly redis: Redis,
    namespace: string,
    private readonly regions: RegionService,
    /** D of 同步建立 (COVERAGE_SYNC_DAYS). */
    private readonly syncDays: number,
  ) {
    this.versionKey = `${namespace}:organization:coverage-stats:version`;
    this.cachePrefix = `${namespace}:organization:coverage-stats:figure`;
    this.figure = new LiveFigure({
      pubSub,
      redis,
      versionKey: this.versionKey,
      topic: 'COVERAGE_STATS_CHANGED',
      compute: (scope, version) => this.cached(scope, version),
    });
  }

  snapshot(regionCode: string | null | undefined, viewer: Viewer): Promise<CoverageStats> {
    viewer.require('read:aggregates');
    return this.figure.snapshot(viewer.scope(regionCode));
  }

  /** One figure per child region of `parentCode` (provinces when null, within the viewer's region). */
  async byRegion(parentCode: string | null | undefined, viewer: Viewer): Promise<CoverageStats[]> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(parentCode, 'parentCode');
    if (scope) this.regions.get(scope, 'parentCode');
    const children = this.regions.children(scope);
    const figures: CoverageStats[] = [];
    for (const child of children) figures.push(await this.figure.snapshot(child.code));
    return figures;
  }

  subscribe(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<CoverageStats> {
    viewer.require('read:aggregates');
    return this.figure.subscribe(viewer.scope(regionCode));
  }

  /** Called after a change in `regionCode` committed. */
  changed(regionCode: string): Promise<void> {
    return this.changedAll([regionCode]);
  }

  /**
   * Called after a change touching several regions committed: forgets the cached figures of every
   * enclosing scope at the current version (so a read right after a write is fresh) and lets the live
   * figure publish the new ones under the next version, which also fills the cache.
   */
  async changedAll(regionCodes: Iterable<string>): Promise<void> {
    const codes = [...regionCodes];
    try {
      await this.refreshCells(codes);
    } catch (error) {
      // the write committed: make the next read recompute every cell rather than serve a stale one
      await this.dataSource.query('UPDATE coverage_cell SET computed_on = ?', ['1970-01-01']).catch(() => {});
      throw error;
    }
    const scopes = new Set<string | null>();
    for (const regionCode of codes) {
      for (const scope of enclosingScopes(regionCode)) scopes.add(scope);
      await this.figure.changed(regionCode);
    }
    if (scopes.size === 0) return;
    const version = (await this.redis.get(this.versionKey)) ?? '0';
    await this.redis.del(...[...scopes].map((scope) => this.cacheKey(scope, version)));
  }

  /**
   * Starts a new version when a server starts: figures cached by earlier processes may predate changes
   * made while no server ran (a seed), and must not be served.
   */
  async startVersion(): Promise<void> {
    await this.rebuildCells();
    await this.redis.incr(this.versionKey);
  }

  private cacheKey(scope: string | null, version: string): string {
    return `${this.cachePrefix}:${version}:${today()}:${scope ?? 'national'}`;
  }

  /**
   * The figure of a scope at a version (and day: some figures depend on the date), computed once and kept
   * in Redis for an hour, so that the many walls and analysts reading one figure cost one scan per change,
   * not one per read.
   */
  private async cached(scope: string | null, version: string): Promise<CoverageStats> {
    const key = this.cacheKey(scope, version);
    const hit = await this.redis.get(key);
    if (hit) return Object.assign(new CoverageStats(), JSON.parse(hit) as CoverageStats);
    const figure = await this.compute(scope, version);
    await this.redis.set(key, JSON.stringify(figure), 'EX', 3600);
    return figure;
  }

  /** Resolves once every reported change has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figure.settled();
  }

  /**
   * The counts of one scope (null: national): a sum over the region cells in scope, after making sure
   * the cells were computed for `day`.
   */
  async counts(scope: string | null, day = today()): Promise<CoverageCounts> {
    await this.ensureCellsFor(day);
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(SUM(organizations), 0) AS organizations, COALESCE(SUM(party_covered), 0) AS partyCovered,
              COALESCE(SUM(standalone), 0) AS standalone, COALESCE(SUM(eligible), 0) AS eligible,
              COALESCE(SUM(eligible_standalone), 0) AS eligibleStandalone,
              COALESCE(SUM(work_covered), 0) AS workCovered, COALESCE(SUM(charter_included), 0) AS charterIncluded,
              COALESCE(SUM(cross_appointed), 0) AS crossAppointed,
              COALESCE(SUM(registered_in_period), 0) AS registeredInPeriod, COALESCE(SUM(in_step), 0) AS inStep,
              COALESCE(SUM(party_organizations), 0) AS partyOrganizations
         FROM coverage_cell ${scope ? 'WHERE region_code LIKE ?' : ''}`,
      scope ? [regionLikePattern(scope)] : [],
    )) as Array<Record<string, string | number | null>>;
    const n = (key: keyof CoverageCounts) => Number(row?.[key] ?? 0);
    return {
      organizations: n('organizations'),
      partyCovered: n('partyCovered'),
      standalone: n('standalone'),
      eligible: n('eligible'),
      eligibleStandalone: n('eligibleStandalone'),
      workCovered: n('workCovered'),
      charterIncluded: n('charterIncluded'),
      crossAppointed: n('crossAppointed'),
      registeredInPeriod: n('registeredInPeriod'),
      inStep: n('inStep'),
      partyOrganizations: n('partyOrganizations'),
    };
  }

  /**
   * Registrations and first coverage (Party or work) of the active organizations in scope, per month of
   * the trend, oldest first; a sum over the month cells in scope.
   */
  async byMonth(scope: string | null, day = today()): Promise<CoverageMonth[]> {
    await this.ensureCellsFor(day);
    const months = monthsEnding(day);
    const rows = (await this.dataSource.query(
      `SELECT month, SUM(registered) AS registered, SUM(newly_covered) AS newlyCovered
         FROM coverage_month
        WHERE month BETWEEN ? AND ? ${scope ? 'AND region_code LIKE ?' : ''}
        GROUP BY month`,
      [months[0], months.at(-1), ...(scope ? [regionLikePattern(scope)] : [])],
    )) as Array<{ month: string; registered: string | number; newlyCovered: string | number }>;
    const byMonth = new Map(rows.map((row) => [row.month, row]));
    return months.map((month) =>
      Object.assign(new CoverageMonth(), {
        month,
        registered: Number(byMonth.get(month)?.registered ?? 0),
        newlyCovered: Number(byMonth.get(month)?.newlyCovered ?? 0),
      }),
    );
  }

  /**
   * Recomputes every cell when they were computed for an earlier day, or emptied (a seed empties them):
   * a look at a few thousand keys, cheap beside the figure it guards.
   */
  private async ensureCellsFor(day: string): Promise<void> {
    const [row] = (await this.dataSource.query(
      'SELECT MIN(computed_on) AS oldest, COUNT(*) AS cells FROM coverage_cell',
    )) as Array<{ oldest: string | null; cells: string | number }>;
    if (Number(row?.cells ?? 0) === 0 || (row?.oldest ?? '') < day) await this.rebuildCells(day);
  }

  /** Recomputes every cell from the organizations (at start-up, after a seed, when the day changes). */
  async rebuildCells(day = today()): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await manager.query('DELETE FROM coverage_cell');
      await manager.query('DELETE FROM coverage_month');
      await this.writeCells(manager, null, day);
    });
  }

  /**
   * Recomputes the cells of the regions a committed change touched. The organizations are read with a
   * locking read inside the cell's transaction, so a concurrent change waits and its own recomputation
   * comes after: the last write of a cell always includes every committed change.
   */
  private async refreshCells(regionCodes: Iterable<string>): Promise<void> {
    const codes = [...new Set(regionCodes)].sort();
    if (codes.length === 0) return;
    const day = today();
    await inTransaction(this.dataSource, async (manager) => {
      for (const code of codes) {
        // a cell whose organizations all ended keeps zeroes rather than its last counts
        await manager.query(
          `UPDATE coverage_cell SET computed_on = ?, organizations = 0, party_covered = 0, standalone = 0, eligible = 0,
                  eligible_standalone = 0, work_covered = 0, charter_included = 0, cross_appointed = 0,
                  registered_in_period = 0, in_step = 0, party_organizations = 0
            WHERE region_code LIKE ?`,
          [day, regionLikePattern(code)],
        );
        await manager.query('DELETE FROM coverage_month WHERE region_code LIKE ?', [regionLikePattern(code)]);
        await this.writeCells(manager, code, day);
      }
    });
  }

  private async writeCells(manager: EntityManager, scope: string | null, day: string): Promise<void> {
    const period = inStepPeriod(this.syncDays, day);
    await manager.query(
      `INSERT INTO coverage_cell (region_code, computed_on, organizations, party_covered, standalone, eligible,
              eligible_standalone, work_covered, charter_included, cross_appointed, registered_in_period, in_step)
       SELECT region_code, ?, COUNT(*),
              IFNULL(SUM(coverage_mode IS NOT NULL), 0),
              IFNULL(SUM(${isStandalone()}), 0),
              IFNULL(SUM(${isEligible()}), 0),
              IFNULL(SUM(${isEligible()} AND ${isStandalone()}), 0),
              IFNULL(SUM(coverage_mode IS NOT NULL OR work_covered_until >= ?), 0),
              IFNULL(SUM(${charterIncluded('charter_clause')}), 0),
              IFNULL(SUM(${isStandalone()} AND cross_appointed_until >= ?), 0),
              IFNULL(SUM(registered_at BETWEEN ? AND ?), 0),
              IFNULL(SUM(registered_at BETWEEN ? AND ? AND first_covered_at <= registered_at + INTERVAL ? DAY), 0)
         FROM social_organization FORCE INDEX (idx_social_organization_stats)
        WHERE status = 'ACTIVE' ${scope ? 'AND region_code LIKE ?' : ''}
        GROUP BY region_code
       ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), organizations = VALUES(organizations),
              party_covered = VALUES(party_covered), standalone = VALUES(standalone), eligible = VALUES(eligible),
              eligible_standalone = VALUES(eligible_standalone), work_covered = VALUES(work_covered),
              charter_included = VALUES(charter_included), cross_appointed = VALUES(cross_appointed),
              registered_in_period = VALUES(registered_in_period), in_step = VALUES(in_step)`,
      [
        day,
        day,
        day,
        period.from,
        period.to,
        period.from,
        period.to,
        this.syncDays,
        ...(scope ? [regionLikePattern(scope)] : []),
      ],
    );
    const inScope = scope ? 'AND region_code LIKE ?' : '';
    const scopeValues = scope ? [regionLikePattern(scope)] : [];
    await manager.query(
      `INSERT INTO coverage_cell (region_code, computed_on, party_organizations)
       SELECT region_code, ?, COUNT(*)
         FROM party_organization FORCE INDEX (idx_party_organization_active)
        WHERE dissolved_at IS NULL ${inScope}
        GROUP BY region_code
       ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), party_organizations = VALUES(party_organizations)`,
      [day, ...scopeValues],
    );
    // both months come from the covering index the cells above are read from
    await manager.query(
      `INSERT INTO coverage_month (region_code, month, registered, newly_covered)
       SELECT region_code, month, SUM(registered), SUM(newly_covered) FROM (
         SELECT region_code, DATE_FORMAT(registered_at, '%Y-%m') AS month, 1 AS registered, 0 AS newly_covered
           FROM social_organization FORCE INDEX (idx_social_organization_stats)
          WHERE status = 'ACTIVE' ${inScope}
         UNION ALL
         SELECT region_code, DATE_FORMAT(first_covered_at, '%Y-%m'), 0, 1
           FROM social_organization FORCE INDEX (idx_social_organization_stats)
          WHERE status = 'ACTIVE' AND first_covered_at IS NOT NULL ${inScope}
       ) m GROUP BY region_code, month`,
      [...scopeValues, ...scopeValues],
    );
  }

  private async compute(scope: string | null, version: string): Promise<CoverageStats> {
    const day = today();
    const counts = await this.counts(scope, day);
    const byMonth = await this.byMonth(scope, day);
    const period = inStepPeriod(this.syncDays, day);
    const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
    return Object.assign(new CoverageStats(), {
      regionCode: scope,
      version,
      updatedAt: new Date().toISOString(),
      ...counts,
      blankSpots: counts.organizations - counts.workCovered,
      organizationCoverageRate: rate(counts.partyCovered, counts.organizations),
      standaloneRate: rate(counts.standalone, counts.organizations),
      eligibleCoverageRate: rate(counts.eligibleStandalone, counts.eligible),
      workCoverageRate: rate(counts.workCovered, counts.organizations),
      charterRate: rate(counts.charterIncluded, counts.organizations),
      crossAppointmentRate: rate(counts.crossAppointed, counts.standalone),
      inStepDays: this.syncDays,
      inStepPeriodFrom: period.from,
      inStepPeriodTo: period.to,
      inStepRate: rate(counts.inStep, counts.registeredInPeriod),
      byMonth,
    });
  }
}
