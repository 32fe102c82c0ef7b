import { regionPrefix } from '@pb/platform/region-scope';
import type { EntityManager } from 'typeorm';
import { CoverageMonth } from './coverage-stats.type.js';

/** Reads of the coverage cells and months (see coverage-cells.ts, which keeps them). */

/** The raw counts of one scope; the rates follow from them. */
export interface CoverageCounts {
  organizations: number;
  partyCovered: number;
  standalone: number;
  eligible: number;
  eligibleStandalone: number;
  workCovered: number;
  charterIncluded: number;
  crossAppointed: number;
  secretaryCrossAppointed: number;
  registeredInPeriod: number;
  inStep: number;
  partyOrganizations: number;
}

/** Something that runs SQL: a data source, or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The summed cells of each scope, in the order given, in one read: the cells in scope grouped by each
 * scope's code prefix (one group per prefix length), so a list by region costs one query, not one per
 * region. Each is a reader of a summed column by its camel-case name.
 */
export async function readCells(
  db: Queryable,
  scopes: Array<string | null>,
): Promise<Array<(column: string) => number>> {
  const rows = (await db.query(
    prefixGroups(
      scopes,
      `COALESCE(SUM(organizations), 0) AS organizations, COALESCE(SUM(party_covered), 0) AS partyCovered,
       COALESCE(SUM(standalone), 0) AS standalone, COALESCE(SUM(eligible), 0) AS eligible,
       COALESCE(SUM(eligible_standalone), 0) AS eligibleStandalone,
       COALESCE(SUM(work_covered), 0) AS workCovered, COALESCE(SUM(charter_included), 0) AS charterIncluded,
       COALESCE(SUM(cross_appointed), 0) AS crossAppointed,
       COALESCE(SUM(secretary_cross_appointed), 0) AS secretaryCrossAppointed,
       COALESCE(SUM(registered_in_period), 0) AS registeredInPeriod, COALESCE(SUM(in_step), 0) AS inStep,
       COALESCE(SUM(party_organizations), 0) AS partyOrganizations,
       COALESCE(SUM(instructors_no_contact), 0) AS instructorsNoContact`,
      'coverage_cell',
    ),
    prefixGroupValues(scopes),
  )) as Array<Record<string, string | number | null>>;
  const byPrefix = new Map(rows.map((row) => [String(row.prefix), row]));
  return scopes.map((scope) => {
    const row = byPrefix.get(scopePrefix(scope));
    return (column: string) => Number(row?.[column] ?? 0);
  });
}

/** Every count of a scope, each summed from the cell column of its name. */
const COUNTS: ReadonlyArray<keyof CoverageCounts> = [
  'organizations',
  'partyCovered',
  'standalone',
  'eligible',
  'eligibleStandalone',
  'workCovered',
  'charterIncluded',
  'crossAppointed',
  'secretaryCrossAppointed',
  'registeredInPeriod',
  'inStep',
  'partyOrganizations',
];

export function toCounts(n: (column: keyof CoverageCounts) => number): CoverageCounts {
  return Object.fromEntries(COUNTS.map((count) => [count, n(count)])) as unknown as CoverageCounts;
}

/** The trend of each scope over `months`, in the order given, in one read grouped by each scope's prefix. */
export async function readMonths(
  db: Queryable,
  scopes: Array<string | null>,
  months: string[],
): Promise<CoverageMonth[][]> {
  const rows = (await db.query(
    prefixGroups(
      scopes,
      'month, SUM(registered) AS registered, SUM(newly_covered) AS newlyCovered',
      'coverage_month',
      'month BETWEEN ? AND ?',
      'month',
    ),
    prefixGroupValues(scopes, [months[0], months.at(-1)]),
  )) as Array<{ prefix: string; month: string; registered: string | number; newlyCovered: string | number }>;
  const byKey = new Map(rows.map((row) => [`${row.prefix}:${row.month}`, row]));
  return scopes.map((scope) =>
    months.map((month) => {
      const row = byKey.get(`${scopePrefix(scope)}:${month}`);
      return Object.assign(new CoverageMonth(), {
        month,
        registered: Number(row?.registered ?? 0),
        newlyCovered: Number(row?.newlyCovered ?? 0),
      });
    }),
  );
}

/** The code prefix a scope's cells share ('' for the nation). */
const scopePrefix = (scope: string | null) => (scope === null ? '' : regionPrefix(scope));

/**
 * One SELECT per prefix length among `scopes`, UNION ALL: `columns` summed over the rows of `table`
 * grouped by that prefix of `region_code` (and `groupBy`), only the rows of the scopes asked for; a
 * prefix range of the table's key per scope.
 */
function prefixGroups(
  scopes: Array<string | null>,
  columns: string,
  table: string,
  where = '',
  groupBy = '',
): string {
  return prefixLengths(scopes)
    .map(
      ([length, prefixes]) =>
        `SELECT LEFT(region_code, ${length}) AS prefix, ${columns} FROM ${table}
          WHERE ${
            [where, length === 0 ? '' : `(${prefixes.map(() => 'region_code LIKE ?').join(' OR ')})`]
              .filter(Boolean)
              .join(' AND ') || 'TRUE'
          }
          GROUP BY prefix${groupBy ? `, ${groupBy}` : ''}`,
    )
    .join(' UNION ALL ');
}

/** The values of `prefixGroups`, `where`'s before each length's prefixes. */
function prefixGroupValues(scopes: Array<string | null>, whereValues: unknown[] = []): unknown[] {
  return prefixLengths(scopes).flatMap(([length, prefixes]) => [
    ...whereValues,
    ...(length === 0 ? [] : prefixes.map((prefix) => `${prefix}%`)),
  ]);
}

function prefixLengths(scopes: Array<string | null>): Array<[number, string[]]> {
  const byLength = new Map<number, Set<string>>();
  for (const prefix of scopes.map(scopePrefix)) {
    byLength.set(prefix.length, (byLength.get(prefix.length) ?? new Set()).add(prefix));
  }
  return [...byLength].map(([length, prefixes]) => [length, [...prefixes]]);
}
