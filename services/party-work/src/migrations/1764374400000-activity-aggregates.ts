import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildActivityAggregates } from '../activity/activity-aggregates.js';

/**
 * Activity statistics kept incrementally, so a wall's read costs O(regions), not O(activities):
 * `activity_cell` (quarter, region, type, mode) serves the counts, online share and attendance of
 * activityStats by a range scan on (quarter, region prefix); `branch_quarter` holds each branch's held
 * count of every required type in a quarter (the inputs of its compliance); `compliance_cell` (quarter,
 * region) sums the branches' Σ min(held, required) and compliant flags for complianceRate. The covering
 * index on party_organization_replica serves the count of branches and of required meetings in scope.
 * Existing activities are aggregated once here.
 */
export class ActivityAggregates1764374400000 implements MigrationInterface {
  name = 'ActivityAggregates1764374400000';

  async up(q: QueryRunner): Promise<void> {
    const table = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
    await q.query(`
      CREATE TABLE activity_cell (
        quarter CHAR(6) NOT NULL,
        region_code CHAR(6) NOT NULL,
        type VARCHAR(32) NOT NULL,
        mode VARCHAR(8) NOT NULL,
        activities INT NOT NULL,
        attended BIGINT NOT NULL,
        due BIGINT NOT NULL,
        PRIMARY KEY (quarter, region_code, type, mode)
      ) ${table}`);
    await q.query(`
      CREATE TABLE branch_quarter (
        branch_id CHAR(36) NOT NULL,
        quarter CHAR(6) NOT NULL,
        general_meeting INT NOT NULL DEFAULT 0,
        committee_meeting INT NOT NULL DEFAULT 0,
        group_meeting INT NOT NULL DEFAULT 0,
        party_lecture INT NOT NULL DEFAULT 0,
        themed_party_day INT NOT NULL DEFAULT 0,
        PRIMARY KEY (branch_id, quarter)
      ) ${table}`);
    await q.query(`
      CREATE TABLE compliance_cell (
        quarter CHAR(6) NOT NULL,
        region_code CHAR(6) NOT NULL,
        met BIGINT NOT NULL,
        compliant INT NOT NULL,
        PRIMARY KEY (quarter, region_code)
      ) ${table}`);
    await q.query(`ALTER TABLE party_organization_replica
      ADD KEY idx_party_organization_replica_branches (type, region_code, established_at, dissolved_at, has_committee)`);
    await rebuildActivityAggregates(q.manager);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE party_organization_replica DROP INDEX idx_party_organization_replica_branches',
    );
    for (const t of ['compliance_cell', 'branch_quarter', 'activity_cell']) await q.query(`DROP TABLE ${t}`);
  }
}
