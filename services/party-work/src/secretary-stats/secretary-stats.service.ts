import { today } from '@pb/platform/calendar';
import { RegionStatistic } from '@pb/platform/live-figure';
import { isWithinRegion, regionsWhere } from '@pb/platform/region-scope';
import type { DataSource } from 'typeorm';
import { regionReference } from '../region/region.type.js';
import { type FigureSetting, figureChannel } from '../statistics/live-figures.js';
import { SecretaryStats } from './secretary-stats.type.js';

/**
 * A Party organization active on a day: established by then and not dissolved (the first `?` and second
 * `?` are the day). One definition for this figure and the NO_SECRETARY work alert.
 */
export const ACTIVE_PARTY_ORGANIZATION = (alias: string) =>
  `${alias}.established_at <= ? AND (${alias}.dissolved_at IS NULL OR ${alias}.dissolved_at > ?)`;

/** A secretary assignment current on a day: begun and not ended (both `?` are the day). */
export const CURRENT_SECRETARY = (alias: string) =>
  `${alias}.role = 'SECRETARY' AND ${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

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
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
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
      });
    });
  }
}
