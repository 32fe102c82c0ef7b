import { randomUUID } from 'node:crypto';
import { today } from '@pb/platform/calendar';
import { conflict, notFound } from '@pb/platform/errors';
import { readOptionalText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { EntityManager } from 'typeorm';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { FullMemberCountService } from '../full-member-count/full-member-count.service.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import { moveMemberAppraisals } from '../statistics/appraisal-cells/appraisal-cells.js';
import { countDevelopment, countMember } from '../statistics/member-aggregates/member-aggregates.js';
import { moveTalkedMember, owedATalk } from '../statistics/talk-cells/talk-cells.js';
import { memberPerson } from '../statistics/training-cells/training-cells.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import { advance, endMembership, extendProbation } from './party-member.development.js';
import { PartyMemberEntity } from './party-member.entity.js';
import type {
  AddPartyMemberInput,
  AdvancePartyMemberInput,
  EndMembershipInput,
  ExtendProbationInput,
  SetMemberWorkRoleInput,
  TransferPartyMemberInput,
} from './party-member.input.js';
import {
  insertMembers,
  lockMember,
  type StageChangeEntry,
  updateMember,
  writeStageChange,
} from './party-member.rows.js';
import { checkPerson, notBeforeStage, RULES, readApprover, rule, stageDate } from './party-member.rules.js';
import { MemberStage, MemberStatus, type PartyMember, StageChangeKind } from './party-member.type.js';
import { toPartyMember } from './party-member-read.service.js';

/** A new member checked against the rules, ready to insert. */
export interface PreparedMember {
  entity: PartyMemberEntity;
  kind: StageChangeKind;
  approvedBy: string;
}

/**
 * Party members' records: recording, and each change along their development (the steps and their rules:
 * party-member.development.ts), written through the ChangeWriter with what each change owes (history,
 * member cells, full-member counts and their events, work alerts).
 */
export class PartyMemberService {
  constructor(
    private readonly changes: PartyWorkChangeWriter,
    private readonly organizations: OrganizationReplicaService,
    private readonly cipher: PersonalDataCipher,
    private readonly fullMemberCounts: FullMemberCountService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async add(input: AddPartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const prepared = await this.prepare(input, viewer);
    const { entity } = prepared;
    const [member] = await this.changes.write(async (manager, changes) => {
      // the counter row first, as every writer of the organization's members takes it
      await this.fullMemberCounts.lockOrganizations(manager, [entity.socialOrganizationId]);
      await refuseDuplicates(manager, entity.idNumberHash, entity.phoneHash);
      return this.insertPrepared(manager, [prepared], viewer, changes);
    });
    return member!;
  }

  /** Checks a new member against every rule that needs no write; the row to insert, or the user error. */
  async prepare(input: AddPartyMemberInput, viewer: Viewer): Promise<PreparedMember> {
    const person = checkPerson(input, today());
    const organization = await this.organizations.find(input.socialOrganizationId);
    if (!organization) {
      throw notFound(
        `input.socialOrganizationId: no social organization ${input.socialOrganizationId} is known here; if it was registered a moment ago, try again shortly.`,
      );
    }
    viewer.requireWithin(organization.regionCode);
    if (organization.status !== 'ACTIVE') {
      throw rule(
        'input.socialOrganizationId',
        RULES.ORGANIZATION_ACTIVE,
        `${organization.name} is ${organization.status.toLowerCase()}; members are recorded only at active organizations.`,
      );
    }
    const branchId = input.branchId
      ? await this.activeBranch('input.branchId', input.branchId, viewer)
      : null;
    const { idNumber, phone } = person;
    const entity = Object.assign(new PartyMemberEntity(), {
      id: randomUUID(),
      name: person.name,
      stage: input.stage,
      stageSince: person.stageSince,
      socialOrganizationId: organization.id,
      regionCode: organization.regionCode,
      status: MemberStatus.ACTIVE,
      branchId,
      appliedOn: person.appliedOn,
      birthDate: person.birthDate,
      idNumberEnc: idNumber ? this.cipher.encrypt(idNumber) : null,
      idNumberHash: idNumber ? this.cipher.hash('id', idNumber) : null,
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      phoneHash: phone ? this.cipher.hash('phone', phone) : null,
      probationExtendedMonths: 0,
      introducers: null,
      workRole: input.workRole ?? null,
    });
    const kind = input.transferredIn
      ? StageChangeKind.TRANSFERRED_IN
      : input.stage === MemberStage.APPLICANT
        ? StageChangeKind.APPLIED
        : StageChangeKind.RECORDED;
    const approvedBy = readOptionalText('input.approvedBy', input.approvedBy, { max: 64 }) ?? '登记';
    return { entity, kind, approvedBy };
  }

  /**
   * Inserts prepared members with their first history entry, their member cells and their organizations'
   * full-member counts, marked in the change set so that their `FullMemberCountChanged` events go into the
   * outbox of the same transaction; the unique hashes refuse duplicates. This is the only insert of members
   * (`add` and an import's batches alike), so no way of adding members can leave the organization
   * subgraph's counts behind, nor the `partyMemberAdded` stream and the member figures.
   */
  async insertPrepared(
    manager: EntityManager,
    prepared: PreparedMember[],
    viewer: Viewer,
    changes: PartyWorkChanges,
  ): Promise<PartyMember[]> {
    if (prepared.length === 0) return [];
    // the counter rows before the members, in id order (see lockOrganizations)
    await this.fullMemberCounts.lockOrganizations(
      manager,
      prepared.map((p) => p.entity.socialOrganizationId),
    );
    await insertMembers(
      manager,
      prepared.map((p) => p.entity),
    );
    for (const { entity } of prepared) await countMember(manager, entity, 1);
    await this.workAlerts.refresh(manager, 'member', {
      members: prepared.map((p) => p.entity.id),
      branches: prepared.map((p) => p.entity.branchId),
      memberStages: new Map(prepared.map((p) => [p.entity.id, p.entity.stage])),
    });
    for (const { entity, kind, approvedBy } of prepared)
      await writeStageChange(
        manager,
        entity,
        { kind, fromStage: null, effectiveOn: entity.stageSince, approvedBy, note: null },
        viewer,
      );
    const differences = new Map<string, number>();
    for (const { entity } of prepared)
      differences.set(
        entity.socialOrganizationId,
        (differences.get(entity.socialOrganizationId) ?? 0) + (entity.stage === MemberStage.FULL ? 1 : 0),
      );
    await this.fullMemberCounts.adjust(manager, differences, changes);
    const members = prepared.map((p) => toPartyMember(p.entity));
    changes.membersAdded.push(...members);
    for (const member of members) changes.memberRegions.add(member.regionCode);
    return members;
  }

  /** One step along the stages, checked against the rules of development. */
  async advance(input: AdvancePartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, (member, manager) =>
      advance(member, input, effectiveOn, manager),
    );
  }

  /** 延长预备期: once, by 6 to 12 months. */
  async extendProbation(input: ExtendProbationInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, async (member) => extendProbation(member, input, effectiveOn));
  }

  /** Cancellation, transfer out of the system, or death: the member leaves the rolls and the counts. */
  async end(input: EndMembershipInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, async (member) => endMembership(member, input, effectiveOn));
  }

  /**
   * Marks (or clears) the member's part in the organization's own work: not a step of development, so no
   * history entry; the member's cell moves with it, in the same transaction.
   */
  async setWorkRole(input: SetMemberWorkRoleInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const member = await this.changes.write(async (manager, changes) => {
      const member = await lockMember(manager, input.memberId, 'input.memberId', viewer);
      if (member.status !== MemberStatus.ACTIVE) {
        throw rule(
          'input.memberId',
          RULES.MEMBER_ACTIVE,
          `This member is ${member.status}; only members on the rolls are marked (rule ${RULES.MEMBER_ACTIVE}).`,
        );
      }
      const workRole = input.workRole ?? null;
      if (member.workRole === workRole) return member;
      await countMember(manager, member, -1);
      member.workRole = workRole;
      await updateMember(manager, member);
      await countMember(manager, member, 1);
      changes.memberRegions.add(member.regionCode);
      return member;
    });
    return toPartyMember(member);
  }

  /** Moves a member to another organization (and branch) of the system, keeping stage and history. */
  async transfer(input: TransferPartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    const organization = await this.organizations.find(input.socialOrganizationId);
    if (!organization)
      throw notFound(
        `input.socialOrganizationId: no social organization ${input.socialOrganizationId} is known here.`,
      );
    viewer.requireWithin(organization.regionCode);
    if (organization.status !== 'ACTIVE')
      throw rule(
        'input.socialOrganizationId',
        RULES.ORGANIZATION_ACTIVE,
        `${organization.name} is not active.`,
      );
    const branchId = input.branchId
      ? await this.activeBranch('input.branchId', input.branchId, viewer)
      : null;
    return this.change(input.memberId, viewer, async (member, manager) => {
      notBeforeStage(member, effectiveOn);
      const approvedBy = readApprover(input.approvedBy);
      const fromStage = member.stage as MemberStage;
      const note = `转往 ${organization.name}`;
      const out = { kind: StageChangeKind.TRANSFERRED_OUT, fromStage, effectiveOn, approvedBy, note };
      await writeStageChange(manager, member, out, viewer);
      member.socialOrganizationId = organization.id;
      member.regionCode = organization.regionCode;
      member.branchId = branchId;
      return { kind: StageChangeKind.TRANSFERRED_IN, fromStage, effectiveOn, approvedBy, note: null };
    });
  }

  /**
   * A change of one member on the rolls: `apply` checks it and moves the locked row; the row, its history,
   * the member cells, the full-member counts and the work alerts follow in the same transaction.
   */
  private async change(
    memberId: string,
    viewer: Viewer,
    apply: (member: PartyMemberEntity, manager: EntityManager) => Promise<StageChangeEntry>,
  ): Promise<PartyMember> {
    const member = await this.changes.write(async (manager, changes) => {
      const member = await lockMember(manager, memberId, 'input.memberId', viewer);
      viewer.requireWithin(member.regionCode);
      await this.fullMemberCounts.lockOrganizations(manager, [member.socialOrganizationId]);
      if (member.status !== MemberStatus.ACTIVE) {
        throw rule(
          'input.memberId',
          RULES.MEMBER_ACTIVE,
          `This member is ${member.status}; only members on the rolls change (rule ${RULES.MEMBER_ACTIVE}).`,
        );
      }
      const before = {
        organization: member.socialOrganizationId,
        regionCode: member.regionCode,
        status: member.status,
        stage: member.stage,
        workRole: member.workRole,
        branchId: member.branchId,
      };
      const change = await apply(member, manager);
      changes.memberRegions.add(before.regionCode).add(member.regionCode);
      // the training cells count a member by its region and whether it is on the rolls, which is whom the
      // talk cells count too (owedATalk)
      if (before.regionCode !== member.regionCode || owedATalk(before) !== owedATalk(member))
        changes.trainingPeople.add(memberPerson(member.id));
      // a transfer's new organization too, before the member row moves: a counter made later would
      // start from a count that already includes this member, and the difference would add it again
      await this.fullMemberCounts.lockOrganizations(manager, [member.socialOrganizationId]);
      await updateMember(manager, member);
      await writeStageChange(manager, member, change, viewer);
      // the member was on the rolls (checked above); is it still, and where, at which stage
      await countMember(manager, before, -1);
      if (member.status === MemberStatus.ACTIVE) await countMember(manager, member, 1);
      await moveTalkedMember(
        manager,
        member.id,
        { regionCode: before.regionCode, counted: owedATalk({ stage: before.stage, status: 'ACTIVE' }) },
        { regionCode: member.regionCode, counted: owedATalk(member) },
      );
      // and its 民主评议 grades, counted while it is a Party member on the rolls, where it is
      await moveMemberAppraisals(manager, { ...before, id: member.id, status: MemberStatus.ACTIVE }, member);
      if (change.kind === StageChangeKind.ADVANCED)
        await countDevelopment(manager, change.effectiveOn, member.regionCode, member.stage);
      // the member counted as a full member of its organization before; does it now, and of which
      const differences = new Map<string, number>([
        [before.organization, before.stage === MemberStage.FULL ? -1 : 0],
      ]);
      const fullNow = member.status === MemberStatus.ACTIVE && member.stage === MemberStage.FULL ? 1 : 0;
      differences.set(
        member.socialOrganizationId,
        (differences.get(member.socialOrganizationId) ?? 0) + fullNow,
      );
      await this.fullMemberCounts.adjust(manager, differences, changes);
      await this.workAlerts.refresh(manager, 'member', {
        members: [member.id],
        branches: [before.branchId, member.branchId],
        memberStages: new Map([[member.id, member.stage]]),
      });
      return member;
    });
    return toPartyMember(member);
  }

  private async activeBranch(field: string, branchId: string, viewer: Viewer): Promise<string> {
    const branch = await this.organizations.findPartyOrganization(branchId);
    if (!branch) throw notFound(`${field}: no Party organization ${branchId} is known here.`);
    viewer.requireWithin(branch.regionCode);
    if (branch.dissolvedAt && branch.dissolvedAt <= today())
      throw rule(field, RULES.BRANCH_ACTIVE, `${branch.name} was dissolved on ${branch.dissolvedAt}.`);
    return branch.id;
  }
}

/** Refuses a second member with the same ID number or phone (by their hashes). */
async function refuseDuplicates(manager: EntityManager, idHash: Buffer | null, phoneHash: Buffer | null) {
  const checks = [
    {
      hash: idHash,
      column: 'id_number_hash',
      field: 'input.idNumber',
      what: 'ID number',
      name: RULES.ID_NUMBER_UNIQUE,
    },
    { hash: phoneHash, column: 'phone_hash', field: 'input.phone', what: 'phone', name: RULES.PHONE_UNIQUE },
  ];
  for (const { hash, column, field, what, name } of checks) {
    if (!hash) continue;
    const found = await manager.query(`SELECT 1 FROM party_member WHERE ${column} = ? LIMIT 1`, [hash]);
    if (found.length > 0)
      throw conflict(`${field}: a member with this ${what} is already recorded (rule ${name}).`, {
        field,
        rule: name,
      });
  }
}
