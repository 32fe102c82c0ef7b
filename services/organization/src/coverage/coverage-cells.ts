import { regionLikePattern } from '@pb/platform/region-scope';
import type { CoverageSettings } from '../config.js';
import type { Statistic } from '../statistics.js';
import {
  charterIncluded,
  inStepPeriod,
  instructorNoContact,
  instructorNoContactValues,
  isEligible,
  isStandalone,
} from './coverage.rules.js';
import type { Queryable } from './coverage-cells.read.js';

/**
 * The coverage statistics' own tables: `coverage_cell` (the counts of each region code organizations are
 * registered in) and `coverage_month` (registrations and first coverage per cell and month). A figure for
 * any scope is a sum over the cells in scope. A cell is recomputed from its organizations after a change
 * there commits, and every cell when the day changes, a server starts, or the rows were loaded in bulk.
 */

/** Recomputes every cell from the organizations; run in one transaction (see `STATISTICS`). */
export async function rebuildCoverageCells(
  manager: Queryable,
  settings: CoverageSettings,
  day: string,
): Promise<void> {
  await manager.query('DELETE FROM coverage_cell');
  await manager.query('DELETE FROM coverage_month');
  await writeCells(manager, null, settings, day);
}

/** The coverage cells and months, in the subgraph's list of kept statistics. */
export const coverageCells: Statistic = {
  name: 'coverage cells (coverage_cell, coverage_month)',
  rebuild: rebuildCoverageCells,
};

/**
 * Recomputes the cells of the regions a committed change touched. The organizations are read with a
 * locking read inside the cell's transaction, so a concurrent change waits and its own recomputation
 * comes after: the last write of a cell always includes every committed change.
 */
export async function refreshCoverageCells(
  manager: Queryable,
  codes: readonly string[],
  settings: CoverageSettings,
  day: string,
): Promise<void> {
  for (const code of codes) {
    // a cell whose organizations all ended keeps zeroes rather than its last counts
    await manager.query(
      `UPDATE coverage_cell SET computed_on = ?, organizations = 0, party_covered = 0, standalone = 0, eligible = 0,
              eligible_standalone = 0, work_covered = 0, charter_included = 0, cross_appointed = 0, secretary_cross_appointed = 0,
              registered_in_period = 0, in_step = 0, party_organizations = 0, instructors_no_contact = 0
        WHERE region_code LIKE ?`,
      [day, regionLikePattern(code)],
    );
    await manager.query('DELETE FROM coverage_month WHERE region_code LIKE ?', [regionLikePattern(code)]);
    await writeCells(manager, code, settings, day);
  }
}

/**
 * Whether every cell was computed for `day`: false when one is older, or there are none (a migration
 * empties them). A look at a few thousand keys, cheap beside the figure it guards.
 */
export async function cellsComputedFor(db: Queryable, day: string): Promise<boolean> {
  const [row] = (await db.query(
    'SELECT MIN(computed_on) AS oldest, COUNT(*) AS cells FROM coverage_cell',
  )) as Array<{
    oldest: string | null;
    cells: string | number;
  }>;
  return Number(row?.cells ?? 0) > 0 && (row?.oldest ?? '') >= day;
}

/** The cells of `scope` (every cell when null), from the rows of the tables they count. */
async function writeCells(
  manager: Queryable,
  scope: string | null,
  settings: CoverageSettings,
  day: string,
): Promise<void> {
  const scopeValues = scope ? [regionLikePattern(scope)] : [];
  await writeOrganizationCounts(manager, scopeValues, settings, day);
  await writePartyOrganizationCounts(manager, scopeValues, day);
  await writeInstructorCounts(manager, scopeValues, settings, day);
  await writeMonths(manager, scopeValues);
}

/** `AND <column> LIKE ?` when a scope's value is given. */
const inScope = (scopeValues: unknown[], column = 'region_code') =>
  scopeValues.length > 0 ? `AND ${column} LIKE ?` : '';

/** The organizations' counts, in one covering range scan of `idx_social_organization_stats`. */
async function writeOrganizationCounts(
  manager: Queryable,
  scopeValues: unknown[],
  settings: CoverageSettings,
  day: string,
): Promise<void> {
  const period = inStepPeriod(settings.syncDays, day);
  await manager.query(
    `INSERT INTO coverage_cell (region_code, computed_on, organizations, party_covered, standalone, eligible,
            eligible_standalone, work_covered, charter_included, cross_appointed, secretary_cross_appointed,
            registered_in_period, in_step)
     SELECT region_code, ?, COUNT(*),
            IFNULL(SUM(coverage_mode IS NOT NULL), 0),
            IFNULL(SUM(${isStandalone()}), 0),
            IFNULL(SUM(${isEligible()}), 0),
            IFNULL(SUM(${isEligible()} AND ${isStandalone()}), 0),
            IFNULL(SUM(coverage_mode IS NOT NULL OR work_covered_until >= ?), 0),
            IFNULL(SUM(${charterIncluded('charter_clause')}), 0),
            IFNULL(SUM(${isStandalone()} AND cross_appointed_until >= ?), 0),
            IFNULL(SUM(${isStandalone()} AND secretary_cross_appointed_until >= ?), 0),
            IFNULL(SUM(registered_at BETWEEN ? AND ?), 0),
            IFNULL(SUM(registered_at BETWEEN ? AND ? AND first_covered_at <= registered_at + INTERVAL ? DAY), 0)
       FROM social_organization FORCE INDEX (idx_social_organization_stats)
      WHERE status = 'ACTIVE' ${inScope(scopeValues)}
      GROUP BY region_code
     ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), organizations = VALUES(organizations),
            party_covered = VALUES(party_covered), standalone = VALUES(standalone), eligible = VALUES(eligible),
            eligible_standalone = VALUES(eligible_standalone), work_covered = VALUES(work_covered),
            charter_included = VALUES(charter_included), cross_appointed = VALUES(cross_appointed),
            secretary_cross_appointed = VALUES(secretary_cross_appointed),
            registered_in_period = VALUES(registered_in_period), in_step = VALUES(in_step)`,
    [day, day, day, day, period.from, period.to, period.from, period.to, settings.syncDays, ...scopeValues],
  );
}

async function writePartyOrganizationCounts(
  manager: Queryable,
  scopeValues: unknown[],
  day: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO coverage_cell (region_code, computed_on, party_organizations)
     SELECT region_code, ?, COUNT(*)
       FROM party_organization FORCE INDEX (idx_party_organization_active)
      WHERE dissolved_at IS NULL ${inScope(scopeValues)}
      GROUP BY region_code
     ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), party_organizations = VALUES(party_organizations)`,
    [day, ...scopeValues],
  );
}

async function writeInstructorCounts(
  manager: Queryable,
  scopeValues: unknown[],
  settings: CoverageSettings,
  day: string,
): Promise<void> {
  // a measure keeps its organization's region, so the measure's region is the organization's cell
  await manager.query(
    `INSERT INTO coverage_cell (region_code, computed_on, instructors_no_contact)
     SELECT w.region_code, ?, COUNT(*)
       FROM work_coverage w JOIN social_organization o ON o.id = w.social_organization_id
      WHERE ${instructorNoContact} ${inScope(scopeValues, 'w.region_code')}
      GROUP BY w.region_code
     ON DUPLICATE KEY UPDATE computed_on = VALUES(computed_on), instructors_no_contact = VALUES(instructors_no_contact)`,
    [day, ...instructorNoContactValues(day, settings), ...scopeValues],
  );
}

async function writeMonths(manager: Queryable, scopeValues: unknown[]): Promise<void> {
  // both months come from the covering index the cells above are read from
  await manager.query(
    `INSERT INTO coverage_month (region_code, month, registered, newly_covered)
     SELECT region_code, month, SUM(registered), SUM(newly_covered) FROM (
       SELECT region_code, DATE_FORMAT(registered_at, '%Y-%m') AS month, 1 AS registered, 0 AS newly_covered
         FROM social_organization FORCE INDEX (idx_social_organization_stats)
        WHERE status = 'ACTIVE' ${inScope(scopeValues)}
       UNION ALL
       SELECT region_code, DATE_FORMAT(first_covered_at, '%Y-%m'), 0, 1
         FROM social_organization FORCE INDEX (idx_social_organization_stats)
        WHERE status = 'ACTIVE' AND first_covered_at IS NOT NULL ${inScope(scopeValues)}
     ) m GROUP BY region_code, month`,
    [...scopeValues, ...scopeValues],
  );
}
