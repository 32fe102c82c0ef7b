import { RegionStatistic } from '@pb/platform/live-figure';
import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { StaffRole } from '../staff/staff.type.js';
import { type FigureSetting, figureChannel } from '../statistics/live-figures.js';
import { childRegionsHolding, scopeCells } from '../statistics/region-cells.js';
import { SecretaryStats, StaffRoleCount } from './secretary-stats.type.js';

/**
 * 书记配备率, reserve talent and staff by role of a region and everything below it, read as a snapshot or
 * watched live: a sum over the cells kept per region (`statistics/secretary-cells/`), as of the kept day.
 */
export class SecretaryStatsService extends RegionStatistic<SecretaryStats> {
  constructor(
    private readonly dataSource: DataSource,
    setting: FigureSetting,
  ) {
    // walls at every level read it on open and after each change: one computation per change (the day's
    // roll of the cells starts a new version, see WorkAlertKeeper.reconcile)
    super(figureChannel('secretary-stats', setting, 3600));
  }

  /**
   * After the cells moved to a new day: a new version, so no figure kept in Redis outlives the roll, and
   * the national and provincial figures published (a city's or county's goes out with its next change).
   */
  async rolled(): Promise<void> {
    const codes = (await this.dataSource.query(
      'SELECT DISTINCT LEFT(region_code, 2) AS province FROM secretary_cell',
    )) as Array<{ province: string }>;
    await this.startVersion();
    for (const { province } of codes) await this.changed(`${province}0000`);
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
    return this.snapshotMany(
      childRegionsHolding(
        parent,
        codes.map(({ region_code }) => region_code),
      ),
      viewer,
    );
  }

  /** The figures of several scopes from one read of the cells grouped per child region, summed here. */
  protected async compute(scopes: Array<string | null>, version: string): Promise<SecretaryStats[]> {
    const { where, params, region } = scopeCells(scopes);
    const cells = (await this.dataSource.query(
      `SELECT ${region} AS region_code, type, role, SUM(organizations) AS organizations, SUM(people) AS people
         FROM secretary_cell ${where} GROUP BY ${region}, type, role`,
      params,
    )) as Array<{
      region_code: string;
      type: string;
      role: string;
      organizations: string | number;
      people: string | number;
    }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const people = new Map<string, number>(Object.values(StaffRole).map((role) => [role, 0]));
      // organizations per role ('' all of them), over every type and over branches
      const all = new Map<string, number>();
      const ofBranches = new Map<string, number>();
      const add = (map: Map<string, number>, role: string, n: number) =>
        map.set(role, (map.get(role) ?? 0) + n);
      for (const cell of cells) {
        if (!isWithinRegion(cell.region_code, scope)) continue;
        if (cell.role) add(people, cell.role, Number(cell.people));
        add(all, cell.role, Number(cell.organizations));
        if (cell.type === 'BRANCH') add(ofBranches, cell.role, Number(cell.organizations));
      }
      const partyOrganizations = all.get('') ?? 0;
      const withSecretary = all.get(StaffRole.SECRETARY) ?? 0;
      const branches = ofBranches.get('') ?? 0;
      const branchesWithSecretary = ofBranches.get(StaffRole.SECRETARY) ?? 0;
      const branchesWithReserveTalent = ofBranches.get(StaffRole.RESERVE_TALENT) ?? 0;
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
