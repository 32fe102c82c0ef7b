import { isWithinRegion, notFound, type Viewer } from '@pb/platform';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { notBefore } from './dates.js';
import type { ChangeSet } from './events/announcer.js';

/** The rows of an organization-owned table for each organization asked, in one query, oldest first. */
export async function rowsByOrganization<E extends ObjectLiteral & { socialOrganizationId: string }>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  ids: readonly string[],
): Promise<E[][]> {
  const rows = await dataSource
    .getRepository(entity)
    .createQueryBuilder('r')
    .where('r.social_organization_id IN (:...ids)', { ids: [...ids] })
    .orderBy('r.seq')
    .getMany();
  return ids.map((id) => rows.filter((row) => row.socialOrganizationId === id));
}

/** Locks a region-carrying row by id for a write: NOT_FOUND naming `what` when absent or outside the viewer. */
export async function lockInRegion<E extends ObjectLiteral & { regionCode: string }>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string,
  viewer: Viewer,
  what: string,
): Promise<E> {
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id })
    .getOne();
  if (!row || !isWithinRegion(row.regionCode, viewer.regionCode)) {
    throw notFound(`id: no ${what} "${id}" in your region.`);
  }
  return row;
}

/**
 * Recomputes an organization's summary of one kind of record (see the CoverageSummary migration): the
 * last day any of them is active, '9999-12-31' when one is open-ended, NULL when there are none.
 */
export async function refreshActiveUntil(
  manager: EntityManager,
  table: 'work_coverage' | 'cross_appointment',
  socialOrganizationId: string,
): Promise<void> {
  const column = table === 'work_coverage' ? 'work_covered_until' : 'cross_appointed_until';
  await manager.query(
    `UPDATE social_organization SET ${column} =
       (SELECT MAX(COALESCE(r.until, '9999-12-31')) FROM ${table} r WHERE r.social_organization_id = ?)
      WHERE id = ?`,
    [socialOrganizationId, socialOrganizationId],
  );
}

/** Sets the last day of a measure or an appointment (not before it began) and refreshes the summary. */
export async function endDatedRecord<
  E extends ObjectLiteral & { regionCode: string; socialOrganizationId: string; since: string },
>(
  manager: EntityManager,
  changes: ChangeSet,
  record: { entity: EntityTarget<E>; table: 'work_coverage' | 'cross_appointment'; what: string },
  id: string,
  until: string,
  viewer: Viewer,
): Promise<void> {
  const row = await lockInRegion(manager, record.entity, id, viewer, record.what);
  notBefore('until', until, 'since', row.since);
  await manager.query(`UPDATE ${record.table} SET until = ? WHERE id = ?`, [until, id]);
  await refreshActiveUntil(manager, record.table, row.socialOrganizationId);
  changes.regionCodes.add(row.regionCode);
}

/** A Party organization's size from the organizations it covers now (see its migration). */
const PARTY_SIZE = `UPDATE party_organization p
    SET covered_units = (SELECT COUNT(*) FROM social_organization o WHERE o.party_organization_id = p.id),
        covered_full_members = (SELECT COALESCE(SUM(o.full_member_count), 0) FROM social_organization o
                                 WHERE o.party_organization_id = p.id)`;

/** Recomputes a Party organization's size from the organizations it covers now. */
export async function refreshPartySize(
  manager: EntityManager,
  partyOrganizationId: string | null,
): Promise<void> {
  if (!partyOrganizationId) return;
  await manager.query(`${PARTY_SIZE} WHERE p.id = ?`, [partyOrganizationId]);
}

/** Recomputes every Party organization's size (after rows were loaded in bulk, as by the seed). */
export async function refreshAllPartySizes(db: Pick<DataSource, 'query'>): Promise<void> {
  await db.query(PARTY_SIZE);
}

/**
 * The ids among `ids` that `table` already holds, when an insert skips existing rows (`ignoreExisting`:
 * a seed run again) and must mark only the rows it inserted; an empty set otherwise.
 */
export async function alreadyThere(
  manager: Pick<EntityManager, 'query'>,
  table: 'social_organization' | 'party_organization',
  ids: readonly string[],
  ignoreExisting: boolean,
): Promise<Set<string>> {
  if (!ignoreExisting) return new Set();
  const rows = (await manager.query(`SELECT id FROM ${table} WHERE id IN (?)`, [ids])) as Array<{
    id: string;
  }>;
  return new Set(rows.map((row) => row.id));
}
