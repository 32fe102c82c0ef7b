/**
 * The statistics oracle: every figure of party-work recomputed from the raw rows, apart from the service's
 * aggregates on purpose. It derives what the service keeps denormalized: a member's stage and status from
 * the history, regions from the replicas, the latest version of an activity from the correction links, the
 * quarter from the time held. Used by this subgraph's oracle test and by the system's truth test, which
 * runs it against a running system's database.
 */

/** Anything that runs SQL and resolves to the rows: a TypeORM DataSource, or a system test's pool. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

// each statistic's oracle is a file of its own beside this one; named here, so importers need only this
// file (training's, apart from the start, is imported from its own)
export { oracleActivityStats } from './activity-oracle.test-helper.js';
export { oracleAppraisalStats } from './appraisal-oracle.test-helper.js';
export { oracleFundingStats } from './funding-oracle.test-helper.js';
export { keptCells, oracleKeptCells } from './kept-cells-oracle.test-helper.js';
export { oracleMemberStats } from './member-oracle.test-helper.js';
export { oracleSecretaryStats } from './secretary-oracle.test-helper.js';
export { oracleTalkStats } from './talk-oracle.test-helper.js';
