import type { EntityManager } from 'typeorm';
import type { Statistic } from '../statistics.js';

/**
 * Each Party organization's size, see the PartyOrganizationSize migration: the organizations it covers
 * now (`covered_units`) and their full members as party-work reported them (`covered_full_members`). The
 * STRUCTURE alerts read one row per Party organization, with no grouping.
 */

/** Recomputes a Party organization's size, after a cover or a covered organization's count changed. */
export async function refreshPartySize(
  manager: Pick<EntityManager, 'query'>,
  partyOrganizationId: string | null,
): Promise<void> {
  if (!partyOrganizationId) return;
  await manager.query(
    `UPDATE party_organization p
        SET covered_units = (SELECT COUNT(*) FROM social_organization o WHERE o.party_organization_id = p.id),
            covered_full_members = (SELECT COALESCE(SUM(o.full_member_count), 0) FROM social_organization o
                                     WHERE o.party_organization_id = p.id)
      WHERE p.id = ?`,
    [partyOrganizationId],
  );
}

/**
 * Every Party organization's size, in the subgraph's list of kept statistics: one grouped read of the
 * organizations joined to every Party organization, rather than two lookups per Party organization.
 */
export const partyOrganizationSizes: Statistic = {
  name: 'Party organization sizes (covered_units, covered_full_members)',
  async rebuild(manager) {
    await manager.query(`
      UPDATE party_organization p
        LEFT JOIN (SELECT party_organization_id AS id, COUNT(*) AS units, SUM(full_member_count) AS members
                     FROM social_organization WHERE party_organization_id IS NOT NULL GROUP BY party_organization_id) s
               ON s.id = p.id
         SET p.covered_units = COALESCE(s.units, 0), p.covered_full_members = COALESCE(s.members, 0)`);
  },
};
