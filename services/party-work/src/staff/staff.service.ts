import { randomUUID } from 'node:crypto';
import { readPlannedDate, today } from '@pb/platform/calendar';
import { badInput, conflict, notFound } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { recomputeSecretaryCells } from '../statistics/secretary-cells/secretary-cells.js';
import { postPerson } from '../statistics/training-cells/training-cells.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import type { AssignStaffInput, EndStaffAssignmentInput } from './staff.input.js';
import { StaffAssignment, StaffRole } from './staff.type.js';

type Row = {
  id: string;
  party_organization_id: string;
  role: string;
  person_name: string;
  member_id: string | null;
  from_on: string;
  to_on: string | null;
};
const COLUMNS =
  "id, party_organization_id, role, person_name, member_id, DATE_FORMAT(from_on, '%Y-%m-%d') AS from_on, DATE_FORMAT(to_on, '%Y-%m-%d') AS to_on";

/** Secretaries, deputies, committee members, Party-affairs staff and reserve talent, with dates. */
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly organizations: OrganizationReplicaService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async assign(input: AssignStaffInput, viewer: Viewer): Promise<StaffAssignment> {
    viewer.require('write:records');
    const organization = await this.organizations.findPartyOrganization(input.partyOrganizationId);
    if (!organization)
      throw notFound(
        `input.partyOrganizationId: no Party organization ${input.partyOrganizationId} is known here.`,
      );
    viewer.requireWithin(organization.regionCode);
    const personName = readText('input.personName', input.personName, { max: 64 });
    const from = readPlannedDate('input.from', input.from);
    const to = input.to ? readPlannedDate('input.to', input.to) : null;
    if (to && to < from)
      throw badInput('input.to', 'input.to cannot be before input.from.', { rule: 'DATE_ORDER' });
    const memberId = input.memberId ? await this.memberOf(input.memberId, organization, viewer) : null;
    const id = randomUUID();
    await this.changes.write(async (manager, changes) => {
      if (input.role === StaffRole.SECRETARY) {
        // one secretary at a time: periods of two secretaries must not overlap
        const overlapping = await manager.query(
          `SELECT person_name FROM staff_assignment WHERE party_organization_id = ? AND role = 'SECRETARY'
           AND from_on <= COALESCE(?, '9999-12-31') AND COALESCE(to_on, '9999-12-31') >= ? FOR UPDATE`,
          [organization.id, to, from],
        );
        if (overlapping.length > 0)
          throw conflict(
            `input.from: ${organization.name} has secretary ${overlapping[0].person_name} in that period; end that assignment first (rule ONE_SECRETARY).`,
            { field: 'input.from', rule: 'ONE_SECRETARY' },
          );
      }
      await manager.query(
        'INSERT INTO staff_assignment (id, party_organization_id, role, person_name, member_id, from_on, to_on, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, organization.id, input.role, personName, memberId, from, to, viewer.subject],
      );
      await this.workAlerts.refresh(manager, 'staff', {
        branches: [organization.id],
        members: [memberId],
        staff: memberId ? [] : [id],
      });
      // the secretary figure counts every post (书记配备率, reserve talent, staff by role)
      await recomputeSecretaryCells(
        manager,
        [organization.regionCode],
        await this.workAlerts.keptDay(manager),
      );
      changes.secretaryRegions.add(organization.regionCode);
      staffTrainingChanged(changes, { id, memberId });
    });
    return toAssignment({
      id,
      party_organization_id: organization.id,
      role: input.role,
      person_name: personName,
      member_id: memberId,
      from_on: from,
      to_on: to,
    });
  }

  async end(input: EndStaffAssignmentInput, viewer: Viewer): Promise<StaffAssignment> {
    viewer.require('write:records');
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM staff_assignment WHERE id = ?`, [
      input.id,
    ])) as Row[];
    if (!row) throw notFound(`input.id: no staff assignment ${input.id}.`);
    const organization = await this.organizations.findPartyOrganization(row.party_organization_id);
    if (organization) viewer.requireWithin(organization.regionCode);
    const to = readPlannedDate('input.to', input.to);
    if (to < row.from_on)
      throw badInput('input.to', 'input.to cannot be before the assignment began.', { rule: 'DATE_ORDER' });
    await this.changes.write(async (manager, changes) => {
      await manager.query('UPDATE staff_assignment SET to_on = ? WHERE id = ?', [to, input.id]);
      await this.workAlerts.refresh(manager, 'staff', {
        branches: [row.party_organization_id],
        members: [row.member_id],
        staff: row.member_id ? [] : [row.id],
      });
      if (organization) {
        await recomputeSecretaryCells(
          manager,
          [organization.regionCode],
          await this.workAlerts.keptDay(manager),
        );
        changes.secretaryRegions.add(organization.regionCode);
        staffTrainingChanged(changes, { id: row.id, memberId: row.member_id });
      }
    });
    return toAssignment({ ...row, to_on: to });
  }

  /**
   * The member a post is held by: on the viewer's rolls and in the Party organization's region (a member
   * elsewhere cannot hold its posts). An unknown member and one outside the viewer's region get the same
   * answer, so an id from another region reveals nothing about it.
   */
  private async memberOf(
    memberId: string,
    organization: { name: string; regionCode: string },
    viewer: Viewer,
  ): Promise<string> {
    const [member] = (await this.dataSource.query(
      'SELECT id, region_code AS regionCode FROM party_member WHERE id = ?',
      [memberId],
    )) as Array<{ id: string; regionCode: string }>;
    if (!member || !isWithinRegion(member.regionCode, viewer.regionCode))
      throw badInput(
        'input.memberId',
        `input.memberId: no Party member ${memberId} in your region; give the id of a member on your rolls, or leave memberId out for someone who is not a member here.`,
        { rule: 'MEMBER_KNOWN' },
      );
    if (!isWithinRegion(member.regionCode, organization.regionCode))
      throw badInput(
        'input.memberId',
        `input.memberId: the member is on the rolls in region ${member.regionCode}, outside ${organization.name}'s region ${organization.regionCode}; a post is held by a member of the organization's region (transfer the member first).`,
        { rule: 'MEMBER_REGION' },
      );
    return member.id;
  }

  /** Assignments of many Party organizations in one query, current ones only when `activeOn` is given. */
  async byOrganizations(
    ids: readonly string[],
    activeOn: string | null = today(),
  ): Promise<StaffAssignment[][]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM staff_assignment WHERE party_organization_id IN (?)
       ${activeOn ? 'AND from_on <= ? AND (to_on IS NULL OR to_on >= ?)' : ''} ORDER BY seq`,
      activeOn ? [[...ids], activeOn, activeOn] : [[...ids]],
    )) as Row[];
    return ids.map((id) => rows.filter((r) => r.party_organization_id === id).map(toAssignment));
  }
}

/** A post began or ended: its holder's part in the training cells may move (training-cells). */
function staffTrainingChanged(
  changes: PartyWorkChanges,
  post: { id: string; memberId: string | null },
): void {
  changes.trainingPeople.add(postPerson(post));
}

function toAssignment(row: Row): StaffAssignment {
  return Object.assign(new StaffAssignment(), {
    id: row.id,
    partyOrganizationId: row.party_organization_id,
    role: row.role as StaffRole,
    personName: row.person_name,
    memberId: row.member_id,
    from: row.from_on,
    to: row.to_on,
  });
}
