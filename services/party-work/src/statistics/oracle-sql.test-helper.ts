import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * What the statistics oracles share: the rows of a query, and the Party organizations of the replica that
 * both the secretary figure and the kept branch cells count.
 */

type Rows<T> = Promise<T[]>;
export const rows = <T>(db: SqlRunner, sql: string, params: unknown[] = []) =>
  db.query(sql, params) as Rows<T>;

/** Every Party organization of the replica, with its dates as YYYY-MM-DD. */
export function partyOrganizations(db: SqlRunner) {
  return rows<{
    id: string;
    type: string;
    region_code: string;
    has_committee: number;
    established_at: string;
    dissolved_at: string | null;
  }>(
    db,
    `SELECT id, type, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
            DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at FROM party_organization_replica`,
  );
}
