import { regionLikePattern } from '@pb/platform/region-scope';
import { FundingSource } from '../funding/funding.type.js';
import { rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

export async function oracleFundingStats(db: SqlRunner, scope: string | null, year: number) {
  const records = await rows<{ source: string; amount_fen: string; month: number; region: string }>(
    db,
    `SELECT f.source, f.amount_fen, MONTH(f.received_on) AS month, COALESCE(p.region_code, o.region_code) AS region FROM funding_record f
     LEFT JOIN party_organization_replica p ON p.id = f.party_organization_id
     LEFT JOIN organization_replica o ON o.id = f.social_organization_id
     WHERE YEAR(f.received_on) = ?`,
    [year],
  );
  const inScope = records.filter((r) => !scope || r.region.startsWith(regionLikePattern(scope).slice(0, -1)));
  const sum = (list: typeof inScope) => list.reduce((s, r) => s + BigInt(r.amount_fen), 0n).toString();
  return {
    records: inScope.length,
    totalFen: sum(inScope),
    bySource: Object.values(FundingSource).map((source) => {
      const list = inScope.filter((r) => r.source === source);
      return { source, records: list.length, amountFen: sum(list) };
    }),
    byQuarter: [1, 2, 3, 4].map((quarter) => ({
      quarter: `${year}Q${quarter}`,
      amountFen: sum(inScope.filter((r) => Math.ceil(Number(r.month) / 3) === quarter)),
    })),
  };
}
