import { isWithinRegion, notFound, type Viewer } from '@pb/platform';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

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
