import { type Connection, type Page, regionLikePattern, toConnection, type Viewer } from '@pb/platform';
import type { DataSource } from 'typeorm';
import { today } from '../dates.js';
import { STANDALONE_NEEDS_THREE_FULL_MEMBERS } from '../party-organization/party-organization.type.js';
import {
  AlertSeverity,
  CoverageAlert,
  CoverageAlertCount,
  CoverageAlertKind,
} from './coverage-alert.type.js';
import {
  type CoverageStatsService,
  charterIncluded,
  inStepPeriod,
  instructorNoContact,
  isEligible,
  isStandalone,
} from './coverage-stats.service.js';

/** Structure limits of domain.md, raised here as alerts; a new cover past the joint-branch limit is also refused. */
export const STRUCTURE_LIMITS = {
  jointBranchUnits: 5,
  committeeMembers: 7,
  partyCommitteeMembers: 100,
};

const KIND_ORDER: CoverageAlertKind[] = [
  CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
  CoverageAlertKind.BLANK_SPOT,
  CoverageAlertKind.REGISTERED_NOT_IN_STEP,
  CoverageAlertKind.CHARTER_CLAUSE_MISSING,
  CoverageAlertKind.STRUCTURE,
  CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
  CoverageAlertKind.STANDALONE_BELOW_THRESHOLD,
];

/** Cursor order: kind, then the subject's insertion order, then the rule (room for 10 per subject). */
const KIND_STRIDE = 10_000_000_000_000;

/**
 * 新登记未同步, the one definition (`o` an active organization): registered in the in-step period
 * (values: its from and to), no Party cover and no work-coverage measure active today (value: today).
 */
const registeredNotInStep = `o.coverage_mode IS NULL AND o.registered_at BETWEEN ? AND ?
  AND (o.work_covered_until IS NULL OR o.work_covered_until < ?)`;

/**
 * The STRUCTURE rules of an active Party organization `q`, in rule order: the rule, its condition and the
 * limit its `?` stands for. Each condition is a range of an index (see the alert-indexes migration).
 */
const STRUCTURE_RULES: Array<[rule: string, condition: string, limit: number]> = [
  [
    'JOINT_BRANCH_OVER_5_UNITS',
    "q.formation_mode = 'JOINT' AND q.covered_units > ?",
    STRUCTURE_LIMITS.jointBranchUnits,
  ],
  [
    'COMMITTEE_MISSING',
    'q.covered_full_members >= ? AND q.has_committee = 0',
    STRUCTURE_LIMITS.committeeMembers,
  ],
  [
    'PARTY_COMMITTEE_NEEDED',
    "q.type <> 'COMMITTEE' AND q.covered_full_members >= ?",
    STRUCTURE_LIMITS.partyCommitteeMembers,
  ],
];

interface AlertRow {
  sort_key: string | number;
  kind: CoverageAlertKind;
  rule: string;
  severity: AlertSeverity;
  so_id: string | null;
  po_id: string | null;
  region_code: string;
  subject: string;
  figure: number | null;
  detail: string | null;
}

/** One kind of alert as SQL: its rows are `SELECT columns FROM from WHERE where`, in `seq` order. */
interface AlertPart {
  kind: CoverageAlertKind;
  /** The select list; its first `?` is the kind's offset in the cursor order. */
  columns: string;
  columnValues: unknown[];
  /** The rows, with the index that reads them in `seq` order (a page reads about `first + 1` entries). */
  from: string;
  fromValues: unknown[];
  where: string;
  whereValues: unknown[];
  /** The column the region scope applies to. */
  region: string;
  /** The subject's insertion order, the cursor within the kind. */
  seq: string;
  /**
   * When a subject may break several rules: how many (its sort keys are `seq * 10 + rule`), and its one
   * row made into a row per rule it breaks.
   */
  rules?: number;
  expand?: (row: AlertRow) => AlertRow[];
}

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
    private readonly settings: { syncDays: number; instructorContactDays: number },
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
    for (const part of this.parts()) {
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

  private parts(): AlertPart[] {
    const day = today();
    const period = inStepPeriod(this.settings.syncDays, day);
    const organization = `o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject`;
    const organizationPart = (
      kind: CoverageAlertKind,
      columns: string,
      where: string,
      whereValues: unknown[],
      index = 'idx_social_organization_alerts',
    ): AlertPart => ({
      kind,
      columns,
      columnValues: [],
      from: `social_organization o FORCE INDEX (${index})`,
      fromValues: [],
      where: `o.status = 'ACTIVE' AND ${where}`,
      whereValues,
      region: 'o.region_code',
      seq: 'o.seq',
    });
    return [
      organizationPart(
        CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
        `? + o.seq * 10 AS sort_key, 'ELIGIBLE_NOT_ESTABLISHED' AS kind,
         IF(o.coverage_mode IS NULL, 'ELIGIBLE_NO_COVERAGE', 'ELIGIBLE_JOINT_ONLY') AS rule,
         IF(o.coverage_mode IS NULL, 'RED', 'AMBER') AS severity, ${organization},
         o.full_member_count AS figure, o.coverage_mode AS detail`,
        `${isEligible('o.')} AND NOT ${isStandalone('o.')}`,
        [],
      ),
      organizationPart(
        CoverageAlertKind.BLANK_SPOT,
        `? + o.seq * 10 AS sort_key, 'BLANK_SPOT' AS kind, 'NO_COVERAGE' AS rule, 'RED' AS severity,
         ${organization}, NULL AS figure, NULL AS detail`,
        // not work-covered (the statistic's workCovered): no Party cover, no measure active today
        'o.coverage_mode IS NULL AND (o.work_covered_until IS NULL OR o.work_covered_until < ?)',
        [day],
      ),
      {
        ...organizationPart(
          CoverageAlertKind.REGISTERED_NOT_IN_STEP,
          `? + o.seq * 10 AS sort_key, 'REGISTERED_NOT_IN_STEP' AS kind, 'NOT_IN_STEP' AS rule,
           'AMBER' AS severity, ${organization}, DATEDIFF(?, o.registered_at) AS figure,
           o.registered_at AS detail`,
          registeredNotInStep,
          [period.from, period.to, day],
          // the kind's few rows by the registration range, then sorted: fewer than a scan in seq order
          'idx_social_organization_not_in_step',
        ),
        columnValues: [day],
      },
      organizationPart(
        CoverageAlertKind.CHARTER_CLAUSE_MISSING,
        `? + o.seq * 10 AS sort_key, 'CHARTER_CLAUSE_MISSING' AS kind,
         IF(o.charter_clause = 'MISSING', 'CHARTER_CLAUSE_MISSING', 'CHARTER_CLAUSE_PENDING') AS rule,
         IF(o.charter_clause = 'MISSING', 'RED', 'AMBER') AS severity, ${organization}, NULL AS figure,
         NULL AS detail`,
        // every organization not counted by 入章率 (charterIncluded): MISSING, or PENDING an amendment
        `NOT ${charterIncluded('o.charter_clause')}`,
        [],
      ),
      {
        // each Party organization keeps its size (covered units, their full members): read in insertion
        // order those that break a rule, with which, then one row per rule it breaks
        kind: CoverageAlertKind.STRUCTURE,
        columns: `? + q.seq * 10 AS sort_key, 'STRUCTURE' AS kind, NULL AS rule, 'AMBER' AS severity,
                  NULL AS so_id, q.id AS po_id, q.region_code, q.name AS subject, NULL AS figure,
                  q.type AS detail, q.covered_units, q.covered_full_members,
                  ${STRUCTURE_RULES.map(([, condition], n) => `${condition} AS breaks${n}`).join(', ')}`,
        columnValues: STRUCTURE_RULES.map(([, , limit]) => limit),
        from: 'party_organization q FORCE INDEX (idx_party_organization_structure)',
        fromValues: [],
        where: `q.dissolved_at IS NULL AND (${STRUCTURE_RULES.map(([, condition]) => `(${condition})`).join(' OR ')})`,
        whereValues: STRUCTURE_RULES.map(([, , limit]) => limit),
        region: 'q.region_code',
        seq: 'q.seq',
        rules: STRUCTURE_RULES.length,
        expand: (row) =>
          STRUCTURE_RULES.flatMap(([rule], n) => {
            const size = row as AlertRow & Record<string, number | string>;
            if (!Number(size[`breaks${n}`])) return [];
            const figure = Number(n === 0 ? size.covered_units : size.covered_full_members);
            return [{ ...row, sort_key: Number(row.sort_key) + n, rule, figure }];
          }),
      },
      {
        kind: CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
        columns: `? + w.seq * 10 AS sort_key, 'INSTRUCTOR_NO_CONTACT' AS kind, 'INSTRUCTOR_NO_CONTACT' AS rule,
                  'AMBER' AS severity, o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject,
                  DATEDIFF(?, COALESCE(w.last_contact_at, w.since)) AS figure, w.last_contact_at AS detail`,
        columnValues: [day],
        from: `work_coverage w FORCE INDEX (idx_work_coverage_kind)
               STRAIGHT_JOIN social_organization o ON o.id = w.social_organization_id`,
        fromValues: [],
        where: instructorNoContact,
        whereValues: this.coverageStats.instructorNoContactValues(day),
        region: 'w.region_code',
        seq: 'w.seq',
      },
      organizationPart(
        CoverageAlertKind.STANDALONE_BELOW_THRESHOLD,
        `? + o.seq * 10 AS sort_key, 'STANDALONE_BELOW_THRESHOLD' AS kind,
         '${STANDALONE_NEEDS_THREE_FULL_MEMBERS}' AS rule, 'AMBER' AS severity, o.id AS so_id,
         o.party_organization_id AS po_id, o.region_code, o.name AS subject, o.full_member_count AS figure,
         NULL AS detail`,
        // its own branch, yet not eligible (the `eligible` of 应建尽建率): members left after it was set up,
        // since a standalone cover below the threshold is refused
        `${isStandalone('o.')} AND NOT ${isEligible('o.')}`,
        [],
      ),
    ];
  }
}

function toAlert(
  row: AlertRow,
  settings: { syncDays: number; instructorContactDays: number },
): CoverageAlert {
  const figure = row.figure === null ? null : Number(row.figure);
  const name = row.subject;
  const messages: Record<string, string> = {
    ELIGIBLE_NO_COVERAGE: `应建未建: "${name}" has ${figure} full members (≥ 3) and no Party organization at all; set up a branch.`,
    ELIGIBLE_JOINT_ONLY: `应建未建: "${name}" has ${figure} full members (≥ 3) but is only in a ${String(row.detail).toLowerCase()} Party organization; set up its own branch.`,
    NO_COVERAGE: `空白点: "${name}" has no Party organization and no active instructor, liaison, union or Youth League body.`,
    NOT_IN_STEP: `新登记未同步: "${name}" was registered on ${row.detail}, ${figure} days ago (more than ${settings.syncDays}), and has no coverage yet.`,
    CHARTER_CLAUSE_MISSING: `"${name}": the charter carries no Party-building clause; amend it to carry one.`,
    CHARTER_CLAUSE_PENDING: `"${name}": an amendment to carry the Party-building clause is under way; see it through.`,
    JOINT_BRANCH_OVER_5_UNITS: `"${name}" is a joint branch covering ${figure} units (advice: at most 5); consider splitting it.`,
    COMMITTEE_MISSING: `"${name}" has ${figure} full members (≥ 7) and no committee; elect a committee of 3 to 5.`,
    PARTY_COMMITTEE_NEEDED: `"${name}" has ${figure} full members (≥ 100) and is a ${String(row.detail).toLowerCase().replace('_', ' ')}; a Party committee is advised (with the higher organization's approval).`,
    [STANDALONE_NEEDS_THREE_FULL_MEMBERS]: `"${name}" has its own standalone branch but ${figure} full members now (fewer than 3); a unit with fewer than 3 joins a joint branch (联合党支部): move it into one, or develop members.`,
    INSTRUCTOR_NO_CONTACT: `The instructor of "${name}" has no recorded contact for ${figure} days (more than ${settings.instructorContactDays}).`,
  };
  return Object.assign(new CoverageAlert(), {
    id: `${row.kind}:${row.rule}:${row.so_id ?? row.po_id}${row.kind === 'INSTRUCTOR_NO_CONTACT' ? `:${row.sort_key}` : ''}`,
    kind: row.kind,
    severity: row.severity,
    rule: row.rule,
    message: messages[row.rule] ?? row.rule,
    regionCode: row.region_code,
    socialOrganizationId: row.so_id,
    partyOrganizationId: row.po_id,
    subjectName: name,
    figure,
    seq: String(row.sort_key),
  });
}
