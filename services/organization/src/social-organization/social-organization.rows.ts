import type { EntityManager } from 'typeorm';
import type { ChangeSet } from '../events/announcer.js';
import { insertedRows } from '../records.js';
import { RegistrationLevel } from './social-organization.type.js';

/** A `social_organization` row to insert: a registration, and for loaded data (the seed) what it already has. */
export interface OrganizationRow {
  id: string;
  uscc: string;
  name: string;
  type: string;
  regionCode: string;
  registeredAt: string;
  registrationAuthority: string;
  registrationLevel?: string | null;
  category?: string | null;
  supervisingUnit?: string | null;
  staffCount: number;
  charterClause: string;
  charterChangedAt: string | null;
  /** A count known at load time, reported as version 0 so that any real report supersedes it. */
  fullMemberCount?: number;
  partyOrganizationId?: string | null;
  coverageMode?: string | null;
  coveredSince?: string | null;
  firstCoveredAt?: string | null;
}

/**
 * The only statement that inserts social organizations (registration, import and seed alike): it marks
 * each row it inserted in `changes`, which the announcer stages as a `SocialOrganizationChanged` event in
 * the same transaction, so no way of adding organizations can leave party-work's copy without them.
 * `ignoreExisting` skips rows whose id or USCC is already there (a seed run again) and marks only the
 * rows inserted; otherwise a duplicate USCC fails as ER_DUP_ENTRY. Returns the ids inserted. The
 * statement stays here, the one place (events/write-paths.test.ts checks it).
 */
export async function insertOrganizationRows(
  manager: EntityManager,
  rows: readonly OrganizationRow[],
  changes: ChangeSet,
  { ignoreExisting = false } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await insertedRows(manager, 'social_organization', rows, ignoreExisting, () =>
    manager.query(
      `INSERT ${ignoreExisting ? 'IGNORE ' : ''}INTO social_organization
      (id, uscc, name, type, region_code, registered_at, registration_authority, registration_level, category,
       supervising_unit, staff_count, status, charter_clause, charter_changed_at, full_member_count,
       full_member_count_version, full_member_count_reported_at, party_organization_id, coverage_mode,
       covered_since, first_covered_at, version)
     VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 0, ?, ?, ?, ?, ?, 1)").join(', ')}`,
      rows.flatMap((r) => [
        r.id,
        r.uscc,
        r.name,
        r.type,
        r.regionCode,
        r.registeredAt,
        r.registrationAuthority,
        r.registrationLevel ?? RegistrationLevel.COUNTY,
        r.category ?? null,
        r.supervisingUnit ?? null,
        r.staffCount,
        r.charterClause,
        r.charterChangedAt,
        r.fullMemberCount ?? 0,
        r.fullMemberCount === undefined ? null : new Date(),
        r.partyOrganizationId ?? null,
        r.coverageMode ?? null,
        r.coveredSince ?? null,
        r.firstCoveredAt ?? null,
      ]),
    ),
  );
  for (const row of inserted) changes.organization(row.id, row.regionCode);
  return inserted.map((r) => r.id);
}
