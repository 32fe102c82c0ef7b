import { type ProducerClient, ResyncProgress, ResyncTally } from '@pb/platform/resync';
import { inTransaction } from '@pb/platform/transaction';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';
import { rebuildStatistics } from '../statistics.js';

/** Organizations per request to party-work (its limit) and per transaction here. */
const PAGE = 500;

/** The query resync sends party-work: `pnpm schema:check` validates it against party-work's schema. */
export const REPORTED_COUNTS_QUERY =
  'query ($ids: [ID!]!) { reportedFullMemberCounts(socialOrganizationIds: $ids) { socialOrganizationId fullMemberCount version } }';

interface ReportedCount {
  socialOrganizationId: string;
  fullMemberCount: number;
  version: number;
}

interface LocalCount {
  id: string;
  region_code: string;
  full_member_count: number;
  full_member_count_version: number;
}

export interface FullMemberCountResyncSummary {
  counts: ResyncTally;
  /** Regions whose organizations' counts moved. */
  regions: number;
}

/**
 * Rebuilds this subgraph's copy of party-work's full-member counts (which decide eligibility, ≥ 3) from
 * party-work's current state (see the platform's resync.ts for why through its GraphQL API). The
 * organizations are this subgraph's own, so it walks them in pages and asks party-work for each page's
 * counts; a page is applied in one transaction by the same version rule as a live event, except that an
 * equal version is taken too (party-work's value is the truth). Then what is built on the counts is
 * recomputed: every kept statistic (`STATISTICS`), and the figures are published.
 */
export class FullMemberCountResync {
  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: ProducerClient,
    private readonly coverageStats: CoverageStatsService,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async run(): Promise<FullMemberCountResyncSummary> {
    const tally = new ResyncTally();
    const regions = new Set<string>();
    const [row] = (await this.dataSource.query('SELECT COUNT(*) AS n FROM social_organization')) as Array<{
      n: string;
    }>;
    const progress = new ResyncProgress('organization resync: full-member counts', Number(row?.n), this.log);
    const ahead = new Map<string, number>();
    let afterSeq = '0';
    for (;;) {
      const page = (await this.dataSource.query(
        'SELECT seq, id FROM social_organization WHERE seq > ? ORDER BY seq LIMIT ?',
        [afterSeq, PAGE],
      )) as Array<{ seq: string; id: string }>;
      if (page.length === 0) break;
      afterSeq = String(page.at(-1)!.seq);
      const reported = await this.reported(page.map((r) => r.id));
      for (const [id, version] of await this.apply(reported, tally, regions)) ahead.set(id, version);
      progress.advance(page.length);
    }
    // The copy held a newer version than party-work answered: a live event since, or a version party-work
    // never had. Its versions only grow, so if its count now is still older, the copy's is made up.
    const aheadIds = [...ahead.keys()];
    for (let i = 0; i < aheadIds.length; i += PAGE) {
      const reported = await this.reported(aheadIds.slice(i, i + PAGE));
      tally.newerKept -= reported.length;
      await this.apply(reported, tally, regions, ahead);
    }
    // Every kept statistic (the Party organizations' sizes and the coverage cells among them) is recomputed
    // from the rows, under a new figure version so that no figure cached before is served: a copy that went
    // wrong may have left cells wrong that no corrected row points to. The regions whose counts moved, and
    // every province, publish their new figures to the walls.
    await rebuildStatistics(this.dataSource, this.coverageStats.settings);
    await this.coverageStats.newVersion();
    const provinces = (await this.dataSource.query(
      "SELECT DISTINCT CONCAT(LEFT(region_code, 2), '0000') AS code FROM social_organization",
    )) as Array<{ code: string }>;
    await this.coverageStats.changedAll([...regions, ...provinces.map((p) => p.code)]);
    return { counts: tally, regions: regions.size };
  }

  private async reported(ids: string[]): Promise<ReportedCount[]> {
    const data = await this.producer.query<{ reportedFullMemberCounts: ReportedCount[] }>(
      REPORTED_COUNTS_QUERY,
      { ids },
    );
    return data.reportedFullMemberCounts;
  }

  /**
   * Applies one page in one transaction; the ids (and versions) whose copy was newer than party-work's
   * answer. `overrule`: versions the copy held before this answer was read; a copy still at that
   * version is false and is overwritten (one that moved on since took a live event, which stands).
   */
  private async apply(
    reported: ReportedCount[],
    tally: ResyncTally,
    regions: Set<string>,
    overrule?: Map<string, number>,
  ): Promise<Map<string, number>> {
    if (reported.length === 0) return new Map();
    const result = await inTransaction(this.dataSource, async (manager) => {
      const local = await this.lockLocal(
        manager,
        reported.map((r) => r.socialOrganizationId),
      );
      const counts = new ResyncTally();
      const touched = new Set<string>();
      const ahead = new Map<string, number>();
      for (const report of reported) {
        const mine = local.get(report.socialOrganizationId);
        if (!mine) continue; // gone since the page was read: nothing to hold a count for
        const version = Number(mine.full_member_count_version);
        if (version > report.version && overrule?.get(report.socialOrganizationId) !== version) {
          counts.newerKept++;
          if (!overrule) ahead.set(report.socialOrganizationId, version);
          continue;
        }
        if (version === report.version && Number(mine.full_member_count) === report.fullMemberCount) {
          counts.unchanged++;
          continue;
        }
        await manager.query(
          `UPDATE social_organization
              SET full_member_count = ?, full_member_count_version = ?, full_member_count_reported_at = CURRENT_TIMESTAMP(3)
            WHERE id = ?`,
          [report.fullMemberCount, report.version, report.socialOrganizationId],
        );
        counts.corrected++;
        touched.add(mine.region_code);
      }
      return { counts, touched, ahead };
    });
    // counted once the transaction is through (a deadlock victim runs its work again)
    tally.corrected += result.counts.corrected;
    tally.unchanged += result.counts.unchanged;
    tally.newerKept += result.counts.newerKept;
    for (const region of result.touched) regions.add(region);
    return result.ahead;
  }

  private async lockLocal(manager: EntityManager, ids: string[]): Promise<Map<string, LocalCount>> {
    const rows = (await manager.query(
      `SELECT id, region_code, full_member_count, full_member_count_version
         FROM social_organization WHERE id IN (?) ORDER BY id FOR UPDATE`,
      [ids],
    )) as LocalCount[];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
