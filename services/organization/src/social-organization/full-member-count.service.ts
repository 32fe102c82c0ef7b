import type { ChangeCounter } from '@pb/platform/change-counter';
import type { Logger } from '@pb/platform/logger';
import { inTransaction } from '@pb/platform/transaction';
import type { DataSource } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';
import { refreshPartySize } from '../coverage/party-size.js';
import { ELIGIBILITY_THRESHOLD } from './social-organization.rules.js';

/**
 * This subgraph's copy of party-work's full-member counts (正式党员), which decide eligibility (≥ 3): each
 * count applied as party-work reports it (an event), idempotently and in order per organization. The
 * copy is rebuilt from party-work's state by `FullMemberCountResync` when events were lost.
 */
export class FullMemberCountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverageStats: CoverageStatsService,
    private readonly changeCounter: ChangeCounter,
    private readonly logger: Logger,
  ) {}

  /**
   * Applies a full-member count party-work reported (never reachable from the public API). Idempotent and
   * ordered per organization: a version not newer than the one kept changes nothing. Returns whether it
   * applied.
   */
  async reportFullMemberCount(
    socialOrganizationId: string,
    fullMemberCount: number,
    version: number,
    reportedAt: string,
  ): Promise<boolean> {
    if (!Number.isInteger(fullMemberCount) || fullMemberCount < 0 || !Number.isInteger(version)) {
      this.logger.warn(
        { socialOrganizationId, fullMemberCount, version },
        'ignored a malformed member count',
      );
      return false;
    }
    const reported = new Date(reportedAt);
    // the organization's row, then its Party organization's: a cover takes them the other way round, so
    // a deadlock is possible, and retried
    const applied = await inTransaction(this.dataSource, async (manager) => {
      const [before] = (await manager.query(
        `SELECT region_code, party_organization_id, full_member_count, full_member_count_version
           FROM social_organization WHERE id = ? FOR UPDATE`,
        [socialOrganizationId],
      )) as Array<{
        region_code: string;
        party_organization_id: string | null;
        full_member_count: number;
        full_member_count_version: number;
      }>;
      // a duplicate, a replay or an older version changes nothing
      if (!before || Number(before.full_member_count_version) >= version) return undefined;
      await manager.query(
        `UPDATE social_organization
            SET full_member_count = ?, full_member_count_version = ?, full_member_count_reported_at = ?
          WHERE id = ?`,
        [
          fullMemberCount,
          version,
          Number.isNaN(reported.getTime()) ? new Date() : reported,
          socialOrganizationId,
        ],
      );
      await refreshPartySize(manager, before.party_organization_id);
      return {
        regionCode: before.region_code,
        eligibilityChanged:
          Number(before.full_member_count) >= ELIGIBILITY_THRESHOLD !==
          fullMemberCount >= ELIGIBILITY_THRESHOLD,
      };
    });
    if (!applied) return false;
    // a write outside the Announcer (nothing of it is an event of this subgraph) moves the counter too
    await this.changeCounter.bump();
    // the coverage figures count organizations by eligibility, not by members: most counts leave them be
    if (applied.eligibilityChanged) await this.coverageStats.changed(applied.regionCode);
    return true;
  }
}
