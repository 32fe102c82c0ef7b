import type { EntityManager } from 'typeorm';
import type { ChangeSet } from '../events/announcer.js';
import { insertedRows } from '../records.js';

/** A `party_organization` row to insert. */
export interface PartyOrganizationRow {
  id: string;
  name: string;
  type: string;
  formationMode: string;
  regionCode: string;
  parentId: string | null;
  establishedAt: string;
  hasCommittee: boolean;
}

/**
 * The only statement that inserts Party organizations (establishment and seed alike): it marks each row
 * inserted in `changes`, so the announcer stages its `PartyOrganizationChanged` event (with the covers the
 * same transaction adds) before the transaction commits. `ignoreExisting` skips ids already there (a seed
 * run again) and marks only the rows inserted. Returns the ids inserted. The statement stays here, the one
 * place (events/write-paths.test.ts checks it).
 */
export async function insertPartyOrganizationRows(
  manager: EntityManager,
  rows: readonly PartyOrganizationRow[],
  changes: ChangeSet,
  { ignoreExisting = false } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await insertedRows(manager, 'party_organization', rows, ignoreExisting, () =>
    manager.query(
      `INSERT ${ignoreExisting ? 'IGNORE ' : ''}INTO party_organization
      (id, name, type, formation_mode, region_code, parent_id, established_at, has_committee, version)
     VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
      rows.flatMap((r) => [
        r.id,
        r.name,
        r.type,
        r.formationMode,
        r.regionCode,
        r.parentId,
        r.establishedAt,
        r.hasCommittee ? 1 : 0,
      ]),
    ),
  );
  for (const row of inserted) changes.partyOrganization(row.id, row.regionCode);
  return inserted.map((r) => r.id);
}
