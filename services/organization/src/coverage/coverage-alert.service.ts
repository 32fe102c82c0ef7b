import { type Connection, type Page, regionLikePattern, toConnection, type Viewer } from '@pb/platform';
import type { DataSource } from 'typeorm';
import { addDays, today } from '../dates.js';
import { AlertSeverity, CoverageAlert, CoverageAlertKind } from './coverage-alert.type.js';
import { inStepPeriod } from './coverage-stats.service.js';

/** Structure advice of domain.md (never refused, raised here). */
export const STRUCTURE_LIMITS = {
  jointBranchUnits: 5,
  committeeMembers: 7,
  branchMembers: 50,
  partyCommitteeMembers: 100,
};

const KIND_ORDER: CoverageAlertKind[] = [
  CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
  CoverageAlertKind.BLANK_SPOT,
  CoverageAlertKind.REGISTERED_NOT_IN_STEP,
  CoverageAlertKind.CHARTER_CLAUSE_MISSING,
  CoverageAlertKind.STRUCTURE,
  CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
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
    const { sql, params } = this.union(scope, wanted);
    if (!sql) return toConnection([], page, 0, (row: CoverageAlert) => row);
    const [{ n }] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM (${sql}) a`, params);
    const rows = (await this.dataSource.query(
      `SELECT * FROM (${sql}) a WHERE sort_key > ? ORDER BY sort_key LIMIT ?`,
      [...params, page.afterSeq, page.limit + 1],
    )) as AlertRow[];
    return toConnection(
      rows.map((row) => toAlert(row, this.settings)),
      page,
      Number(n),
      (alert) => alert,
    );
  }

  private union(scope: string | null, wanted: Set<CoverageAlertKind>): { sql: string; params: unknown[] } {
    const day = today();
    const parts: string[] = [];
    const params: unknown[] = [];
    const like = scope ? regionLikePattern(scope) : null;
    const add = (kind: CoverageAlertKind, sql: string, values: unknown[], regionColumn: string) => {
      if (!wanted.has(kind)) return;
      parts.push(`${sql} ${like ? `AND ${regionColumn} LIKE ?` : ''}`);
      params.push(KIND_ORDER.indexOf(kind) * KIND_STRIDE, ...values, ...(like ? [like] : []));
    };
    // a measure is active today when the organization's last active day is today or later
    const noWork = '(o.work_covered_until IS NULL OR o.work_covered_until < ?)';
    const organizationColumns = `o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject`;
    add(
      CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
      `SELECT ? + o.seq * 10 AS sort_key, 'ELIGIBLE_NOT_ESTABLISHED' AS kind,
              IF(o.coverage_mode IS NULL, 'ELIGIBLE_NO_COVERAGE', 'ELIGIBLE_JOINT_ONLY') AS rule,
              IF(o.coverage_mode IS NULL, 'RED', 'AMBER') AS severity, ${organizationColumns},
              o.full_member_count AS figure, o.coverage_mode AS detail
         FROM social_organization o
        WHERE o.eligible = 1 AND o.status = 'ACTIVE' AND (o.coverage_mode IS NULL OR o.coverage_mode <> 'STANDALONE')`,
      [],
      'o.region_code',
    );
    add(
      CoverageAlertKind.BLANK_SPOT,
      `SELECT ? + o.seq * 10 AS sort_key, 'BLANK_SPOT' AS kind, 'NO_COVERAGE' AS rule, 'RED' AS severity,
              ${organizationColumns}, NULL AS figure, NULL AS detail
         FROM social_organization o
        WHERE o.coverage_mode IS NULL AND o.status = 'ACTIVE' AND ${noWork}`,
      [day],
      'o.region_code',
    );
    const period = inStepPeriod(this.settings.syncDays, day);
    add(
      CoverageAlertKind.REGISTERED_NOT_IN_STEP,
      `SELECT ? + o.seq * 10 AS sort_key, 'REGISTERED_NOT_IN_STEP' AS kind, 'NOT_IN_STEP' AS rule,
              'AMBER' AS severity, ${organizationColumns}, DATEDIFF(?, o.registered_at) AS figure,
              o.registered_at AS detail
         FROM social_organization o
        WHERE o.coverage_mode IS NULL AND o.registered_at BETWEEN ? AND ? AND o.status = 'ACTIVE' AND ${noWork}`,
      [day, period.from, period.to, day],
      'o.region_code',
    );
    add(
      CoverageAlertKind.CHARTER_CLAUSE_MISSING,
      `SELECT ? + o.seq * 10 AS sort_key, 'CHARTER_CLAUSE_MISSING' AS kind, 'CHARTER_CLAUSE_MISSING' AS rule,
              'AMBER' AS severity, ${organizationColumns}, NULL AS figure, NULL AS detail
         FROM social_organization o
        WHERE o.charter_clause = 'MISSING' AND o.status = 'ACTIVE'`,
      [],
      'o.region_code',
    );
    if (wanted.has(CoverageAlertKind.STRUCTURE)) {
      const limits = STRUCTURE_LIMITS;
      const sized = `(SELECT p.seq, p.id, p.name, p.type, p.formation_mode, p.region_code, p.has_committee,
                             COUNT(o.id) AS units, COALESCE(SUM(o.full_member_count), 0) AS members
                        FROM party_organization p LEFT JOIN social_organization o ON o.party_organization_id = p.id
                       WHERE p.dissolved_at IS NULL ${like ? 'AND p.region_code LIKE ?' : ''}
                       GROUP BY p.seq, p.id, p.name, p.type, p.formation_mode, p.region_code, p.has_committee)`;
      const rules: Array<[string, string, unknown[], string]> = [
        [
          'JOINT_BRANCH_OVER_5_UNITS',
          "s.formation_mode = 'JOINT' AND s.units > ?",
          [limits.jointBranchUnits],
          's.units',
        ],
        [
          'COMMITTEE_MISSING',
          's.members >= ? AND s.has_committee = 0',
          [limits.committeeMembers],
          's.members',
        ],
        [
          'BRANCH_OVER_50_MEMBERS',
          "s.type = 'BRANCH' AND s.members > ?",
          [limits.branchMembers],
          's.members',
        ],
        [
          'PARTY_COMMITTEE_NEEDED',
          "s.type <> 'COMMITTEE' AND s.members >= ?",
          [limits.partyCommitteeMembers],
          's.members',
        ],
      ];
      rules.forEach(([rule, condition, values, figure], index) => {
        parts.push(
          `SELECT ? + s.seq * 10 + ${index} AS sort_key, 'STRUCTURE' AS kind, '${rule}' AS rule,
                  'AMBER' AS severity, NULL AS so_id, s.id AS po_id, s.region_code, s.name AS subject,
                  ${figure} AS figure, s.type AS detail
             FROM ${sized} s WHERE ${condition}`,
        );
        params.push(
          KIND_ORDER.indexOf(CoverageAlertKind.STRUCTURE) * KIND_STRIDE,
          ...(like ? [like] : []),
          ...values,
        );
      });
    }
    add(
      CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
      `SELECT ? + w.seq * 10 AS sort_key, 'INSTRUCTOR_NO_CONTACT' AS kind, 'INSTRUCTOR_NO_CONTACT' AS rule,
              'AMBER' AS severity, o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject,
              DATEDIFF(?, COALESCE(w.last_contact_at, w.since)) AS figure, w.last_contact_at AS detail
         FROM work_coverage w JOIN social_organization o ON o.id = w.social_organization_id
        WHERE w.kind = 'INSTRUCTOR' AND w.since <= ? AND (w.until IS NULL OR w.until >= ?)
          AND COALESCE(w.last_contact_at, w.since) < ? AND o.status = 'ACTIVE'`,
      [day, day, day, addDays(day, -this.settings.instructorContactDays)],
      'w.region_code',
    );
    return { sql: parts.join('\nUNION ALL\n'), params };
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
    CHARTER_CLAUSE_MISSING: `"${name}": the charter carries no Party-building clause.`,
    JOINT_BRANCH_OVER_5_UNITS: `"${name}" is a joint branch covering ${figure} units (advice: at most 5); consider splitting it.`,
    COMMITTEE_MISSING: `"${name}" has ${figure} full members (≥ 7) and no committee; elect a committee of 3 to 5.`,
    BRANCH_OVER_50_MEMBERS: `"${name}" is a branch with ${figure} full members (advice: at most 50); split it or set up a general branch.`,
    PARTY_COMMITTEE_NEEDED: `"${name}" has ${figure} full members (≥ 100) and is a ${String(row.detail).toLowerCase().replace('_', ' ')}; a Party committee is advised (with the higher organization's approval).`,
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
