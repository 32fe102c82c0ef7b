import { regionPrefix, regionsWhere } from '@pb/platform/region-scope';
import { childRegionContaining } from '@pb/platform/regions';

/**
 * How a figure reads its kept cells for several scopes at once: only the cells under the scopes, grouped
 * in SQL by region prefix, each cell as finely as the finest scope it lies in (none for the nation alone,
 * the province for a list of provinces, a county's own cells by the county when a publication holds the
 * county and the nation), so a read returns O(scopes asked) rows whatever the number of regions and
 * records below them. Every group's `region_code` then starts with the prefix of each scope it belongs
 * to, so `isWithinRegion(row.region_code, scope)` sums it into the right figure.
 */
export function scopeCells(
  scopes: ReadonlyArray<string | null>,
  column = 'region_code',
): { where: string; and: string; params: string[]; region: string } {
  const { where, params } = regionsWhere(scopes, column);
  return { where, and: where ? `${where} AND` : 'WHERE', params, region: groupingOf(scopes, column) };
}

/**
 * The region a cell is summed under: as fine as the finest scope it lies in, and no finer. A write dirties
 * its county, city, province and the nation at once; grouping every cell as finely as the county would
 * return the nation's cells county by county (40k rows per activity publication at 100k organizations,
 * 0.25 s) where the nation needs a few dozen (0.07 s). So a cell under a county asked for is grouped by
 * that county, one under a city asked for by the city, and the rest by the coarsest level asked.
 */
function groupingOf(scopes: ReadonlyArray<string | null>, column: string): string {
  const prefixes = [...new Set(scopes.map((scope) => (scope === null ? '' : regionPrefix(scope))))];
  const coarsest = Math.min(...prefixes.map((prefix) => prefix.length));
  const finer = prefixes.filter((prefix) => prefix.length > coarsest).sort((a, b) => b.length - a.length);
  if (finer.length === 0) return `LEFT(${column}, ${coarsest})`;
  // the prefixes are digits (regionPrefix of validated codes), so they are written into the SQL
  for (const prefix of finer)
    if (!/^\d{2,6}$/.test(prefix)) throw new Error(`not a region prefix: ${prefix}`);
  const cases = finer.map(
    (prefix) => `WHEN ${column} LIKE '${prefix}%' THEN LEFT(${column}, ${prefix.length})`,
  );
  return `(CASE ${cases.join(' ')} ELSE LEFT(${column}, ${coarsest}) END)`;
}

/**
 * The child regions of `parent` (provinces when null) that hold any of `codes`, in code order: what a
 * figure by region lists. A region's child comes from the region list's parent links, so a municipality's
 * children are its districts.
 */
export function childRegionsHolding(parent: string | null, codes: Iterable<string>): string[] {
  const children = new Set<string>();
  for (const code of codes) {
    const child = childRegionContaining(parent, code);
    if (child !== null) children.add(child);
  }
  return [...children].sort();
}
