import { enclosingScopes, LiveFigure, type PubSub, regionLikePattern, type Viewer } from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { addDays, today } from '../dates.js';
import type { RegionService } from '../region/region.service.js';
import { CoverageStats } from './coverage-stats.type.js';

/** The raw counts of one scope; the rates follow from them. */
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
}

/** The in-step period: registrations in the 365 days that ended `days` days ago, so each had its D days. */
export function inStepPeriod(days: number, day = today()): { from: string; to: string } {
  const to = addDays(day, -days);
  return { from: addDays(to, -364), to };
}

/**
 * Coverage statistics of a region and everything below it, read as a snapshot or watched live. Computed
 * from the rows at read time, in one covering range scan of `idx_social_organization_stats` over the
 * columns each organization keeps of its cover and of its measures' and appointments' last active day.
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
    const scopes = new Set<string | null>();
    for (const regionCode of regionCodes) {
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

  /** The counts of one scope (null: national), as the service computes them. */
  async counts(scope: string | null, day = today()): Promise<CoverageCounts> {
    const period = inStepPeriod(this.syncDays, day);
    const [row] = (await this.dataSource.query(
      `SELECT COUNT(*) AS organizations,
              SUM(coverage_mode IS NOT NULL) AS partyCovered,
              SUM(coverage_mode = 'STANDALONE') AS standalone,
              SUM(eligible) AS eligible,
              SUM(eligible = 1 AND coverage_mode = 'STANDALONE') AS eligibleStandalone,
              SUM(coverage_mode IS NOT NULL OR work_covered_until >= ?) AS workCovered,
              SUM(charter_clause IN ('FULL_LEADERSHIP', 'BASIC')) AS charterIncluded,
              SUM(coverage_mode = 'STANDALONE' AND cross_appointed_until >= ?) AS crossAppointed,
              SUM(registered_at BETWEEN ? AND ?) AS registeredInPeriod,
              SUM(registered_at BETWEEN ? AND ? AND first_covered_at <= registered_at + INTERVAL ? DAY) AS inStep
         FROM social_organization FORCE INDEX (idx_social_organization_stats)
        WHERE status = 'ACTIVE' ${scope ? 'AND region_code LIKE ?' : ''}`,
      [
        day,
        day,
        period.from,
        period.to,
        period.from,
        period.to,
        this.syncDays,
        ...(scope ? [regionLikePattern(scope)] : []),
      ],
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
    };
  }

  private async compute(scope: string | null, version: string): Promise<CoverageStats> {
    const day = today();
    const counts = await this.counts(scope, day);
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
    });
  }
}
