import { notFound } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { EntityManager } from 'typeorm';
import { PartyMemberEntity } from './party-member.entity.js';
import type { MemberStage, StageChangeKind } from './party-member.type.js';

type Queryable = Pick<EntityManager, 'query'>;

/** A member's row as written (`seq` is the table's own). */
export type PartyMemberRow = Omit<PartyMemberEntity, 'seq'>;

/**
 * The one writer of `party_member` rows: the service's inserts and changes, an import's batches and the
 * seed all write through here. The column of each property of the row: the type asks for every property
 * of the entity, so a new column that is not added here does not compile, and no way of writing members
 * can leave it out.
 */
const COLUMN_OF: { readonly [Property in keyof PartyMemberRow]-?: string } = {
  id: 'id',
  name: 'name',
  stage: 'stage',
  stageSince: 'stage_since',
  socialOrganizationId: 'social_organization_id',
  regionCode: 'region_code',
  status: 'status',
  branchId: 'branch_id',
  appliedOn: 'applied_on',
  birthDate: 'birth_date',
  idNumberEnc: 'id_number_enc',
  idNumberHash: 'id_number_hash',
  phoneEnc: 'phone_enc',
  phoneHash: 'phone_hash',
  probationExtendedMonths: 'probation_extended_months',
  introducers: 'introducers',
  workRole: 'work_role',
};
const PROPERTIES = Object.keys(COLUMN_OF) as Array<keyof PartyMemberRow>;
const COLUMNS = PROPERTIES.map((property) => COLUMN_OF[property]);

/** A member's values in the order of `COLUMNS` (`id` first). */
export function memberValues(member: PartyMemberRow): unknown[] {
  return PROPERTIES.map((property) => member[property]);
}

/**
 * The head of a multi-row insert of members and the placeholders of one row. `ignore` for the seed, which
 * may run again over rows already there; every other writer wants a duplicate refused.
 */
export function memberInsert({ ignore = false }: { ignore?: boolean } = {}): { head: string; row: string } {
  return {
    head: `${ignore ? 'INSERT IGNORE INTO party_member' : 'INSERT INTO party_member'} (${COLUMNS.join(', ')})`,
    row: `(${COLUMNS.map(() => '?').join(', ')})`,
  };
}

/** Inserts members in one statement; the unique hashes refuse duplicates. */
export async function insertMembers(q: Queryable, members: readonly PartyMemberRow[]): Promise<void> {
  if (members.length === 0) return;
  const { head, row } = memberInsert();
  await q.query(`${head} VALUES ${members.map(() => row).join(', ')}`, members.flatMap(memberValues));
}

/** Writes a member's changed row (every column but its id). */
export async function updateMember(q: Queryable, member: PartyMemberRow): Promise<void> {
  const [id, ...rest] = memberValues(member);
  await q.query(
    `UPDATE party_member SET ${COLUMNS.slice(1)
      .map((column) => `${column} = ?`)
      .join(', ')} WHERE id = ?`,
    [...rest, id],
  );
}

/** A member's row, locked, for services that record something about the member. */
export async function lockMember(
  manager: EntityManager,
  memberId: string,
  field: string,
  viewer: Viewer,
): Promise<PartyMemberEntity> {
  const member = await manager
    .getRepository(PartyMemberEntity)
    .createQueryBuilder('m')
    .setLock('pessimistic_write')
    .where('m.id = :id', { id: memberId })
    .getOne();
  if (!member || !isWithinRegion(member.regionCode, viewer.regionCode))
    throw notFound(`${field}: no member ${memberId} in your region.`);
  return member;
}

/** One dated entry of a member's history, as the change leaves the member. */
export interface StageChangeEntry {
  kind: StageChangeKind;
  fromStage: MemberStage | null;
  effectiveOn: string;
  approvedBy: string;
  note: string | null;
}

/** Appends an entry to the member's history (`stage_change`), at the member's stage and region now. */
export async function writeStageChange(
  q: Queryable,
  member: PartyMemberRow,
  change: StageChangeEntry,
  viewer: Viewer,
): Promise<void> {
  await q.query(
    `INSERT INTO stage_change (member_id, kind, from_stage, to_stage, effective_on, approved_by, recorded_by, note, region_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      member.id,
      change.kind,
      change.fromStage,
      member.stage,
      change.effectiveOn,
      change.approvedBy,
      viewer.subject,
      change.note,
      member.regionCode,
    ],
  );
}
