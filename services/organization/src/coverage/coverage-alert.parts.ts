import type { CoverageSettings } from '../config.js';
import { STANDALONE_NEEDS_THREE_FULL_MEMBERS } from '../party-organization/party-organization.type.js';
import {
  charterIncluded,
  inStepPeriod,
  instructorNoContact,
  instructorNoContactValues,
  isEligible,
  isStandalone,
  registeredNotInStep,
  STRUCTURE_RULES,
} from './coverage.rules.js';
import { type AlertSeverity, CoverageAlertKind } from './coverage-alert.type.js';

/** Every kind of alert, in list order. */
export const KIND_ORDER: CoverageAlertKind[] = [
  CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
  CoverageAlertKind.BLANK_SPOT,
  CoverageAlertKind.REGISTERED_NOT_IN_STEP,
  CoverageAlertKind.CHARTER_CLAUSE_MISSING,
  CoverageAlertKind.STRUCTURE,
  CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
  CoverageAlertKind.STANDALONE_BELOW_THRESHOLD,
];

/** Cursor order: kind, then the subject's insertion order, then the rule (room for 10 per subject). */
export const KIND_STRIDE = 10_000_000_000_000;

export interface AlertRow {
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
export interface AlertPart {
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
 * Each kind of alert as SQL, in list order: the rows of a kind are read from the index named in its
 * `from`, in its subjects' insertion order (see CoverageAlertService.list).
 */
export function alertParts(day: string, settings: CoverageSettings): AlertPart[] {
  const parts: Record<CoverageAlertKind, AlertPart> = {
    ...organizationParts(day, settings),
    [CoverageAlertKind.STRUCTURE]: structurePart(),
    [CoverageAlertKind.INSTRUCTOR_NO_CONTACT]: instructorPart(day, settings),
  };
  return KIND_ORDER.map((kind) => parts[kind]);
}

/** An alert of an active organization, read from `idx_social_organization_alerts` unless named. */
function organizationPart(
  kind: CoverageAlertKind,
  columns: string,
  where: string,
  whereValues: unknown[],
  index = 'idx_social_organization_alerts',
): AlertPart {
  return {
    kind,
    columns,
    columnValues: [],
    from: `social_organization o FORCE INDEX (${index})`,
    fromValues: [],
    where: `o.status = 'ACTIVE' AND ${where}`,
    whereValues,
    region: 'o.region_code',
    seq: 'o.seq',
  };
}

/** The columns naming an organization as an alert's subject. */
const organization = 'o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject';

/** The kinds that are an active organization's own state. */
function organizationParts(
  day: string,
  settings: CoverageSettings,
): Record<
  Exclude<CoverageAlertKind, CoverageAlertKind.STRUCTURE | CoverageAlertKind.INSTRUCTOR_NO_CONTACT>,
  AlertPart
> {
  const period = inStepPeriod(settings.syncDays, day);
  return {
    [CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED]: organizationPart(
      CoverageAlertKind.ELIGIBLE_NOT_ESTABLISHED,
      `? + o.seq * 10 AS sort_key, 'ELIGIBLE_NOT_ESTABLISHED' AS kind,
   IF(o.coverage_mode IS NULL, 'ELIGIBLE_NO_COVERAGE', 'ELIGIBLE_JOINT_ONLY') AS rule,
   IF(o.coverage_mode IS NULL, 'RED', 'AMBER') AS severity, ${organization},
   o.full_member_count AS figure, o.coverage_mode AS detail`,
      `${isEligible('o.')} AND NOT ${isStandalone('o.')}`,
      [],
    ),
    [CoverageAlertKind.BLANK_SPOT]: organizationPart(
      CoverageAlertKind.BLANK_SPOT,
      `? + o.seq * 10 AS sort_key, 'BLANK_SPOT' AS kind, 'NO_COVERAGE' AS rule, 'RED' AS severity,
   ${organization}, NULL AS figure, NULL AS detail`,
      // not work-covered (the statistic's workCovered): no Party cover, no measure active today
      'o.coverage_mode IS NULL AND (o.work_covered_until IS NULL OR o.work_covered_until < ?)',
      [day],
    ),
    [CoverageAlertKind.REGISTERED_NOT_IN_STEP]: {
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
    [CoverageAlertKind.CHARTER_CLAUSE_MISSING]: organizationPart(
      CoverageAlertKind.CHARTER_CLAUSE_MISSING,
      `? + o.seq * 10 AS sort_key, 'CHARTER_CLAUSE_MISSING' AS kind,
   IF(o.charter_clause = 'MISSING', 'CHARTER_CLAUSE_MISSING', 'CHARTER_CLAUSE_PENDING') AS rule,
   IF(o.charter_clause = 'MISSING', 'RED', 'AMBER') AS severity, ${organization}, NULL AS figure,
   NULL AS detail`,
      // every organization not counted by 入章率 (charterIncluded): MISSING, or PENDING an amendment
      `NOT ${charterIncluded('o.charter_clause')}`,
      [],
    ),
    [CoverageAlertKind.STANDALONE_BELOW_THRESHOLD]: organizationPart(
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
  };
}

/**
 * Each Party organization keeps its size (covered units, their full members): read in insertion order
 * those that break a rule, with which, then one row per rule it breaks.
 */
function structurePart(): AlertPart {
  return {
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
  };
}

function instructorPart(day: string, settings: CoverageSettings): AlertPart {
  return {
    kind: CoverageAlertKind.INSTRUCTOR_NO_CONTACT,
    columns: `? + w.seq * 10 AS sort_key, 'INSTRUCTOR_NO_CONTACT' AS kind, 'INSTRUCTOR_NO_CONTACT' AS rule,
              'AMBER' AS severity, o.id AS so_id, NULL AS po_id, o.region_code, o.name AS subject,
              DATEDIFF(?, COALESCE(w.last_contact_at, w.since)) AS figure, w.last_contact_at AS detail`,
    columnValues: [day],
    from: `work_coverage w FORCE INDEX (idx_work_coverage_kind)
           STRAIGHT_JOIN social_organization o ON o.id = w.social_organization_id`,
    fromValues: [],
    where: instructorNoContact,
    whereValues: instructorNoContactValues(day, settings),
    region: 'w.region_code',
    seq: 'w.seq',
  };
}
