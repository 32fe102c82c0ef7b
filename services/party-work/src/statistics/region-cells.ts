import { regionPrefix, regionsWhere } from '@pb/platform/region-scope';
import { childRegionContaining } from '@pb/platform/regions';

/**
 * How a figure reads its kept cells for several scopes at once: only the cells under the scopes, grouped
 * in SQL by the region prefix as long as the finest scope's (none for the nation alone, the province for
 * a list of provinces, the city for a list of cities), so a read returns O(child regions) rows whatever
 * the number of regions and records below them. Every group's `region_code` then starts with the prefix
 * of each scope it belongs to, so `isWithinRegion(row.region_code, scope)` sums it into the right figure.
 */
export function scopeCells(
  scopes: ReadonlyArray<string | null>,
  column = 'region_code',
): { where: string; and: string; params: string[]; region: string } {
  const { where, params } = regionsWhere(scopes, column);
  const depth = Math.max(0, ...scopes.map((scope) => (scope === null ? 0 : regionPrefix(scope).length)));
  return { where, and: where ? `${where} AND` : 'WHERE', params, region: `LEFT(${column}, ${depth})` };
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
