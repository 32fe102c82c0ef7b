import {
  type DemoOrganization,
  demoCoverage,
  demoFullMemberCounts,
  demoMembers,
  demoOrganizations,
  insertInBatches,
} from '@pb/platform';
import type { DataSource } from 'typeorm';
import { today } from './dates.js';
import { refreshAllPartySizes } from './records.js';

const OPEN_ENDED = '9999-12-31';

/**
 * Loads the deterministic demo data set: N organizations (the same ones party-work seeds members of),
 * with the full-member counts those members make (reported as version 0, so any real report from
 * party-work supersedes them), Party organizations and their covers, work coverage, charter clauses and
 * cross appointments. Rows go in as multi-row inserts; `INSERT IGNORE` on the ids and USCCs makes seeding
 * twice add nothing.
 */
export async function seedOrganizations(
  dataSource: DataSource,
  count: number,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const organizations = demoOrganizations(count);
  const counts = demoFullMemberCounts(demoMembers(organizations));
  const coverage = demoCoverage(organizations, counts, { referenceDay: today() });
  log(
    `generated ${organizations.length} organizations, ${coverage.partyOrganizations.length} Party organizations`,
  );

  const coverOf = new Map<string, { partyId: string; mode: string; since: string }>();
  for (const party of coverage.partyOrganizations) {
    for (const id of party.coveredOrganizationIds) {
      coverOf.set(id, { partyId: party.id, mode: party.formationMode, since: party.establishedAt });
    }
  }
  const firstWork = new Map<string, string>();
  for (const measure of coverage.workCoverage) {
    const current = firstWork.get(measure.socialOrganizationId);
    if (!current || measure.since < current) firstWork.set(measure.socialOrganizationId, measure.since);
  }
  const appointed = new Set(coverage.crossAppointments.map((a) => a.socialOrganizationId));
  const progress = (what: string) => (done: number, total: number) => {
    if (done === total || done % 20_000 === 0)
      log(`${what} ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };

  await insertInBatches(
    dataSource,
    {
      head: `INSERT IGNORE INTO social_organization
        (id, uscc, name, type, region_code, registered_at, registration_authority, staff_count, status,
         charter_clause, charter_changed_at, full_member_count, full_member_count_version, full_member_count_reported_at,
         party_organization_id, coverage_mode, covered_since, first_covered_at, work_covered_until,
         cross_appointed_until, version)`,
      row: "(?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 0, CURRENT_TIMESTAMP(3), ?, ?, ?, ?, ?, ?, 1)",
      values: (o: DemoOrganization) => {
        const charter = coverage.charters.get(o.id)!;
        const cover = coverOf.get(o.id);
        const work = firstWork.get(o.id);
        const first = [cover?.since, work].filter((d): d is string => !!d).sort()[0] ?? null;
        return [
          o.id,
          o.uscc,
          o.name,
          o.type,
          o.regionCode,
          o.registeredAt,
          o.registrationAuthority,
          o.staffCount,
          charter.clause,
          charter.changedAt,
          counts.get(o.id) ?? 0,
          cover?.partyId ?? null,
          cover?.mode ?? null,
          cover?.since ?? null,
          first,
          // demo measures and appointments are open-ended
          work ? OPEN_ENDED : null,
          appointed.has(o.id) ? OPEN_ENDED : null,
        ];
      },
    },
    organizations,
    progress('seeded organizations'),
  );
  // the registration of each organization seeded now (none twice, when seeding again)
  await dataSource.query(
    `INSERT INTO social_organization_change (social_organization_id, kind, effective_on, recorded_by)
     SELECT o.id, 'REGISTERED', o.registered_at, 'seed' FROM social_organization o
      WHERE NOT EXISTS (SELECT 1 FROM social_organization_change c WHERE c.social_organization_id = o.id)`,
  );
  await insertInBatches(
    dataSource,
    {
      head: `INSERT IGNORE INTO party_organization
        (id, name, type, formation_mode, region_code, parent_id, established_at, has_committee, version)`,
      row: '(?, ?, ?, ?, ?, ?, ?, ?, 1)',
      values: (p) => [
        p.id,
        p.name,
        p.type,
        p.formationMode,
        p.regionCode,
        p.parentId,
        p.establishedAt,
        p.hasCommittee ? 1 : 0,
      ],
    },
    coverage.partyOrganizations,
    progress('seeded Party organizations'),
  );
  const covers = coverage.partyOrganizations.flatMap((p) =>
    p.coveredOrganizationIds.map((organizationId) => ({
      id: `${p.id.slice(0, 24)}${organizationId.slice(24)}`,
      p,
      organizationId,
    })),
  );
  await insertInBatches(
    dataSource,
    {
      head: 'INSERT IGNORE INTO party_coverage (id, party_organization_id, social_organization_id, since)',
      row: '(?, ?, ?, ?)',
      values: (c) => [c.id, c.p.id, c.organizationId, c.p.establishedAt],
    },
    covers,
    progress('seeded covers'),
  );
  // sizes follow from the covers and member counts just loaded (the services keep them so on each change)
  await refreshAllPartySizes(dataSource);
  await insertInBatches(
    dataSource,
    {
      head: `INSERT IGNORE INTO work_coverage
        (id, social_organization_id, region_code, kind, person_name, since, last_contact_at)`,
      row: '(?, ?, ?, ?, ?, ?, ?)',
      values: (w) => [
        w.id,
        w.socialOrganizationId,
        w.regionCode,
        w.kind,
        w.personName,
        w.since,
        w.lastContactAt,
      ],
    },
    coverage.workCoverage,
    progress('seeded work coverage'),
  );
  await insertInBatches(
    dataSource,
    {
      head: `INSERT IGNORE INTO cross_appointment (id, social_organization_id, party_organization_id, region_code,
        person_name, party_post, management_post, direction, since)`,
      row: '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
      values: (a) => [
        a.id,
        a.socialOrganizationId,
        a.partyOrganizationId,
        a.regionCode,
        a.personName,
        a.partyPost,
        a.managementPost,
        a.direction,
        a.since,
      ],
    },
    coverage.crossAppointments,
    progress('seeded cross appointments'),
  );
  // the coverage figures' cells are recomputed from the seeded rows on the next read or server start
  await dataSource.query('DELETE FROM coverage_cell');
  log(`seeded ${organizations.length} organizations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
