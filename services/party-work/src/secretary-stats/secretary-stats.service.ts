import { today } from '@pb/platform/calendar';
import { RegionStatistic } from '@pb/platform/live-figure';
import { isWithinRegion, regionLikePattern, regionsWhere } from '@pb/platform/region-scope';
import { childRegionContaining } from '@pb/platform/regions';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { StaffRole } from '../staff/staff.type.js';
import { type FigureSetting, figureChannel } from '../statistics/live-figures.js';
import { SecretaryStats, StaffRoleCount } from './secretary-stats.type.js';

/**
 * A Party organization active on a day: established by then and not dissolved (the first `?` and second
 * `?` are the day). One definition for this figure and the NO_SECRETARY work alert.
 */
export const ACTIVE_PARTY_ORGANIZATION = (alias: string) =>
  `${alias}.established_at <= ? AND (${alias}.dissolved_at IS NULL OR ${alias}.dissolved_at > ?)`;

/** A secretary assignment current on a day: begun and not ended (both `?` are the day). */
export const CURRENT_SECRETARY = (alias: string) =>
  `${alias}.role = 'SECRETARY' AND ${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

/** An assignment of any role current on a day (both `?` are the day). */
export const CURRENT_ASSIGNMENT = (alias: string) =>
  `${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

/**
 * One person holding a post in a Party organization: the member when recorded, else the name as written,
 * so a person with two assignments of one role there (a post taken up again) counts once.
 */
export const ASSIGNED_PERSON = (alias: string) =>
  `${alias}.party_organization_id, COALESCE(${alias}.member_id, ${alias}.person_name)`;

/**
 * 书记配备率 of a region and everything below it, read as a snapshot or watched live. Computed from the rows
 * rather than kept in cells: whether a secretary is current depends on the day (an assignment may be dated
 * ahead or end on a date), so a cell would go stale at midnight; the read is one grouped query over the
 * Party organizations in scope, each probing its assignments by the (party_organization_id, role) index.
 */
export class SecretaryStatsService extends RegionStatistic<SecretaryStats> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    // computed from the rows of every Party organization in scope (about 0.6 s nationally at 100 000
    // organizations), so kept in Redis once computed, by version and by day: a change starts a new version
    // and a new day a new key, so no wall is served a figure older than a change or than today
    super(figureChannel('secretary-stats', setting, 3600));
  }

  /** One figure per child region of `parentCode` (provinces when null) that has Party organizations. */
  async byRegion(parentCode: string | null | undefined, viewer: Viewer): Promise<SecretaryStats[]> {
    viewer.require('read:aggregates');
    const parent = viewer.scope(parentCode, 'parentCode');
    // the distinct regions, which the replica's (type, region_code) index answers by a loose scan
    const codes = (await this.dataSource.query(
      `SELECT DISTINCT region_code FROM party_organization_replica ${parent ? 'WHERE region_code LIKE ?' : ''}`,
      parent ? [regionLikePattern(parent)] : [],
    )) as Array<{ region_code: string }>;
    const children = [
      ...new Set(codes.map(({ region_code }) => childRegionContaining(parent, region_code))),
    ].filter((child): child is string => child !== null);
    return this.snapshotMany(children.sort(), viewer);
  }

  /** The figures of several scopes from one read grouped per region and type, summed per scope here. */
  protected async compute(scopes: Array<string | null>, version: string): Promise<SecretaryStats[]> {
    const day = today();
    const { where, params } = regionsWhere(scopes, 'b.region_code');
    const cells = (await this.dataSource.query(
      `SELECT b.region_code, b.type, COUNT(*) AS organizations,
              SUM(EXISTS (SELECT 1 FROM staff_assignment s WHERE s.party_organization_id = b.id
                          AND ${CURRENT_SECRETARY('s')})) AS with_secretary
         FROM party_organization_replica b
         ${where ? `${where} AND` : 'WHERE'} ${ACTIVE_PARTY_ORGANIZATION('b')}
        GROUP BY b.region_code, b.type`,
      [day, day, ...params, day, day],
    )) as Array<{
      region_code: string;
      type: string;
      organizations: string | number;
      with_secretary: string | number;
    }>;
    // people in post by role, per region and type: (organization, person) pairs are distinct within a region
    // because an organization lies in one region, so the per-region counts add up over a scope
    const posts = (await this.dataSource.query(
      `SELECT b.region_code, b.type, s.role, COUNT(DISTINCT ${ASSIGNED_PERSON('s')}) AS people,
              COUNT(DISTINCT s.party_organization_id) AS organizations
         FROM staff_assignment s JOIN party_organization_replica b ON b.id = s.party_organization_id
         ${where ? `${where} AND` : 'WHERE'} ${ACTIVE_PARTY_ORGANIZATION('b')} AND ${CURRENT_ASSIGNMENT('s')}
        GROUP BY b.region_code, b.type, s.role`,
      [...params, day, day, day, day],
    )) as Array<{
      region_code: string;
      type: string;
      role: string;
      people: string | number;
      organizations: string | number;
    }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const people = new Map<string, number>(Object.values(StaffRole).map((role) => [role, 0]));
      let branchesWithReserveTalent = 0;
      for (const post of posts) {
        if (!isWithinRegion(post.region_code, scope)) continue;
        people.set(post.role, (people.get(post.role) ?? 0) + Number(post.people));
        if (post.type === 'BRANCH' && post.role === StaffRole.RESERVE_TALENT)
          branchesWithReserveTalent += Number(post.organizations);
      }
      let partyOrganizations = 0;
      let withSecretary = 0;
      let branches = 0;
      let branchesWithSecretary = 0;
      for (const cell of cells) {
        if (!isWithinRegion(cell.region_code, scope)) continue;
        partyOrganizations += Number(cell.organizations);
        withSecretary += Number(cell.with_secretary);
        if (cell.type === 'BRANCH') {
          branches += Number(cell.organizations);
          branchesWithSecretary += Number(cell.with_secretary);
        }
      }
      return Object.assign(new SecretaryStats(), {
        region: regionReference(scope),
        version,
        updatedAt,
        partyOrganizations,
        withSecretary,
        secretaryRate: partyOrganizations ? withSecretary / partyOrganizations : 0,
        branches,
        branchesWithSecretary,
        reserveTalent: people.get(StaffRole.RESERVE_TALENT) ?? 0,
        branchesWithReserveTalent,
        staffByRole: Object.values(StaffRole).map((role) =>
          Object.assign(new StaffRoleCount(), { role, people: people.get(role) ?? 0 }),
        ),
      });
    });
  }
}
