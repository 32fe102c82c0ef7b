import { today } from '@pb/platform';
import type { CoverageCounts } from './coverage-stats.service.js';

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
