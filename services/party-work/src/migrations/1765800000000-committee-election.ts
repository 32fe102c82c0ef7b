import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 换届: each election of a Party organization's committee, with the term it was elected for and the day the
 * term ends (elected_on plus term_years, kept so the COMMITTEE_TERM_ENDED rule and reads need no date
 * arithmetic in SQL). A Party organization's newest election is found by the (organization, day) key.
 */
export class CommitteeElection1765800000000 implements MigrationInterface {
  name = 'CommitteeElection1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE committee_election (
        seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
        id CHAR(36) NOT NULL,
        party_organization_id CHAR(36) NOT NULL,
        elected_on DATE NOT NULL,
        term_years TINYINT NOT NULL,
        ends_on DATE NOT NULL,
        recorded_by VARCHAR(128) NOT NULL,
        recorded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        UNIQUE KEY uq_committee_election_id (id),
        UNIQUE KEY uq_committee_election_day (party_organization_id, elected_on)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE committee_election');
  }
}
