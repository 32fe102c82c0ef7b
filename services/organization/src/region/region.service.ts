import { userError } from '@pb/platform/errors';
import { isRegionCode } from '@pb/platform/region-scope';
import type { DataSource } from 'typeorm';
import { RegionEntity } from './region.entity.js';
import { Region, RegionLevel } from './region.type.js';

/**
 * The national list of regions. It changes only with a migration, so it is read once at start-up and
 * served from memory: a lookup costs no query.
 */
export class RegionService {
  private byCode = new Map<string, Region>();
  private childrenOf = new Map<string | null, Region[]>();

  async load(dataSource: DataSource): Promise<void> {
    const rows = await dataSource.getRepository(RegionEntity).find({ order: { code: 'ASC' } });
    this.byCode.clear();
    this.childrenOf.clear();
    for (const row of rows) {
      const region = Object.assign(new Region(), {
        code: row.code,
        name: row.name,
        level: row.level as RegionLevel,
        parentCode: row.parentCode,
      });
      this.byCode.set(region.code, region);
      const siblings = this.childrenOf.get(region.parentCode) ?? [];
      siblings.push(region);
      this.childrenOf.set(region.parentCode, siblings);
    }
  }

  find(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  /** The region, or NOT_FOUND naming the field that carried the unknown code. */
  get(code: string, field = 'regionCode'): Region {
    const region = isRegionCode(code) ? this.byCode.get(code) : undefined;
    if (!region) {
      throw userError(
        'NOT_FOUND',
        `${field}: no administrative division has the code "${code}"; use a 6-digit GB/T 2260 code.`,
        { field, rule: 'REGION_UNKNOWN' },
      );
    }
    return region;
  }

  children(code: string | null): Region[] {
    return this.childrenOf.get(code) ?? [];
  }

  list(parentCode: string | null, level?: RegionLevel): Region[] {
    if (parentCode === null && level) return [...this.byCode.values()].filter((r) => r.level === level);
    const children = this.children(parentCode);
    return level ? children.filter((r) => r.level === level) : children;
  }
}
