import { today } from '@pb/platform/calendar';
import { regionLikePattern } from '@pb/platform/region-scope';
import { partyOrganizations, rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * 书记配备率 and the staff figures from the raw rows, filtered here rather than in SQL: the Party
 * organizations (any type) established by `day` and not dissolved by it, and their assignments whose period
 * holds `day`: a secretary's for the rate (branches apart, as secretaryStats reports them); every role's for
 * the people by role, a person (member id, else name) once per Party organization and role.
 */
export async function oracleSecretaryStats(db: SqlRunner, scope: string | null, day = today()) {
  const organizations = await partyOrganizations(db);
  const assignments = await rows<{
    party_organization_id: string;
    role: string;
    person: string;
    from_on: string;
    to_on: string | null;
  }>(
    db,
    `SELECT party_organization_id, role, COALESCE(member_id, person_name) AS person,
            DATE_FORMAT(from_on, '%Y-%m-%d') AS from_on, DATE_FORMAT(to_on, '%Y-%m-%d') AS to_on
       FROM staff_assignment`,
  );
  const prefix = scope ? regionLikePattern(scope).slice(0, -1) : '';
  const active = organizations.filter(
    (o) =>
      o.region_code.startsWith(prefix) &&
      o.established_at <= day &&
      (o.dissolved_at === null || o.dissolved_at > day),
  );
  const activeIds = new Set(active.map((o) => o.id));
  const current = assignments.filter(
    (a) => activeIds.has(a.party_organization_id) && a.from_on <= day && (a.to_on === null || a.to_on >= day),
  );
  const holding = (role: string) =>
    new Set(current.filter((a) => a.role === role).map((a) => a.party_organization_id));
  const staffed = holding('SECRETARY');
  const reserved = holding('RESERVE_TALENT');
  const branches = active.filter((o) => o.type === 'BRANCH');
  const withSecretary = active.filter((o) => staffed.has(o.id)).length;
  const staffByRole = STAFF_ROLES.map((role) => ({
    role,
    people: new Set(
      current.filter((a) => a.role === role).map((a) => `${a.party_organization_id}|${a.person}`),
    ).size,
  }));
  return {
    partyOrganizations: active.length,
    withSecretary,
    secretaryRate: active.length ? withSecretary / active.length : 0,
    branches: branches.length,
    branchesWithSecretary: branches.filter((o) => staffed.has(o.id)).length,
    reserveTalent: staffByRole.find((r) => r.role === 'RESERVE_TALENT')!.people,
    branchesWithReserveTalent: branches.filter((o) => reserved.has(o.id)).length,
    staffByRole,
  };
}

/** The roles in the order the figure lists them, written out here rather than taken from the enum. */
const STAFF_ROLES = [
  'SECRETARY',
  'DEPUTY_SECRETARY',
  'COMMITTEE_MEMBER',
  'FULL_TIME_STAFF',
  'PART_TIME_STAFF',
  'RESERVE_TALENT',
];
