import { today } from '@pb/platform/calendar';
import type { CoverageCounts } from './coverage-cells.read.js';

/** Anything that runs SQL and resolves to the rows: a TypeORM DataSource, or a system test's pool. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The test oracle of the coverage statistics: every figure recomputed straight from the raw rows, written
 * apart from the service's query on purpose. It reads the cover from `party_coverage` joined to the Party
 * organization (not the columns the service keeps on `social_organization`), the first coverage from the
 * history of both kinds of coverage, and the scope from the region table's parent links (not a code
 * prefix). `day` is the platform's calendar day (China time), which the service also reckons in.
 */
export async function oracleCounts(
  db: SqlRunner,
  scope: string | null,
  syncDays: number,
  day = today(),
): Promise<CoverageCounts> {
  const [row] = (await db.query(
    `SELECT COUNT(*) AS organizations,
            SUM(cover.mode IS NOT NULL) AS partyCovered,
            SUM(COALESCE(cover.mode = 'STANDALONE', 0)) AS standalone,
            SUM(o.full_member_count >= 3) AS eligible,
            SUM(o.full_member_count >= 3 AND COALESCE(cover.mode = 'STANDALONE', 0)) AS eligibleStandalone,
            SUM(cover.mode IS NOT NULL OR EXISTS (
                  SELECT 1 FROM work_coverage w WHERE w.social_organization_id = o.id
                     AND w.since <= d.day AND (w.until IS NULL OR w.until >= d.day))) AS workCovered,
            SUM(o.charter_clause IN ('FULL_LEADERSHIP', 'BASIC')) AS charterIncluded,
            SUM(COALESCE(cover.mode = 'STANDALONE', 0) AND EXISTS (
                  SELECT 1 FROM cross_appointment a WHERE a.social_organization_id = o.id
                     AND a.since <= d.day AND (a.until IS NULL OR a.until >= d.day))) AS crossAppointed,
            SUM(COALESCE(cover.mode = 'STANDALONE', 0) AND EXISTS (
                  SELECT 1 FROM cross_appointment a WHERE a.social_organization_id = o.id AND a.party_post = '书记'
                     AND a.since <= d.day AND (a.until IS NULL OR a.until >= d.day))) AS secretaryCrossAppointed,
            SUM(o.registered_at BETWEEN d.day - INTERVAL ? DAY AND d.day - INTERVAL ? DAY) AS registeredInPeriod,
            SUM(o.registered_at BETWEEN d.day - INTERVAL ? DAY AND d.day - INTERVAL ? DAY
                AND first.since <= DATE_ADD(o.registered_at, INTERVAL ? DAY)) AS inStep
       FROM social_organization o
       CROSS JOIN (SELECT CAST(? AS DATE) AS day) d
       JOIN region r ON r.code = o.region_code
       LEFT JOIN region rp ON rp.code = r.parent_code
       LEFT JOIN (SELECT c.social_organization_id AS id, p.formation_mode AS mode
                    FROM party_coverage c JOIN party_organization p ON p.id = c.party_organization_id
                   WHERE c.until IS NULL) cover ON cover.id = o.id
       LEFT JOIN (SELECT id, MIN(since) AS since FROM (
                    SELECT social_organization_id AS id, since FROM party_coverage
                    UNION ALL SELECT social_organization_id, since FROM work_coverage) s
                   GROUP BY id) first ON first.id = o.id
      WHERE o.status = 'ACTIVE'
        AND (? IS NULL OR r.code = ? OR r.parent_code = ? OR rp.parent_code = ?)`,
    [syncDays + 364, syncDays, syncDays + 364, syncDays, syncDays, day, scope, scope, scope, scope],
  )) as Array<Record<string, string | number | null>>;
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    organizations: n('organizations'),
    partyCovered: n('partyCovered'),
    standalone: n('standalone'),
    eligible: n('eligible'),
    eligibleStandalone: n('eligibleStandalone'),
    workCovered: n('workCovered'),
    charterIncluded: n('charterIncluded'),
    crossAppointed: n('crossAppointed'),
    secretaryCrossAppointed: n('secretaryCrossAppointed'),
    registeredInPeriod: n('registeredInPeriod'),
    inStep: n('inStep'),
    partyOrganizations: await oraclePartyOrganizations(db, scope),
  };
}

const IN_SCOPE = '(? IS NULL OR r.code = ? OR r.parent_code = ? OR rp.parent_code = ?)';

/** Active Party organizations whose region lies in scope, by the region table's parent links. */
async function oraclePartyOrganizations(db: SqlRunner, scope: string | null): Promise<number> {
  const [row] = (await db.query(
    `SELECT COUNT(*) AS n FROM party_organization p
       JOIN region r ON r.code = p.region_code LEFT JOIN region rp ON rp.code = r.parent_code
      WHERE p.dissolved_at IS NULL AND ${IN_SCOPE}`,
    [scope, scope, scope, scope],
  )) as Array<{ n: string | number }>;
  return Number(row?.n ?? 0);
}

/**
 * Registrations and first coverage per month (`YYYY-MM`) of the active organizations in scope, the first
 * coverage taken from the history of both kinds of coverage; months without either are left out.
 */
export async function oracleMonths(
  db: SqlRunner,
  scope: string | null,
): Promise<Map<string, { registered: number; newlyCovered: number }>> {
  const rows = (await db.query(
    `SELECT DATE_FORMAT(o.registered_at, '%Y-%m') AS month, 'registered' AS what FROM social_organization o
       JOIN region r ON r.code = o.region_code LEFT JOIN region rp ON rp.code = r.parent_code
      WHERE o.status = 'ACTIVE' AND ${IN_SCOPE}
     UNION ALL
     SELECT DATE_FORMAT(MIN(s.since), '%Y-%m'), 'covered' FROM social_organization o
       JOIN region r ON r.code = o.region_code LEFT JOIN region rp ON rp.code = r.parent_code
       JOIN (SELECT social_organization_id AS id, since FROM party_coverage
             UNION ALL SELECT social_organization_id, since FROM work_coverage) s ON s.id = o.id
      WHERE o.status = 'ACTIVE' AND ${IN_SCOPE}
      GROUP BY o.id`,
    [scope, scope, scope, scope, scope, scope, scope, scope],
  )) as Array<{ month: string; what: string }>;
  const months = new Map<string, { registered: number; newlyCovered: number }>();
  for (const { month, what } of rows) {
    const entry = months.get(month) ?? { registered: 0, newlyCovered: 0 };
    if (what === 'registered') entry.registered++;
    else entry.newlyCovered++;
    months.set(month, entry);
  }
  return months;
}

/**
 * Every coverage alert kind's count in scope, recomputed from the raw rows apart from the service: the
 * cover from `party_coverage` joined to its Party organization, work coverage from the measures, a Party
 * organization's size from its active covers, the scope from the region table's parent links. `day` is
 * the platform's calendar day; `syncDays` and `contactDays` the settings (COVERAGE_SYNC_DAYS,
 * INSTRUCTOR_CONTACT_DAYS).
 */
export async function oracleAlertCounts(
  db: SqlRunner,
  scope: string | null,
  syncDays: number,
  contactDays: number,
  day = today(),
): Promise<Record<string, number>> {
  const [organizations] = (await db.query(
    `SELECT SUM(o.full_member_count >= 3 AND NOT COALESCE(cover.mode = 'STANDALONE', 0)) AS ELIGIBLE_NOT_ESTABLISHED,
            SUM(cover.mode IS NULL AND work.id IS NULL) AS BLANK_SPOT,
            SUM(cover.mode IS NULL AND work.id IS NULL
                AND o.registered_at BETWEEN d.day - INTERVAL ? DAY AND d.day - INTERVAL ? DAY) AS REGISTERED_NOT_IN_STEP,
            SUM(o.charter_clause NOT IN ('FULL_LEADERSHIP', 'BASIC')) AS CHARTER_CLAUSE_MISSING,
            SUM(COALESCE(cover.mode = 'STANDALONE', 0) AND o.full_member_count < 3) AS STANDALONE_BELOW_THRESHOLD
       FROM social_organization o
       CROSS JOIN (SELECT CAST(? AS DATE) AS day) d
       JOIN region r ON r.code = o.region_code LEFT JOIN region rp ON rp.code = r.parent_code
       LEFT JOIN (SELECT c.social_organization_id AS id, p.formation_mode AS mode
                    FROM party_coverage c JOIN party_organization p ON p.id = c.party_organization_id
                   WHERE c.until IS NULL) cover ON cover.id = o.id
       LEFT JOIN (SELECT DISTINCT w.social_organization_id AS id FROM work_coverage w
                   WHERE w.since <= ? AND (w.until IS NULL OR w.until >= ?)) work ON work.id = o.id
      WHERE o.status = 'ACTIVE' AND ${IN_SCOPE}`,
    [syncDays + 364, syncDays, day, day, day, scope, scope, scope, scope],
  )) as Array<Record<string, string | number | null>>;
  const [structure] = (await db.query(
    `SELECT SUM(p.formation_mode = 'JOINT' AND size.units > 5) + SUM(size.full >= 7 AND p.has_committee = 0)
              + SUM(p.type <> 'COMMITTEE' AND size.full >= 100) AS n
       FROM party_organization p
       JOIN (SELECT q.id, COUNT(c.id) AS units, COALESCE(SUM(o.full_member_count), 0) AS full
               FROM party_organization q
               LEFT JOIN party_coverage c ON c.party_organization_id = q.id AND c.until IS NULL
               LEFT JOIN social_organization o ON o.id = c.social_organization_id
              GROUP BY q.id) size ON size.id = p.id
       JOIN region r ON r.code = p.region_code LEFT JOIN region rp ON rp.code = r.parent_code
      WHERE p.dissolved_at IS NULL AND ${IN_SCOPE}`,
    [scope, scope, scope, scope],
  )) as Array<{ n: string | number | null }>;
  const [instructors] = (await db.query(
    `SELECT COUNT(*) AS n FROM work_coverage w
       JOIN social_organization o ON o.id = w.social_organization_id
       JOIN region r ON r.code = o.region_code LEFT JOIN region rp ON rp.code = r.parent_code
      WHERE w.kind = 'INSTRUCTOR' AND o.status = 'ACTIVE' AND w.since <= ? AND (w.until IS NULL OR w.until >= ?)
        AND DATEDIFF(?, COALESCE(w.last_contact_at, w.since)) > ? AND ${IN_SCOPE}`,
    [day, day, day, contactDays, scope, scope, scope, scope],
  )) as Array<{ n: string | number }>;
  const n = (value: string | number | null | undefined) => Number(value ?? 0);
  return {
    ELIGIBLE_NOT_ESTABLISHED: n(organizations?.ELIGIBLE_NOT_ESTABLISHED),
    BLANK_SPOT: n(organizations?.BLANK_SPOT),
    REGISTERED_NOT_IN_STEP: n(organizations?.REGISTERED_NOT_IN_STEP),
    CHARTER_CLAUSE_MISSING: n(organizations?.CHARTER_CLAUSE_MISSING),
    STRUCTURE: n(structure?.n),
    INSTRUCTOR_NO_CONTACT: n(instructors?.n),
    STANDALONE_BELOW_THRESHOLD: n(organizations?.STANDALONE_BELOW_THRESHOLD),
  };
}
