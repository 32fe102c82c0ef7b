import { randomUUID } from 'node:crypto';
import { conflict } from '@pb/platform/errors';
import type { EntityManager } from 'typeorm';
import { refreshActiveUntil } from '../coverage/coverage-summary.js';
import { refreshPartySize } from '../coverage/party-size.js';

/**
 * A Party organization's cover of an organization over time (`party_coverage`), and the active cover the
 * organization's row keeps (`party_organization_id`, `coverage_mode`, `covered_since`), written together:
 * the statistics, the alerts and the list filters read the organization's row alone.
 */

/**
 * Starts the cover of an organization on `since`, the rules checked (see `checkCover`): the unique key of
 * the active cover refuses a second one that raced past the checks (CONFLICT, `ONE_ACTIVE_COVER`).
 */
export async function startPartyCover(
  manager: EntityManager,
  party: { id: string; formationMode: string },
  organization: { id: string; name: string },
  since: string,
  field: string,
): Promise<void> {
  try {
    await manager.query(
      'INSERT INTO party_coverage (id, party_organization_id, social_organization_id, since) VALUES (?, ?, ?, ?)',
      [randomUUID(), party.id, organization.id, since],
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
      throw conflict(`${field}: "${organization.name}" was covered a moment ago by another request.`, {
        rule: 'ONE_ACTIVE_COVER',
      });
    }
    throw error;
  }
  await manager.query(
    `UPDATE social_organization SET party_organization_id = ?, coverage_mode = ?, covered_since = ?,
            first_covered_at = LEAST(COALESCE(first_covered_at, ?), ?)
      WHERE id = ?`,
    [party.id, party.formationMode, since, since, since, organization.id],
  );
  await refreshPartySize(manager, party.id);
}

/**
 * Ends an organization's active Party cover on `on` (not before the cover began), and with it the cross
 * appointments held in that Party organization.
 */
export async function endPartyCover(
  manager: EntityManager,
  socialOrganizationId: string,
  on: string,
): Promise<void> {
  await manager.query(
    'UPDATE party_coverage SET until = GREATEST(since, ?) WHERE social_organization_id = ? AND until IS NULL',
    [on, socialOrganizationId],
  );
  // a cross appointment holds a post in the covering Party organization: it ends with the cover
  await manager.query(
    `UPDATE cross_appointment c JOIN social_organization o ON o.id = c.social_organization_id
        SET c.until = GREATEST(c.since, ?)
      WHERE c.social_organization_id = ? AND c.party_organization_id = o.party_organization_id
        AND (c.until IS NULL OR c.until > ?)`,
    [on, socialOrganizationId, on],
  );
  await refreshActiveUntil(manager, 'cross_appointment', socialOrganizationId);
  const [cover] = (await manager.query('SELECT party_organization_id FROM social_organization WHERE id = ?', [
    socialOrganizationId,
  ])) as Array<{ party_organization_id: string | null }>;
  await manager.query(
    'UPDATE social_organization SET party_organization_id = NULL, coverage_mode = NULL, covered_since = NULL WHERE id = ?',
    [socialOrganizationId],
  );
  await refreshPartySize(manager, cover?.party_organization_id ?? null);
}
