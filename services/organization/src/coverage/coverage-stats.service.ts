import {
  inTransaction,
  LiveFigure,
  type PubSub,
  regionLikePattern,
  regionPrefix,
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

/**
 * An instructor without recorded contact (the INSTRUCTOR_NO_CONTACT alert), the one definition, for its
 * cell and its list (`w` the measure, `o` its organization): active today (values: today, today), its
 * last contact (or its start) before the limit (value: that day).
 */
export const instructorNoContact = `w.kind = 'INSTRUCTOR' AND w.since <= ? AND (w.until IS NULL OR w.until >= ?)
  AND COALESCE(w.last_contact_at, w.since) < ? AND o.status = 'ACTIVE'`;

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

  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
    private readonly regions: RegionService,
    /** D of 同步建立 (COVERAGE_SYNC_DAYS). */
    private readonly syncDays: number,
    /** The days an instructor may go without recorded contact (INSTRUCTOR_CONTACT_DAYS). */
    private readonly instructorContactDays: number,
  ) {
    this.figure = new LiveFigure({
      pubSub,
      redis,
      versionKey: `${namespace}:organization:coverage-stats:version`,
      topic: 'COVERAGE_STATS_CHANGED',
      // the many walls and analysts reading one figure cost one computation per change, not one per read
      cacheSeconds: 3600,
      computeMany: (scopes, version) => this.compute(scopes, version),
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
    return this.figure.snapshotMany(this.regions.children(scope).map((child) => child.code));
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
   * Called after a change touching several regions committed: the kept cells move, and the live figure
   * starts a new version (so a read right after a write is fresh) and publishes the new figures.
   */
  async changedAll(regionCodes: Iterable<string>): Promise<void> {
    const codes = [...regionCodes];
    try {
      await this.refreshCells(codes);
    } catch (error) {
      // the write committed: make the next read recompute every cell rather than serve a stale one
      await this.dataSource.query('UPDATE coverage_cell SET computed_on = ?', ['1970-01-01']).catch(() => {});
      await this.figure.newVersion().catch(() => {});
      throw error;
    }
    for (const regionCode of codes) await this.figure.changed(regionCode);
  }

  /**
   * Starts a new version when a server starts: figures cached by earlier processes may predate changes
   * made while no server ran (a seed), and must not be served.
   */
  async startVersion(): Promise<void> {
    await this.rebuildCells();
    await this.figure.newVersion();
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
    const [counts] = await this.countsMany([scope], day);
    return counts!;
  }

  /**
   * The counts of several scopes, in the order given, in one read: the cells in scope grouped by each
   * scope's code prefix (one group per prefix length), so a list by region costs one query, not one per
   * region.
   */
  async countsMany(scopes: Array<string | null>, day = today()): Promise<CoverageCounts[]> {
    return (await this.readCells(scopes, day)).map(toCounts);
  }

  /**
   * What the coverage alerts count from the cells of a scope, in the read the statistics make: the
   * statistics' counts (whose differences are alert counts) and the instructors without contact.
   */
  async alertCells(
    scope: string | null,
    day = today(),
  ): Promise<{ counts: CoverageCounts; instructorsNoContact: number }> {
    const [cell] = await this.readCells([scope], day);
    return { counts: toCounts(cell!), instructorsNoContact: cell!('instructorsNoContact') };
  }

  /** The summed cells of each scope, as a reader of a summed column by its camel-case name. */
  private async readCells(
    scopes: Array<string | null>,
    day: string,
  ): Promise<Array<(column: string) => number>> {
    await this.ensureCellsFor(day);
    const rows = (await this.dataSource.query(
      prefixGroups(
        scopes,
        `COALESCE(SUM(organizations), 0) AS organizations, COALESCE(SUM(party_covered), 0) AS partyCovered,
         COALESCE(SUM(standalone), 0) AS standalone, COALESCE(SUM(eligible), 0) AS eligible,
         COALESCE(SUM(eligible_standalone), 0) AS eligibleStandalone,
         COALESCE(SUM(work_covered), 0) AS workCovered, COALESCE(SUM(charter_included), 0) AS charterIncluded,
         COALESCE(SUM(cross_appointed), 0) AS crossAppointed,
         COALESCE(SUM(registered_in_period), 0) AS registeredInPeriod, COALESCE(SUM(in_step), 0) AS inStep,
         COALESCE(SUM(party_organizations), 0) AS partyOrganizations,
         COALESCE(SUM(instructors_no_contact), 0) AS instructorsNoContact`,
        'coverage_cell',
      ),
      prefixGroupValues(scopes),
    )) as Array<Record<string, string | number | null>>;
    const byPrefix = new Map(rows.map((row) => [String(row.prefix), row]));
    return scopes.map((scope) => {
      const row = byPrefix.get(scopePrefix(scope));
      return (column: string) => Number(row?.[column] ?? 0);
    });
  }

  /** The values of `instructorNoContact` on `day`. */
  instructorNoContactValues(day: string): string[] {
    return [day, day, addDays(day, -this.instructorContactDays)];
  }

  /**
   * Registrations and first coverage (Party or work) of the active organizations in scope, per month of
   * the trend, oldest first; a sum over the month cells in scope.
   */
  async byMonth(scope: string | null, day = today()): Promise<CoverageMonth[]> {
    const [months] = await this.byMonthMany([scope], day);
    return months!;
  }

  /** The trend of several scopes, in the order given, in one read grouped by each scope's prefix. */
  private async byMonthMany(scopes: Array<string | null>, day = today()): Promise<CoverageMonth[][]> {
    await this.ensureCellsFor(day);
    const months = monthsEnding(day);
    const rows = (await this.dataSource.query(
      prefixGroups(
        scopes,
        'month, SUM(registered) AS registered, SUM(newly_covered) AS newlyCovered',
        'coverage_month',
        'month BETWEEN ? AND ?',
        'month',
      ),
      prefixGroupValues(scopes, [months[0], months.at(-1)]),
    )) as Array<{
      prefix: string;
      month: string;
      registered: string | number;
      newlyCovered: string | number;
    }>;
    const byKey = new Map(rows.map((row) => [`${row.prefix}:${row.month}`, row]));
    return scopes.map((scope) =>
      months.map((month) => {
        const row = byKey.get(`${scopePrefix(scope)}:${month}`);
        return Object.assign(new CoverageMonth(), {
          month,
          registered: Number(row?.registered ?? 0),
          newlyCovered: Number(row?.newlyCovered ?? 0),
        });
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
                  registered_in_period = 0, in_step = 0, party_organizations = 0, instructors_no_contact = 0
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
    // a measure keeps its organization's region, so the measure's region is the organization's cell
    await manager.query(
      `INSERT INTO coverage_cell (region_code, computed_on, instructors_no_contact)
       SELECT w.region_code, ?, COUNT(*)
         FROM work_coverage w JOIN social_organization o ON o.id = w.social_organization_id
        WHERE ${instructorNoContact} ${scope ? 'AND w.region_code LIKE ?' : ''}
        GROUP BY w.region_code
       ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), instructors_no_contact = VALUES(instructors_no_contact)`,
      [day, ...this.instructorNoContactValues(day), ...scopeValues],
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

  private async compute(scopes: Array<string | null>, version: string): Promise<CoverageStats[]> {
    const day = today();
    const counts = await this.countsMany(scopes, day);
    const byMonth = await this.byMonthMany(scopes, day);
    const period = inStepPeriod(this.syncDays, day);
    const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
    return scopes.map((scope, index) => {
      const c = counts[index]!;
      return Object.assign(new CoverageStats(), {
        regionCode: scope,
        version,
        updatedAt: new Date().toISOString(),
        ...c,
        blankSpots: c.organizations - c.workCovered,
        organizationCoverageRate: rate(c.partyCovered, c.organizations),
        standaloneRate: rate(c.standalone, c.organizations),
        eligibleCoverageRate: rate(c.eligibleStandalone, c.eligible),
        workCoverageRate: rate(c.workCovered, c.organizations),
        charterRate: rate(c.charterIncluded, c.organizations),
        crossAppointmentRate: rate(c.crossAppointed, c.standalone),
        inStepDays: this.syncDays,
        inStepPeriodFrom: period.from,
        inStepPeriodTo: period.to,
        inStepRate: rate(c.inStep, c.registeredInPeriod),
        byMonth: byMonth[index],
      });
    });
  }
}

/** Every count of a scope, each summed from the cell column of its name. */
const COUNTS: ReadonlyArray<keyof CoverageCounts> = [
  'organizations',
  'partyCovered',
  'standalone',
  'eligible',
  'eligibleStandalone',
  'workCovered',
  'charterIncluded',
  'crossAppointed',
  'registeredInPeriod',
  'inStep',
  'partyOrganizations',
];

function toCounts(n: (column: keyof CoverageCounts) => number): CoverageCounts {
  return Object.fromEntries(COUNTS.map((count) => [count, n(count)])) as unknown as CoverageCounts;
}

/** The code prefix a scope's cells share ('' for the nation). */
const scopePrefix = (scope: string | null) => (scope === null ? '' : regionPrefix(scope));

/**
 * One SELECT per prefix length among `scopes`, UNION ALL: `columns` summed over the rows of `table`
 * grouped by that prefix of `region_code` (and `groupBy`), only the rows of the scopes asked for; a
 * prefix range of the table's key per scope.
 */
function prefixGroups(
  scopes: Array<string | null>,
  columns: string,
  table: string,
  where = '',
  groupBy = '',
): string {
  return prefixLengths(scopes)
    .map(
      ([length, prefixes]) =>
        `SELECT LEFT(region_code, ${length}) AS prefix, ${columns} FROM ${table}
          WHERE ${
            [where, length === 0 ? '' : `(${prefixes.map(() => 'region_code LIKE ?').join(' OR ')})`]
              .filter(Boolean)
              .join(' AND ') || 'TRUE'
          }
          GROUP BY prefix${groupBy ? `, ${groupBy}` : ''}`,
    )
    .join(' UNION ALL ');
}

/** The values of `prefixGroups`, `where`'s before each length's prefixes. */
function prefixGroupValues(scopes: Array<string | null>, whereValues: unknown[] = []): unknown[] {
  return prefixLengths(scopes).flatMap(([length, prefixes]) => [
    ...whereValues,
    ...(length === 0 ? [] : prefixes.map((prefix) => `${prefix}%`)),
  ]);
}

function prefixLengths(scopes: Array<string | null>): Array<[number, string[]]> {
  const byLength = new Map<number, Set<string>>();
  for (const prefix of scopes.map(scopePrefix)) {
    byLength.set(prefix.length, (byLength.get(prefix.length) ?? new Set()).add(prefix));
  }
  return [...byLength].map(([length, prefixes]) => [length, [...prefixes]]);
}
