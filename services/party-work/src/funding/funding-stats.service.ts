import { isWithinRegion } from '@pb/platform/region-scope';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel, PeriodStatistic } from '../statistics/live-figures.js';
import { readYear } from '../statistics/period.js';
import { scopeCells } from '../statistics/region-cells.js';
import { FundingSource, FundingStats } from './funding.type.js';

/**
 * Funding per year of a region and everything below it, live, so the wall's funding panel moves as money
 * is recorded: the figure of each year, as a voucher may be recorded late, into a year before this one.
 */
export class FundingStatsService extends PeriodStatistic<FundingStats, number> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    super(figureChannel('funding-stats', setting), readYear);
  }

  /**
   * The figures of several scopes from one read of the kept cells of the year (see funding-cells),
   * grouped in SQL per child region of the scopes (see scopeCells), source and quarter, summed per scope here.
   */
  protected async compute(
    scopes: Array<string | null>,
    year: number,
    version: string,
  ): Promise<FundingStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const rows = (await this.dataSource.query(
      `SELECT ${region} AS region_code, source, quarter AS q, SUM(records) AS n, CAST(SUM(amount_fen) AS CHAR) AS fen
       FROM funding_cell ${and} year = ? GROUP BY 1, source, quarter`,
      [...params, year],
    )) as Array<{ region_code: string; source: string; q: number; n: string; fen: string }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const bySource = new Map<string, { records: number; fen: bigint }>();
      const byQuarter = new Map<number, bigint>();
      let total = 0n;
      let records = 0;
      for (const r of rows) {
        if (!isWithinRegion(r.region_code, scope)) continue;
        const fen = BigInt(r.fen);
        const s = bySource.get(r.source) ?? { records: 0, fen: 0n };
        s.records += Number(r.n);
        s.fen += fen;
        bySource.set(r.source, s);
        byQuarter.set(Number(r.q), (byQuarter.get(Number(r.q)) ?? 0n) + fen);
        total += fen;
        records += Number(r.n);
      }
      return Object.assign(new FundingStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        year,
        records,
        totalFen: total.toString(),
        bySource: Object.values(FundingSource).map((source) => ({
          source,
          records: bySource.get(source)?.records ?? 0,
          amountFen: (bySource.get(source)?.fen ?? 0n).toString(),
        })),
        byQuarter: [1, 2, 3, 4].map((q) => ({
          quarter: `${year}Q${q}`,
          amountFen: (byQuarter.get(q) ?? 0n).toString(),
        })),
      });
    });
  }
}
