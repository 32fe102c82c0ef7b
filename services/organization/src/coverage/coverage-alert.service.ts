import { type Connection, type Page, regionLikePattern, toConnection, type Viewer } from '@pb/platform';
import type { DataSource } from 'typeorm';
import { addDays, today } from '../dates.js';
import { STANDALONE_NEEDS_THREE_FULL_MEMBERS } from '../party-organization/party-organization.type.js';
import {
  AlertSeverity,
  CoverageAlert,
  CoverageAlertCount,
  CoverageAlertKind,
} from './coverage-alert.type.js';
import { charterIncluded, inStepPeriod, isEligible, isStandalone } from './coverage-stats.service.js';

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

/**
 * Coverage alerts, computed from the rows at read time, each naming its organization (or Party
 * organization) and its rule; region-scoped and paginated in a stable order.
 */
/** One kind of alert as SQL: its rows are `SELECT columns FROM from WHERE where`, in `seq` order. */
interface AlertPart {
  kind: CoverageAlertKind;
  /** The select list; its first `?` is the kind's offset in the cursor order. */
  columns: string;
  columnValues: unknown[];
  from: string;
  fromValues: unknown[];
  where: string;
  whereValues: unknown[];
  /** The column the region scope applies to ('' when `from` applies it itself). */
  region: string;
  /** The subject's insertion order, the cursor within the kind. */
  seq: string;
  /** The order of the rows within the kind, as a plain column list an index can serve (default `seq`). */
  order?: string;
}

/**
 * Coverage alerts, computed from the rows at read time, each naming its organization (or Party
 * organization) and its rule; region-scoped and paginated in a stable order (kind, then the subject's
 * insertion order, then the rule). A page reads at most `first + 1` rows of each kind from the index
 * order, past the cursor; the total is one count per kind.
 */
export class CoverageAlertService {
  constructor(
    private readonly dataSource: DataSource,
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
    const like = scope ? regionLikePattern(scope) : null;
    const parts = this.parts().filter((part) => wanted.has(part.kind));
    if (parts.length === 0) return toConnection([], page, 0, (row: CoverageAlert) => row);

    const scoped = (part: AlertPart) => (like && part.region ? ` AND ${part.region} LIKE ?` : '');
    const scopeValues = (part: AlertPart) => (like && part.region ? [like] : []);
    const n = (await this.countParts(parts, like)).reduce((sum, { count }) => sum + count, 0);

    const pages: string[] = [];
    const values: unknown[] = [];
    for (const part of parts) {
      const offset = KIND_ORDER.indexOf(part.kind) * KIND_STRIDE;
      if (page.afterSeq >= offset + KIND_STRIDE) continue;
      // past the cursor: seq * 10 + rule > after, so seq ≥ the cursor's seq (its rule decides ties)
      const fromSeq = page.afterSeq >= offset ? Math.floor((page.afterSeq - offset) / 10) : 0;
      pages.push(
        `(SELECT ${part.columns} FROM ${part.from} WHERE ${part.where}${scoped(part)} AND ${part.seq} >= ?
           HAVING sort_key > ? ORDER BY ${part.order ?? part.seq} LIMIT ?)`,
      );
      values.push(
        offset,
        ...part.columnValues,
        ...part.fromValues,
        ...part.whereValues,
        ...scopeValues(part),
        fromSeq,
        page.afterSeq,
        page.limit + 1,
      );
    }
    const rows =
      pages.length === 0
        ? []
        : ((await this.dataSource.query(
            `SELECT * FROM (${pages.join(' UNION ALL ')}) a ORDER BY sort_key LIMIT ?`,
            [...values, page.limit + 1],
          )) as AlertRow[]);
    return toConnection(
      rows.map((row) => toAlert(row, this.settings)),
      page,
      n,
      (alert) => alert,
    );
  }

  /**
   * How many alerts of each kind (every kind, zeros included) a region and all below it have: the same
   * definitions as the list, counted, so a count always equals its list's length.
   */
  async counts(regionCode: string | null | undefined, viewer: Viewer): Promise<CoverageAlertCount[]> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    return this.countParts(this.parts(), scope ? regionLikePattern(scope) : null);
  }

  /** One COUNT(*) per kind, in one round trip. */
  private async countParts(parts: AlertPart[], like: string | null): Promise<CoverageAlertCount[]> {
    if (parts.length === 0) return [];
    const scoped = (part: AlertPart) => (like && part.region ? ` AND ${part.region} LIKE ?` : '');
    const [row] = (await this.dataSource.query(
      `SELECT ${parts
        .map(
          (part, index) =>
            `(SELECT COUNT(*) FROM ${part.from} WHERE ${part.where}${scoped(part)}) AS n${index}`,
        )
        .join(', ')}`,
      parts.flatMap((part) => [
        ...part.fromValues,
        ...part.whereValues,
        ...(like && part.region ? [like] : []),
      ]),
    )) as Array<Record<string, string | number>>;
    return parts.map((part, index) =>
      Object.assign(new CoverageAlertCount(), { kind: part.kind, count: Number(row![`n${index}`]) }),
    );
  }

  private parts(): AlertPart[] {
    const day = today();
    const period = inStepPeriod(this.settings.syncDays, day);
    const organization = `o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject`;
    // a measure is active today when the organization's last active day is today or later
    const noWork = '(o.work_covered_until IS NULL OR o.work_covered_until < ?)';
    const limits = STRUCTURE_LIMITS;
    const structureRules: Array<[string, string]> = [
      ['JOINT_BRANCH_OVER_5_UNITS', "q.formation_mode = 'JOINT' AND q.covered_units > ?"],
      ['COMMITTEE_MISSING', 'q.covered_full_members >= ? AND q.has_committee = 0'],
      ['PARTY_COMMITTEE_NEEDED', "q.type <> 'COMMITTEE' AND q.covered_full_members >= ?"],
    ];
    const organizationPart = (
      kind: CoverageAlertKind,
      columns: string,
      where: string,
      whereValues: unknown[],
    ): AlertPart => ({
      kind,
      columns,
      columnValues: [],
      from: 'social_organization o',
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
        `o.coverage_mode IS NULL AND ${noWork}`,
        [day],
      ),
      {
        ...organizationPart(
          CoverageAlertKind.REGISTERED_NOT_IN_STEP,
          `? + o.seq * 10 AS sort_key, 'REGISTERED_NOT_IN_STEP' AS kind, 'NOT_IN_STEP' AS rule,
           'AMBER' AS severity, ${organization}, DATEDIFF(?, o.registered_at) AS figure,
           o.registered_at AS detail`,
          `o.coverage_mode IS NULL AND o.registered_at BETWEEN ? AND ? AND ${noWork}`,
          [period.from, period.to, day],
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
        // every active Party organization sized once, then one row per rule it breaks
        kind: CoverageAlertKind.STRUCTURE,
        columns: `? + q.seq * 10 + r.n AS sort_key, 'STRUCTURE' AS kind,
                  ELT(r.n + 1, ${structureRules.map(([rule]) => `'${rule}'`).join(', ')}) AS rule,
                  'AMBER' AS severity, NULL AS so_id, q.id AS po_id, q.region_code, q.name AS subject,
                  IF(r.n = 0, q.covered_units, q.covered_full_members) AS figure, q.type AS detail`,
        columnValues: [],
        // each Party organization keeps its size (covered units, their full members): no grouping here
        from: `party_organization q
               JOIN (${structureRules.map((_, index) => `SELECT ${index} AS n`).join(' UNION ALL ')}) r
                 ON ${structureRules.map(([, condition], index) => `(r.n = ${index} AND ${condition})`).join(' OR ')}`,
        fromValues: [limits.jointBranchUnits, limits.committeeMembers, limits.partyCommitteeMembers],
        where: 'q.dissolved_at IS NULL',
        whereValues: [],
        region: 'q.region_code',
        seq: 'q.seq',
        order: 'q.seq, r.n',
      },
      {
        kind: CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
        columns: `? + w.seq * 10 AS sort_key, 'INSTRUCTOR_NO_CONTACT' AS kind, 'INSTRUCTOR_NO_CONTACT' AS rule,
                  'AMBER' AS severity, o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject,
                  DATEDIFF(?, COALESCE(w.last_contact_at, w.since)) AS figure, w.last_contact_at AS detail`,
        columnValues: [day],
        from: 'work_coverage w JOIN social_organization o ON o.id = w.social_organization_id',
        fromValues: [],
        where: `w.kind = 'INSTRUCTOR' AND w.since <= ? AND (w.until IS NULL OR w.until >= ?)
                AND COALESCE(w.last_contact_at, w.since) < ? AND o.status = 'ACTIVE'`,
        whereValues: [day, day, addDays(day, -this.settings.instructorContactDays)],
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
