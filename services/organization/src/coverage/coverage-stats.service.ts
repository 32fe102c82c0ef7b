import { LiveFigure } from '@pb/platform/live-figure';
import type { PubSub } from '@pb/platform/pubsub';
import { inTransaction } from '@pb/platform/transaction';
import type { Viewer } from '@pb/platform/viewer';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { CoverageSettings } from '../config.js';
import { today } from '../dates.js';
import type { RegionService } from '../region/region.service.js';
import { inStepPeriod, monthsEnding } from './coverage.rules.js';
import { cellsComputedFor, rebuildCoverageCells, refreshCoverageCells } from './coverage-cells.js';
import { type CoverageCounts, readCells, readMonths, toCounts } from './coverage-cells.read.js';
import { type CoverageMonth, CoverageStats } from './coverage-stats.type.js';

// tests across the subgraphs (tests/truth.test.ts) read the trend's months from here

/**
 * Coverage statistics of a region and everything below it, read as a snapshot or watched live. Kept per
 * region cell (`coverage_cell`, see coverage-cells.ts), each recomputed from its organizations in one
 * covering range scan of `idx_social_organization_stats` after a change there commits; a figure is a sum
 * over the cells in scope.
 */
export class CoverageStatsService {
  private readonly figure: LiveFigure<CoverageStats>;

  constructor(
    private readonly dataSource: DataSource,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
    private readonly regions: RegionService,
    /** D of 同步建立 (COVERAGE_SYNC_DAYS) and the days an instructor may go without contact. */
    readonly settings: CoverageSettings,
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
    // one order for every writer of the cells, so two refreshes cannot deadlock
    const cells = [...new Set(codes)].sort();
    try {
      if (cells.length > 0)
        await inTransaction(this.dataSource, (manager) =>
          refreshCoverageCells(manager, cells, this.settings, today()),
        );
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
    await this.rebuildCells(today());
    await this.newVersion();
  }

  /** No figure cached before is served again (after the kept statistics were rebuilt: a resync). */
  newVersion(): Promise<void> {
    return this.figure.newVersion();
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

  /** The counts of several scopes, in the order given, in one read. */
  async countsMany(scopes: Array<string | null>, day = today()): Promise<CoverageCounts[]> {
    await this.ensureCellsFor(day);
    return (await readCells(this.dataSource, scopes)).map(toCounts);
  }

  /**
   * What the coverage alerts count from the cells of a scope, in the read the statistics make: the
   * statistics' counts (whose differences are alert counts) and the instructors without contact.
   */
  async alertCells(
    scope: string | null,
    day = today(),
  ): Promise<{ counts: CoverageCounts; instructorsNoContact: number }> {
    await this.ensureCellsFor(day);
    const [cell] = await readCells(this.dataSource, [scope]);
    return { counts: toCounts(cell!), instructorsNoContact: cell!('instructorsNoContact') };
  }

  /**
   * Registrations and first coverage (Party or work) of the active organizations in scope, per month of
   * the trend, oldest first; a sum over the month cells in scope.
   */
  async byMonth(scope: string | null, day = today()): Promise<CoverageMonth[]> {
    const [months] = await this.byMonthMany([scope], day);
    return months!;
  }

  private async byMonthMany(scopes: Array<string | null>, day = today()): Promise<CoverageMonth[][]> {
    await this.ensureCellsFor(day);
    return readMonths(this.dataSource, scopes, monthsEnding(day));
  }

  /** Recomputes every cell when they were computed for an earlier day, or emptied. */
  private async ensureCellsFor(day: string): Promise<void> {
    if (!(await cellsComputedFor(this.dataSource, day))) await this.rebuildCells(day);
  }

  private rebuildCells(day: string): Promise<void> {
    return inTransaction(this.dataSource, (manager) => rebuildCoverageCells(manager, this.settings, day));
  }

  private async compute(scopes: Array<string | null>, version: string): Promise<CoverageStats[]> {
    const day = today();
    const counts = await this.countsMany(scopes, day);
    const byMonth = await this.byMonthMany(scopes, day);
    const { syncDays } = this.settings;
    const period = inStepPeriod(syncDays, day);
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
        secretaryInManagementRate: rate(c.secretaryCrossAppointed, c.standalone),
        inStepDays: syncDays,
        inStepPeriodFrom: period.from,
        inStepPeriodTo: period.to,
        inStepRate: rate(c.inStep, c.registeredInPeriod),
        byMonth: byMonth[index],
      });
    });
  }
}
