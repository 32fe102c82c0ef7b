import { notFound } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { refreshActiveUntil } from './coverage/coverage-summary.js';
import { anyDate, notBefore } from './dates.js';
import type { Announcer, ChangeSet } from './events/announcer.js';

/** The rows of an organization-owned table for each organization asked, in one query, oldest first. */
async function rowsByOrganization<E extends ObjectLiteral & { socialOrganizationId: string }>(
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

/**
 * `rows` in the order of `ids`, null for an id none has: what a DataLoader batch returns. `visible` drops
 * the rows outside the viewer's region, which then read as absent.
 */
export function inOrderAsked<R extends { id: string; regionCode: string }>(
  ids: readonly string[],
  rows: readonly R[],
  viewer?: Viewer,
): Array<R | null> {
  const visible = viewer ? rows.filter((row) => isWithinRegion(row.regionCode, viewer.regionCode)) : rows;
  const byId = new Map(visible.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Locks a region-carrying row by id for a write: NOT_FOUND naming `field` and `what` when absent or outside
 * the viewer's region (the same answer, so a write cannot probe another region's ids).
 */
export async function lockInRegion<E extends ObjectLiteral & { regionCode: string }>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string,
  viewer: Viewer,
  what: string,
  field = 'id',
): Promise<E> {
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id })
    .getOne();
  if (!row || !isWithinRegion(row.regionCode, viewer.regionCode)) {
    throw notFound(`${field}: no ${what} "${id}" in your region.`);
  }
  return row;
}

/** A row of an organization's dated records: active from `since` through `until` (null: open-ended). */
type DatedRow = ObjectLiteral & {
  id: string;
  regionCode: string;
  socialOrganizationId: string;
  since: string;
};

/**
 * An organization's dated records of one kind (work-coverage measures, cross appointments), each summarized
 * on the organization's row (see coverage-summary.ts): what the two kinds' services share, their end, their
 * reads and the summary kept on each change, so the rules of a dated record live once.
 */
export class DatedRecords<E extends DatedRow, T> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: Announcer,
    private readonly kind: {
      entity: EntityTarget<E>;
      table: 'work_coverage' | 'cross_appointment';
      /** Its name in an error (`no work-coverage measure "…" in your region`). */
      what: string;
      /** The row as the API shows it to `viewer` (a person's name masked without read:personal). */
      toType(row: E, viewer: Viewer): T;
    },
  ) {}

  /** After a record of `organization` was added or changed in `manager`: the summary and the figures follow. */
  async changed(
    manager: EntityManager,
    changes: ChangeSet,
    organization: { id: string; regionCode: string },
  ): Promise<void> {
    await refreshActiveUntil(manager, this.kind.table, organization.id);
    changes.regionCodes.add(organization.regionCode);
  }

  /** Sets a record's last day, not before it began (today or earlier ends it now; a later day plans its end). */
  async end(id: string, until: string, viewer: Viewer): Promise<T> {
    viewer.require('write:records');
    const date = anyDate('until', until);
    await this.announcer.write(async (manager, changes) => {
      const row = await this.lock(manager, id, viewer);
      notBefore('until', date, 'since', row.since);
      await manager.query(`UPDATE ${this.kind.table} SET until = ? WHERE id = ?`, [date, id]);
      await this.changed(manager, changes, { id: row.socialOrganizationId, regionCode: row.regionCode });
    });
    return this.load(id, viewer);
  }

  /** Locks a record for a write: NOT_FOUND when absent or outside the viewer's region. */
  lock(manager: EntityManager, id: string, viewer: Viewer): Promise<E> {
    return lockInRegion(manager, this.kind.entity, id, viewer, this.kind.what);
  }

  /** Every record of each organization asked, in one query, oldest first. */
  async forOrganizations(ids: readonly string[], viewer: Viewer): Promise<T[][]> {
    const rows = await rowsByOrganization(this.dataSource, this.kind.entity, ids);
    return rows.map((list) => list.map((row) => this.kind.toType(row, viewer)));
  }

  /** Loads a record after a write (the writer's own view: scoping was checked before). */
  async load(id: string, viewer: Viewer): Promise<T> {
    const row = await this.dataSource
      .getRepository(this.kind.entity)
      .findOneByOrFail({ id } as FindOptionsWhere<E>);
    return this.kind.toType(row, viewer);
  }
}

/**
 * The rows `insert` added to `table`, when it skips existing rows (`ignoreExisting`: a seed run again) and
 * must mark only those it inserted: the rows not there before, and there after (a row skipped for another
 * unique key, as an organization's USCC, is not there under its id either). Without `ignoreExisting` an
 * existing row fails the insert, so every row was added.
 */
export async function insertedRows<R extends { id: string }>(
  manager: Pick<EntityManager, 'query'>,
  table: 'social_organization' | 'party_organization',
  rows: readonly R[],
  ignoreExisting: boolean,
  insert: () => Promise<unknown>,
): Promise<R[]> {
  const ids = (wanted: readonly R[]) =>
    manager.query(`SELECT id FROM ${table} WHERE id IN (?)`, [wanted.map((r) => r.id)]) as Promise<
      Array<{ id: string }>
    >;
  const before = ignoreExisting ? new Set((await ids(rows)).map((row) => row.id)) : new Set<string>();
  await insert();
  const added = rows.filter((r) => !before.has(r.id));
  if (!ignoreExisting || added.length === 0) return added;
  const present = new Set((await ids(added)).map((row) => row.id));
  return added.filter((r) => present.has(r.id));
}
