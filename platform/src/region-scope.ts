/**
 * Administrative division codes (GB/T 2260): `330000` a province, `330100` a prefecture-level city,
 * `330106` a county. A region contains every code that starts with its prefix, so "a region and every
 * region below it" is a prefix match that an index on the code serves as a range scan.
 */

const REGION_CODE = /^\d{6}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE.test(code);
}

/** `330000` → `33`, `330100` → `3301`, `330106` → `330106`. */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `code` is `scope` or lies below it; a null scope is the whole nation. */
export function isWithinRegion(code: string, scope: string | null): boolean {
  return scope === null || code.startsWith(regionPrefix(scope));
}

/** The codes of the scopes a region's figures roll up into, nation (null) first. */
export function enclosingScopes(code: string): Array<string | null> {
  const scopes: Array<string | null> = [null, `${code.slice(0, 2)}0000`];
  const prefecture = `${code.slice(0, 4)}00`;
  if (!scopes.includes(prefecture)) scopes.push(prefecture);
  if (!scopes.includes(code)) scopes.push(code);
  return scopes;
}

/** A LIKE pattern matching a region and everything below it. */
export function regionLikePattern(scope: string): string {
  return `${regionPrefix(scope)}%`;
}

/**
 * A WHERE clause matching the rows of `column` in any of the scopes (none when the nation is among them),
 * for reading the cells of many scopes in one query.
 */
export function regionsWhere(
  scopes: ReadonlyArray<string | null>,
  column = 'region_code',
): { where: string; params: string[] } {
  if (scopes.length === 0 || scopes.includes(null)) return { where: '', params: [] };
  // a province's prefix already covers its cities and counties
  const prefixes = [...new Set(scopes.map((scope) => regionPrefix(scope as string)))].sort();
  const outermost = prefixes.filter((p, i) => !prefixes.slice(0, i).some((q) => p.startsWith(q)));
  return {
    where: `WHERE (${outermost.map(() => `${column} LIKE ?`).join(' OR ')})`,
    params: outermost.map((prefix) => `${prefix}%`),
  };
}
