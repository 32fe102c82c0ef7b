import type { MigrationInterface, QueryRunner } from 'typeorm';

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
    // the cells of the activities already there, as rebuildActivityAggregates computed them that day
    await q.query(`
    INSERT INTO activity_cell (quarter, region_code, type, mode, activities, attended, due)
    SELECT quarter, region_code, type, mode, COUNT(*), SUM(present + online), SUM(expected - excused)
    FROM activity WHERE superseded_by IS NULL GROUP BY quarter, region_code, type, mode`);
    await q.query(`
    INSERT INTO branch_quarter (branch_id, quarter, general_meeting, committee_meeting, group_meeting, party_lecture, themed_party_day)
    SELECT branch_id, quarter, SUM(type = 'GENERAL_MEETING'), SUM(type = 'COMMITTEE_MEETING'), SUM(type = 'GROUP_MEETING'), SUM(type = 'PARTY_LECTURE'), SUM(type = 'THEMED_PARTY_DAY')
    FROM activity WHERE superseded_by IS NULL AND type IN ('GENERAL_MEETING', 'COMMITTEE_MEETING', 'GROUP_MEETING', 'PARTY_LECTURE', 'THEMED_PARTY_DAY')
    GROUP BY branch_id, quarter`);
    await q.query(`
    INSERT INTO compliance_cell (quarter, region_code, met, compliant)
    SELECT q.quarter, b.region_code,
           SUM(LEAST(q.general_meeting, 1) + IF(b.has_committee, LEAST(q.committee_meeting, 3), 0) + LEAST(q.group_meeting, 3)
               + LEAST(q.party_lecture, 1) + LEAST(q.themed_party_day, 3)),
           SUM(q.general_meeting >= 1 AND (NOT b.has_committee OR q.committee_meeting >= 3) AND q.group_meeting >= 3
               AND q.party_lecture >= 1 AND q.themed_party_day >= 3)
    FROM branch_quarter q JOIN party_organization_replica b ON b.id = q.branch_id
    WHERE b.type = 'BRANCH' AND b.established_at <= LAST_DAY(DATE_ADD(STR_TO_DATE(CONCAT(LEFT(q.quarter, 4), '-', (RIGHT(q.quarter, 1) - 1) * 3 + 1, '-01'), '%Y-%m-%d'), INTERVAL 2 MONTH))
      AND (b.dissolved_at IS NULL OR b.dissolved_at >= STR_TO_DATE(CONCAT(LEFT(q.quarter, 4), '-', (RIGHT(q.quarter, 1) - 1) * 3 + 1, '-01'), '%Y-%m-%d'))
    GROUP BY q.quarter, b.region_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE party_organization_replica DROP INDEX idx_party_organization_replica_branches',
    );
    for (const t of ['compliance_cell', 'branch_quarter', 'activity_cell']) await q.query(`DROP TABLE ${t}`);
  }
}
