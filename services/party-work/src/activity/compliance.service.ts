import type { DataSource } from 'typeorm';
import { partyOrganizationReference } from '../party-organization/party-organization.type.js';
import { quarterlyFloors } from '../statistics/activity-aggregates/activity-aggregates.js';
import { ComplianceReport } from './activity.type.js';

/** 三会一课 of branches against the quarterly floors (domain.md). */
export class ComplianceService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each branch's 三会一课 in a quarter against the floors, in the order asked: one query for any number of
   * branches. The caller has checked that each branch is known and visible to the viewer.
   */
  async complianceOf(
    branches: ReadonlyArray<{ id: string; hasCommittee: boolean }>,
    quarter: string,
  ): Promise<ComplianceReport[]> {
    if (branches.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT branch_id, type, COUNT(*) AS n FROM activity
       WHERE branch_id IN (?) AND quarter = ? AND superseded_by IS NULL GROUP BY branch_id, type`,
      [branches.map((b) => b.id), quarter],
    )) as Array<{ branch_id: string; type: string; n: string }>;
    const held = new Map(rows.map((r) => [`${r.branch_id}/${r.type}`, Number(r.n)]));
    return branches.map((branch) => {
      const items = quarterlyFloors(branch.hasCommittee).map(([type, required]) => ({
        type,
        required,
        held: held.get(`${branch.id}/${type}`) ?? 0,
      }));
      const required = items.reduce((s, i) => s + i.required, 0);
      const met = items.reduce((s, i) => s + Math.min(i.held, i.required), 0);
      return Object.assign(new ComplianceReport(), {
        branch: partyOrganizationReference(branch.id),
        quarter,
        items,
        compliant: items.every((i) => i.held >= i.required),
        rate: required === 0 ? 0 : met / required,
      });
    });
  }
}
