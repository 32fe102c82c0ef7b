import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { CoverageSettings } from '../config.js';
import { today } from '../dates.js';
import { inStepPeriod, registeredNotInStep, STRUCTURE_RULES } from './coverage.rules.js';
import { toAlert } from './coverage-alert.message.js';
import { type AlertRow, alertParts, KIND_ORDER, KIND_STRIDE } from './coverage-alert.parts.js';
import { type CoverageAlert, CoverageAlertCount, CoverageAlertKind } from './coverage-alert.type.js';
import type { CoverageStatsService } from './coverage-stats.service.js';

/**
 * Coverage alerts, each naming its organization (or Party organization) and its rule; region-scoped and
 * paginated in a stable order (kind, then the subject's insertion order, then the rule).
 *
 * Counts cost O(regions): the kinds that are an organization's coverage state are differences of the
 * coverage cells, with the statistics' own definitions (应建未建 = eligible − eligibleStandalone, 空白点 =
 * N − workCovered, charter = N − charterIncluded, below threshold = standalone − eligibleStandalone), and
 * instructors without contact have a cell of their own (most instructors of a large region are overdue,
 * so no index range would be narrow). 新登记未同步 (a year of uncovered registrations) and STRUCTURE (a
 * rule's breaches among Party organizations, whose sizes change with another region's members) are
 * counted by a narrow range read of an index holding every column their rule tests.
 * A page reads the kinds one after another, from the cursor's kind on, each from its index in order and
 * only as many rows as the page still needs, skipping kinds that count none: about `first + 1` rows.
 */
export class CoverageAlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverageStats: CoverageStatsService,
    private readonly settings: CoverageSettings,
  ) {}

  async list(
    regionCode: string | null | undefined,
    kinds: CoverageAlertKind[] | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<CoverageAlert>> {
    // a wall shows alerts (organizations are public registrations); their records need read:records
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    const wanted = new Set(kinds && kinds.length > 0 ? kinds : KIND_ORDER);
    const counts = (await this.countKinds(scope)).filter(({ kind }) => wanted.has(kind));
    const countOf = new Map(counts.map(({ kind, count }) => [kind, count]));
    const like = scope ? regionLikePattern(scope) : null;

    const rows: AlertRow[] = [];
    for (const part of alertParts(today(), this.settings)) {
      const need = page.limit + 1 - rows.length;
      if (need <= 0) break;
      const offset = KIND_ORDER.indexOf(part.kind) * KIND_STRIDE;
      if (!countOf.get(part.kind) || page.afterSeq >= offset + KIND_STRIDE) continue;
      // past the cursor: seq * 10 + rule > after, so seq ≥ the cursor's seq (its rule decides ties)
      const fromSeq = page.afterSeq >= offset ? Math.floor((page.afterSeq - offset) / 10) : 0;
      // a subject with several rules is one entry: it may still have rules past the cursor, and the
      // entry at the cursor may have none left, so one more is read
      const rules = part.rules ?? 1;
      const found = (await this.dataSource.query(
        `SELECT ${part.columns} FROM ${part.from} WHERE ${part.where}${like ? ` AND ${part.region} LIKE ?` : ''}
            AND ${part.seq} >= ? HAVING sort_key + ${rules - 1} > ? ORDER BY ${part.seq} LIMIT ?`,
        [
          offset,
          ...part.columnValues,
          ...part.fromValues,
          ...part.whereValues,
          ...(like ? [like] : []),
          fromSeq,
          page.afterSeq,
          rules === 1 ? need : need + 1,
        ],
      )) as AlertRow[];
      const expanded = part.expand
        ? found.flatMap(part.expand).filter((row) => Number(row.sort_key) > page.afterSeq)
        : found;
      rows.push(...expanded.slice(0, need));
    }
    return toConnection(
      rows.map((row) => toAlert(row, this.settings)),
      page,
      counts.reduce((sum, { count }) => sum + count, 0),
      (alert) => alert,
    );
  }

  /**
   * How many alerts of each kind (every kind, zeros included) a region and all below it have: the same
   * definitions as the list, counted, so a count always equals its list's length.
   */
  async counts(regionCode: string | null | undefined, viewer: Viewer): Promise<CoverageAlertCount[]> {
    viewer.require('read:aggregates');
    return this.countKinds(viewer.scope(regionCode));
  }

  /** Every kind's count in a scope, in the kinds' order: one read of the cells, one of the indexes. */
  private async countKinds(scope: string | null): Promise<CoverageAlertCount[]> {
    const day = today();
    const { counts: cells, instructorsNoContact } = await this.coverageStats.alertCells(scope, day);
    const like = scope ? regionLikePattern(scope) : null;
    const scoped = (column: string) => (like ? ` AND ${column} LIKE ?` : '');
    const scopeValues = like ? [like] : [];
    const period = inStepPeriod(this.settings.syncDays, day);
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM social_organization o FORCE INDEX (idx_social_organization_not_in_step)
                WHERE o.status = 'ACTIVE' AND ${registeredNotInStep}${scoped('o.region_code')}) AS notInStep,
              ${STRUCTURE_RULES.map(
                ([, condition], index) =>
                  `(SELECT COUNT(*) FROM party_organization q
                     WHERE q.dissolved_at IS NULL AND ${condition}${scoped('q.region_code')}) AS structure${index}`,
              ).join(', ')}`,
      [
        period.from,
        period.to,
        day,
        ...scopeValues,
        ...STRUCTURE_RULES.flatMap(([, , limit]) => [limit, ...scopeValues]),
      ],
    )) as Array<Record<string, string | number>>;
    const n = (key: string) => Number(row?.[key] ?? 0);
    const count: Record<CoverageAlertKind, number> = {
      [CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED]: cells.eligible - cells.eligibleStandalone,
      [CoverageAlertKind.BLANK_SPOT]: cells.organizations - cells.workCovered,
      [CoverageAlertKind.REGISTERED_NOT_IN_STEP]: n('notInStep'),
      [CoverageAlertKind.CHARTER_CLAUSE_MISSING]: cells.organizations - cells.charterIncluded,
      [CoverageAlertKind.STRUCTURE]: STRUCTURE_RULES.reduce(
        (sum, _, index) => sum + n(`structure${index}`),
        0,
      ),
      [CoverageAlertKind.INSTRUCTOR_NO_CONTACT]: instructorsNoContact,
      [CoverageAlertKind.STANDALONE_BELOW_THRESHOLD]: cells.standalone - cells.eligibleStandalone,
    };
    return KIND_ORDER.map((kind) => Object.assign(new CoverageAlertCount(), { kind, count: count[kind] }));
  }
}
