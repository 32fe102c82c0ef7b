import { randomUUID } from 'node:crypto';
import {
  addMonths,
  ageOn,
  badInput,
  type Connection,
  conflict,
  enclosingScopes,
  forbidden,
  inTransaction,
  isWithinRegion,
  notFound,
  type Page,
  type PubSub,
  readBirthDate,
  readOptionalText,
  readRecordDate,
  readText,
  regionLikePattern,
  scopeTopicId,
  toConnection,
  today,
  type Viewer,
} from '@pb/platform';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type {
  FullMemberCountChanged,
  FullMemberCountService,
} from '../full-member-count/full-member-count.service.js';
import { countDevelopment, countMember } from '../member-stats/member-aggregates.js';
import type { MemberStatsService } from '../member-stats/member-stats.service.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import {
  birthDateOf,
  idNumberProblem,
  type PersonalDataCipher,
  phoneProblem,
} from '../personal-data/personal-data.cipher.js';
import { type WorkAlertKeeper, WRITE_TRANSACTION } from '../work-alert/work-alert.keeper.js';
import { PartyMemberEntity } from './party-member.entity.js';
import type {
  AddPartyMemberInput,
  AdvancePartyMemberInput,
  EndMembershipInput,
  ExtendProbationInput,
  PartyMemberFilter,
  TransferPartyMemberInput,
} from './party-member.input.js';
import {
  MemberStage,
  MemberStatus,
  PartyMember,
  STAGE_ORDER,
  StageChange,
  StageChangeKind,
} from './party-member.type.js';

export const PARTY_MEMBER_ADDED = 'PARTY_MEMBER_ADDED';

/** A new member checked against the rules, ready to insert. */
export interface PreparedMember {
  entity: PartyMemberEntity;
  kind: StageChangeKind;
  approvedBy: string;
}

/** Rules of 《中国共产党发展党员工作细则》 as the product applies them; `extensions.rule` carries these names. */
export const RULES = {
  MIN_AGE: 'MIN_AGE_18',
  STAGE_ORDER: 'STAGE_ORDER',
  DATE_ORDER: 'DATE_ORDER',
  ACTIVIST_ONE_YEAR: 'ACTIVIST_ONE_YEAR',
  TRAINING_24_HOURS: 'CANDIDATE_TRAINING_24_HOURS',
  TWO_INTRODUCERS: 'TWO_INTRODUCERS',
  POLITICAL_REVIEW: 'POLITICAL_REVIEW',
  PROBATION_ONE_YEAR: 'PROBATION_ONE_YEAR',
  EXTENSION_RANGE: 'PROBATION_EXTENSION_6_TO_12_MONTHS',
  EXTENSION_ONCE: 'PROBATION_EXTENDED_ONCE',
  EXTENSION_PROBATIONARY_ONLY: 'PROBATION_EXTENSION_PROBATIONARY_ONLY',
  MEMBER_ACTIVE: 'MEMBER_ACTIVE',
  ID_NUMBER_VALID: 'ID_NUMBER_VALID',
  PHONE_VALID: 'PHONE_VALID',
  ID_NUMBER_UNIQUE: 'ID_NUMBER_UNIQUE',
  PHONE_UNIQUE: 'PHONE_UNIQUE',
  BRANCH_ACTIVE: 'BRANCH_ACTIVE',
  ORGANIZATION_ACTIVE: 'ORGANIZATION_ACTIVE',
} as const;

/**
 * Class hours of short concentrated training (3 days or 24 hours) a candidate (发展对象) takes before becoming
 * probationary (《中国共产党发展党员工作细则》 Art. 19).
 */
export const CANDIDATE_TRAINING_HOURS = 24;

const rule = (field: string, name: string, message: string) => badInput(field, message, { rule: name });

/** Party members: recording, development and scoped reads. */
export class PartyMemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
    private readonly memberStats: MemberStatsService,
    private readonly pubSub: PubSub,
    private readonly cipher: PersonalDataCipher,
    private readonly fullMemberCounts: FullMemberCountService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(PartyMemberEntity);
  }

  async add(input: AddPartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const prepared = await this.prepare(input, viewer);
    const { entity } = prepared;
    const events = await inTransaction(
      this.dataSource,
      async (manager) => {
        // the counter row first, as every writer of the organization's members takes it
        await this.fullMemberCounts.lockOrganizations(manager, [entity.socialOrganizationId]);
        await this.refuseDuplicates(manager, entity.idNumberHash, entity.phoneHash);
        return this.insertPrepared(manager, [prepared], viewer);
      },
      WRITE_TRANSACTION,
    );
    const [member] = await this.added([prepared], events);
    return member!;
  }

  /** Checks a new member against every rule that needs no write; the row to insert, or the user error. */
  async prepare(input: AddPartyMemberInput, viewer: Viewer): Promise<PreparedMember> {
    const name = readText('input.name', input.name, { max: 64 });
    const stageSince = stageDate('input.stageSince', input.stageSince ?? today());
    const appliedOn = input.appliedOn
      ? stageDate('input.appliedOn', input.appliedOn)
      : input.stage === MemberStage.APPLICANT
        ? stageSince
        : null;
    if (appliedOn && appliedOn > stageSince)
      throw rule('input.appliedOn', RULES.DATE_ORDER, 'input.appliedOn cannot be after input.stageSince.');
    const idNumber = input.idNumber?.trim().toUpperCase() || null;
    if (idNumber) {
      const problem = idNumberProblem(idNumber);
      if (problem)
        throw rule(
          'input.idNumber',
          RULES.ID_NUMBER_VALID,
          `input.idNumber ${problem} (rule ${RULES.ID_NUMBER_VALID}).`,
        );
    }
    const phone = input.phone?.replace(/[\s-]/g, '') || null;
    if (phone) {
      const problem = phoneProblem(phone);
      if (problem)
        throw rule('input.phone', RULES.PHONE_VALID, `input.phone ${problem} (rule ${RULES.PHONE_VALID}).`);
    }
    // the ID number carries the birth date, so a slip in either is caught by the same range
    const birthDate = idNumber
      ? readBirthDate('input.idNumber', birthDateOf(idNumber), RULES.MIN_AGE)
      : input.birthDate
        ? readBirthDate('input.birthDate', input.birthDate, RULES.MIN_AGE)
        : null;
    const joinedOn = appliedOn ?? stageSince;
    if (birthDate && ageOn(birthDate, joinedOn) < 18) {
      throw rule(
        idNumber ? 'input.idNumber' : 'input.birthDate',
        RULES.MIN_AGE,
        `An applicant must be at least 18 (rule ${RULES.MIN_AGE}); born ${birthDate}, the person was ${ageOn(birthDate, joinedOn)} on ${joinedOn}.`,
      );
    }
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
    const idNumberHash = idNumber ? this.cipher.hash('id', idNumber) : null;
    const phoneHash = phone ? this.cipher.hash('phone', phone) : null;
    const entity = this.repository.create({
      id: randomUUID(),
      name,
      stage: input.stage,
      stageSince,
      socialOrganizationId: organization.id,
      regionCode: organization.regionCode,
      status: MemberStatus.ACTIVE,
      branchId,
      appliedOn,
      birthDate,
      idNumberEnc: idNumber ? this.cipher.encrypt(idNumber) : null,
      idNumberHash,
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      phoneHash,
      probationExtendedMonths: 0,
      introducers: null,
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
   * full-member counts, whose `FullMemberCountChanged` events go into the outbox of the same transaction;
   * the unique hashes refuse duplicates. This is the only insert of members (`add` and an import's batches
   * alike), so no way of adding members can leave the organization subgraph's counts behind; after the
   * commit, the caller hands what it returns to `added`.
   */
  async insertPrepared(
    manager: EntityManager,
    prepared: PreparedMember[],
    viewer: Viewer,
  ): Promise<FullMemberCountChanged[]> {
    if (prepared.length === 0) return [];
    // the counter rows before the members, in id order (see lockOrganizations)
    await this.fullMemberCounts.lockOrganizations(
      manager,
      prepared.map((p) => p.entity.socialOrganizationId),
    );
    await manager.getRepository(PartyMemberEntity).insert(prepared.map((p) => p.entity));
    for (const { entity } of prepared) await countMember(manager, entity.regionCode, entity.stage, 1);
    await this.workAlerts.refresh(manager, 'member', {
      members: prepared.map((p) => p.entity.id),
      branches: prepared.map((p) => p.entity.branchId),
    });
    for (const { entity, kind, approvedBy } of prepared)
      await this.writeChange(manager, entity, {
        kind,
        fromStage: null,
        effectiveOn: entity.stageSince,
        approvedBy,
        note: null,
        viewer,
      });
    const differences = new Map<string, number>();
    for (const { entity } of prepared)
      differences.set(
        entity.socialOrganizationId,
        (differences.get(entity.socialOrganizationId) ?? 0) + (entity.stage === MemberStage.FULL ? 1 : 0),
      );
    return this.fullMemberCounts.adjust(manager, differences);
  }

  /**
   * After members inserted by `insertPrepared` were committed: the `partyMemberAdded` stream hears each,
   * the relay publishes their counts, and the member figures of their regions go out.
   */
  async added(prepared: PreparedMember[], events: FullMemberCountChanged[]): Promise<PartyMember[]> {
    const members = prepared.map((p) => toPartyMember(p.entity));
    for (const member of members)
      for (const scope of enclosingScopes(member.regionCode))
        this.pubSub.publish(PARTY_MEMBER_ADDED, scopeTopicId(scope), member);
    await this.afterCommit(
      events,
      members.map((m) => m.regionCode),
    );
    return members;
  }

  /** One step along the stages, checked against the rules of development. */
  async advance(input: AdvancePartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, async (member, manager) => {
      const from = member.stage as MemberStage;
      const next = STAGE_ORDER[STAGE_ORDER.indexOf(from) + 1];
      if (input.stage !== next) {
        throw rule(
          'input.stage',
          RULES.STAGE_ORDER,
          next
            ? `A ${from} member advances to ${next} only; stages are not skipped or reversed (rule ${RULES.STAGE_ORDER}).`
            : `A FULL member has no further stage (rule ${RULES.STAGE_ORDER}).`,
        );
      }
      this.notBeforeStage(member, effectiveOn);
      if (member.birthDate && ageOn(member.birthDate, effectiveOn) < 18) {
        throw rule(
          'input.effectiveOn',
          RULES.MIN_AGE,
          `The person is under 18 on ${effectiveOn} (rule ${RULES.MIN_AGE}).`,
        );
      }
      let note = readNote(input.note);
      if (next === MemberStage.CANDIDATE) {
        const eligibleOn = addMonths(member.stageSince, 12);
        if (effectiveOn < eligibleOn) {
          throw rule(
            'input.effectiveOn',
            RULES.ACTIVIST_ONE_YEAR,
            `An activist becomes a candidate after at least one year as activist (rule ${RULES.ACTIVIST_ONE_YEAR}): activist since ${member.stageSince}, so not before ${eligibleOn}.`,
          );
        }
      }
      if (next === MemberStage.PROBATIONARY) {
        if (!input.politicalReviewPassed) {
          throw rule(
            'input.politicalReviewPassed',
            RULES.POLITICAL_REVIEW,
            `Admission needs a passed political review (政治审查, rule ${RULES.POLITICAL_REVIEW}); set politicalReviewPassed once it has.`,
          );
        }
        const introducers = (input.introducers ?? []).flatMap(
          (introducer, i) =>
            readOptionalText(`input.introducers[${i}]`, introducer, { min: 2, max: 64 }) ?? [],
        );
        if (new Set(introducers).size !== 2) {
          throw rule(
            'input.introducers',
            RULES.TWO_INTRODUCERS,
            `Admission needs exactly two different introducers (入党介绍人, rule ${RULES.TWO_INTRODUCERS}); got ${introducers.length}.`,
          );
        }
        // 发展对象 are trained (Art. 19): only training held since the member became a candidate counts
        const [row] = (await manager.query(
          'SELECT COALESCE(SUM(hours), 0) AS hours FROM training_record WHERE member_id = ? AND started_on BETWEEN ? AND ?',
          [member.id, member.stageSince, effectiveOn],
        )) as Array<{ hours: string | number }>;
        const hours = Number(row?.hours ?? 0);
        if (hours < CANDIDATE_TRAINING_HOURS) {
          throw rule(
            'input.memberId',
            RULES.TRAINING_24_HOURS,
            `A candidate (发展对象) becomes probationary only after short concentrated training of at least ${CANDIDATE_TRAINING_HOURS} class hours (3 days) as a candidate (《中国共产党发展党员工作细则》 Art. 19, rule ${RULES.TRAINING_24_HOURS}); ${hours} recorded from ${member.stageSince} to ${effectiveOn}. Record the training, then try again.`,
          );
        }
        member.introducers = introducers.join('、');
        note = note ?? `介绍人：${member.introducers}`;
      }
      if (next === MemberStage.FULL) {
        const endsOn = probationEnd(member);
        if (effectiveOn < endsOn) {
          throw rule(
            'input.effectiveOn',
            RULES.PROBATION_ONE_YEAR,
            `Probation lasts one year from the branch vote${member.probationExtendedMonths ? ` plus ${member.probationExtendedMonths} months' extension` : ''} (rule ${RULES.PROBATION_ONE_YEAR}): conversion not before ${endsOn}.`,
          );
        }
      }
      member.stage = next;
      member.stageSince = effectiveOn;
      if (next === MemberStage.PROBATIONARY) member.probationExtendedMonths = 0;
      return {
        kind: StageChangeKind.ADVANCED,
        fromStage: from,
        effectiveOn,
        approvedBy: this.approver(input.approvedBy),
        note,
      };
    });
  }

  /** 延长预备期: once, by 6 to 12 months. */
  async extendProbation(input: ExtendProbationInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, async (member) => {
      if (member.stage !== MemberStage.PROBATIONARY) {
        throw rule(
          'input.memberId',
          RULES.EXTENSION_PROBATIONARY_ONLY,
          `Only a probationary member's probation can be extended; this member is ${member.stage} (rule ${RULES.EXTENSION_PROBATIONARY_ONLY}).`,
        );
      }
      if (!Number.isInteger(input.months) || input.months < 6 || input.months > 12) {
        throw rule(
          'input.months',
          RULES.EXTENSION_RANGE,
          `Probation is extended by 6 to 12 months (rule ${RULES.EXTENSION_RANGE}), got ${input.months}.`,
        );
      }
      if (member.probationExtendedMonths > 0) {
        throw rule(
          'input.memberId',
          RULES.EXTENSION_ONCE,
          `Probation was already extended by ${member.probationExtendedMonths} months; it is extended once at most (rule ${RULES.EXTENSION_ONCE}).`,
        );
      }
      this.notBeforeStage(member, effectiveOn);
      member.probationExtendedMonths = input.months;
      return {
        kind: StageChangeKind.PROBATION_EXTENDED,
        fromStage: MemberStage.PROBATIONARY,
        effectiveOn,
        approvedBy: this.approver(input.approvedBy),
        note: readNote(input.note) ?? `延长预备期 ${input.months} 个月`,
      };
    });
  }

  /** Cancellation, transfer out of the system, or death: the member leaves the rolls and the counts. */
  async end(input: EndMembershipInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const effectiveOn = stageDate('input.effectiveOn', input.effectiveOn);
    return this.change(input.memberId, viewer, async (member) => {
      this.notBeforeStage(member, effectiveOn);
      member.status = input.reason;
      return {
        kind: input.reason as unknown as StageChangeKind,
        fromStage: member.stage as MemberStage,
        effectiveOn,
        approvedBy: this.approver(input.approvedBy),
        note: readNote(input.note),
      };
    });
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
      this.notBeforeStage(member, effectiveOn);
      await this.writeChange(manager, member, {
        kind: StageChangeKind.TRANSFERRED_OUT,
        fromStage: member.stage as MemberStage,
        effectiveOn,
        approvedBy: this.approver(input.approvedBy),
        note: `转往 ${organization.name}`,
        viewer,
      });
      member.socialOrganizationId = organization.id;
      member.regionCode = organization.regionCode;
      member.branchId = branchId;
      return {
        kind: StageChangeKind.TRANSFERRED_IN,
        fromStage: member.stage as MemberStage,
        effectiveOn,
        approvedBy: this.approver(input.approvedBy),
        note: null,
      };
    });
  }

  subscribeAdded(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<PartyMember> {
    viewer.require('read:records');
    const scope = viewer.scope(regionCode);
    return this.pubSub.subscribe(PARTY_MEMBER_ADDED, scopeTopicId(scope)) as AsyncIterable<PartyMember>;
  }

  async findById(id: string, viewer: Viewer): Promise<PartyMember | null> {
    viewer.require('read:records');
    const [member] = await this.findMany([id], viewer);
    return member ?? null;
  }

  /** Members by id in one query, in the order asked; null where unknown or outside the viewer's region. */
  async findMany(ids: readonly string[], viewer: Viewer): Promise<Array<PartyMember | null>> {
    viewer.require('read:records');
    if (ids.length === 0) return [];
    const rows = await this.repository.find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row && isWithinRegion(row.regionCode, viewer.regionCode) ? toPartyMember(row) : null;
    });
  }

  async list(
    filter: PartyMemberFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<PartyMember>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('m').where('1 = 1');
    if (!filter?.includeEnded) query.andWhere("m.status = 'ACTIVE'");
    if (scope) query.andWhere('m.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    if (filter?.socialOrganizationId)
      query.andWhere('m.social_organization_id = :org', { org: filter.socialOrganizationId });
    if (filter?.branchId) query.andWhere('m.branch_id = :branch', { branch: filter.branchId });
    if (filter?.stage) query.andWhere('m.stage = :stage', { stage: filter.stage });
    if (filter?.nameContains)
      query.andWhere('m.name LIKE :name', { name: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
    const totalCount = await query.clone().getCount();
    const rows = await query
      .andWhere('m.seq > :after', { after: page.afterSeq })
      .orderBy('m.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, totalCount, toPartyMember);
  }

  /** Active members at a stage for many organizations in one query, in the order asked. */
  /**
   * Members of `stage` on the rolls of each organization, counting only those within the viewer's
   * region: an organization outside it counts 0, as an unknown one does, so an `_entities` lookup of any
   * id tells a viewer nothing of another region.
   */
  async countByOrganization(ids: readonly string[], stage: MemberStage, viewer: Viewer): Promise<number[]> {
    if (ids.length === 0) return [];
    const inRegion = viewer.regionCode === null ? '' : 'AND region_code LIKE ?';
    const rows = (await this.dataSource.query(
      `SELECT social_organization_id AS id, COUNT(*) AS count FROM party_member
       WHERE social_organization_id IN (?) AND status = 'ACTIVE' AND stage = ? ${inRegion}
       GROUP BY social_organization_id`,
      [[...ids], stage, ...(viewer.regionCode === null ? [] : [regionLikePattern(viewer.regionCode)])],
    )) as Array<{ id: string; count: string | number }>;
    const counts = new Map(rows.map((r) => [r.id, Number(r.count)]));
    return ids.map((id) => counts.get(id) ?? 0);
  }

  /**
   * Each organization's full-member count with the version party-work reported it under (0: never
   * reported), as one consistent read: the organization subgraph rebuilds its copy from these. The
   * counter row and the members agree in any committed state, as every change recounts in its own
   * transaction; the members are counted here so that a count never reported (seeded data) is true too.
   */
  async reportedFullMemberCounts(
    ids: readonly string[],
    viewer: Viewer,
  ): Promise<Array<{ socialOrganizationId: string; fullMemberCount: number; version: number }>> {
    viewer.require('read:records');
    if (viewer.regionCode !== null)
      throw forbidden('Full-member counts for a resync are read with a national token (no region).');
    if (ids.length > 500)
      throw badInput(
        'socialOrganizationIds',
        `Ask for at most 500 organizations at a time, not ${ids.length}.`,
      );
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const counts = await manager.query(
        `SELECT social_organization_id AS id, COUNT(*) AS count FROM party_member
          WHERE social_organization_id IN (?) AND status = 'ACTIVE' AND stage = 'FULL' GROUP BY social_organization_id`,
        [[...ids]],
      );
      const versions = await manager.query(
        'SELECT social_organization_id AS id, version FROM full_member_counter WHERE social_organization_id IN (?)',
        [[...ids]],
      );
      return { counts, versions };
    })) as {
      counts: Array<{ id: string; count: string | number }>;
      versions: Array<{ id: string; version: string | number }>;
    };
    const count = new Map(rows.counts.map((r) => [r.id, Number(r.count)]));
    const version = new Map(rows.versions.map((r) => [r.id, Number(r.version)]));
    return ids.map((id) => ({
      socialOrganizationId: id,
      fullMemberCount: count.get(id) ?? 0,
      version: version.get(id) ?? 0,
    }));
  }

  /** The dated history of many members in one query, oldest first. */
  async histories(memberIds: readonly string[]): Promise<StageChange[][]> {
    if (memberIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT member_id, kind, from_stage, to_stage, DATE_FORMAT(effective_on, '%Y-%m-%d') AS effective_on,
              approved_by, recorded_by, note, recorded_at
       FROM stage_change WHERE member_id IN (?) ORDER BY member_id, seq`,
      [[...memberIds]],
    )) as Array<Record<string, string | Date | null>>;
    const byMember = new Map<string, StageChange[]>();
    for (const r of rows) {
      const list = byMember.get(r.member_id as string) ?? [];
      list.push(
        Object.assign(new StageChange(), {
          kind: r.kind,
          fromStage: r.from_stage,
          toStage: r.to_stage,
          effectiveOn: r.effective_on,
          approvedBy: r.approved_by,
          recordedBy: r.recorded_by,
          note: r.note,
          recordedAt: new Date(r.recorded_at as string | Date).toISOString(),
        }),
      );
      byMember.set(r.member_id as string, list);
    }
    return memberIds.map((id) => byMember.get(id) ?? []);
  }

  /** A member's row, locked, for services that record something about the member. */
  async lockMember(
    manager: EntityManager,
    memberId: string,
    field: string,
    viewer: Viewer,
  ): Promise<PartyMemberEntity> {
    const member = await manager
      .getRepository(PartyMemberEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :id', { id: memberId })
      .getOne();
    if (!member || !isWithinRegion(member.regionCode, viewer.regionCode))
      throw notFound(`${field}: no member ${memberId} in your region.`);
    return member;
  }

  private async change(
    memberId: string,
    viewer: Viewer,
    apply: (
      member: PartyMemberEntity,
      manager: EntityManager,
    ) => Promise<{
      kind: StageChangeKind;
      fromStage: MemberStage | null;
      effectiveOn: string;
      approvedBy: string;
      note: string | null;
    }>,
  ): Promise<PartyMember> {
    const regions = new Set<string>();
    const { member, events } = await inTransaction(
      this.dataSource,
      async (manager) => {
        const member = await this.lockMember(manager, memberId, 'input.memberId', viewer);
        viewer.requireWithin(member.regionCode);
        await this.fullMemberCounts.lockOrganizations(manager, [member.socialOrganizationId]);
        if (member.status !== MemberStatus.ACTIVE) {
          throw rule(
            'input.memberId',
            RULES.MEMBER_ACTIVE,
            `This member is ${member.status}; only members on the rolls change (rule ${RULES.MEMBER_ACTIVE}).`,
          );
        }
        const organizationBefore = member.socialOrganizationId;
        const before = { regionCode: member.regionCode, stage: member.stage, branchId: member.branchId };
        regions.add(member.regionCode);
        const change = await apply(member, manager);
        regions.add(member.regionCode);
        // a transfer's new organization too, before the member row moves: a counter made later would
        // start from a count that already includes this member, and the difference would add it again
        await this.fullMemberCounts.lockOrganizations(manager, [member.socialOrganizationId]);
        await manager.getRepository(PartyMemberEntity).save(member);
        await this.writeChange(manager, member, { ...change, viewer });
        // the member was on the rolls (checked above); is it still, and where, at which stage
        await countMember(manager, before.regionCode, before.stage, -1);
        if (member.status === MemberStatus.ACTIVE)
          await countMember(manager, member.regionCode, member.stage, 1);
        if (change.kind === StageChangeKind.ADVANCED)
          await countDevelopment(manager, change.effectiveOn, member.regionCode, member.stage);
        // the member counted as a full member of its organization before; does it now, and of which
        const differences = new Map<string, number>([
          [organizationBefore, before.stage === MemberStage.FULL ? -1 : 0],
        ]);
        const fullNow = member.status === MemberStatus.ACTIVE && member.stage === MemberStage.FULL ? 1 : 0;
        differences.set(
          member.socialOrganizationId,
          (differences.get(member.socialOrganizationId) ?? 0) + fullNow,
        );
        const events = await this.fullMemberCounts.adjust(manager, differences);
        await this.workAlerts.refresh(manager, 'member', {
          members: [member.id],
          branches: [before.branchId, member.branchId],
        });
        return { member, events };
      },
      WRITE_TRANSACTION,
    );
    await this.afterCommit(events, regions);
    return toPartyMember(member);
  }

  private async afterCommit(events: FullMemberCountChanged[], regions: Iterable<string>): Promise<void> {
    await this.fullMemberCounts.publish(events);
    for (const region of new Set(regions)) await this.memberStats.changed(region);
  }

  private async writeChange(
    manager: EntityManager,
    member: PartyMemberEntity,
    change: {
      kind: StageChangeKind;
      fromStage: MemberStage | null;
      effectiveOn: string;
      approvedBy: string;
      note: string | null;
      viewer: Viewer;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO stage_change (member_id, kind, from_stage, to_stage, effective_on, approved_by, recorded_by, note, region_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        member.id,
        change.kind,
        change.fromStage,
        member.stage,
        change.effectiveOn,
        change.approvedBy,
        change.viewer.subject,
        change.note,
        member.regionCode,
      ],
    );
  }

  private async refuseDuplicates(manager: EntityManager, idHash: Buffer | null, phoneHash: Buffer | null) {
    if (idHash) {
      const found = await manager.query('SELECT 1 FROM party_member WHERE id_number_hash = ? LIMIT 1', [
        idHash,
      ]);
      if (found.length > 0)
        throw conflict(
          `input.idNumber: a member with this ID number is already recorded (rule ${RULES.ID_NUMBER_UNIQUE}).`,
          {
            field: 'input.idNumber',
            rule: RULES.ID_NUMBER_UNIQUE,
          },
        );
    }
    if (phoneHash) {
      const found = await manager.query('SELECT 1 FROM party_member WHERE phone_hash = ? LIMIT 1', [
        phoneHash,
      ]);
      if (found.length > 0)
        throw conflict(
          `input.phone: a member with this phone is already recorded (rule ${RULES.PHONE_UNIQUE}).`,
          {
            field: 'input.phone',
            rule: RULES.PHONE_UNIQUE,
          },
        );
    }
  }

  private async activeBranch(field: string, branchId: string, viewer: Viewer): Promise<string> {
    const branch = await this.organizations.findPartyOrganization(branchId);
    if (!branch) throw notFound(`${field}: no Party organization ${branchId} is known here.`);
    viewer.requireWithin(branch.regionCode);
    if (branch.dissolvedAt && branch.dissolvedAt <= today())
      throw rule(field, RULES.BRANCH_ACTIVE, `${branch.name} was dissolved on ${branch.dissolvedAt}.`);
    return branch.id;
  }

  private notBeforeStage(member: PartyMemberEntity, effectiveOn: string): void {
    if (effectiveOn < member.stageSince) {
      throw rule(
        'input.effectiveOn',
        RULES.DATE_ORDER,
        `input.effectiveOn ${effectiveOn} is before the current stage began (${member.stageSince}); changes are dated in order (rule ${RULES.DATE_ORDER}).`,
      );
    }
  }

  private approver(value: string): string {
    return readText('input.approvedBy', value, { max: 64 });
  }
}

/**
 * A date in a member's development (application, stages, extension, transfer, end): not before the Party
 * was founded, nor in the future (rule DATE_ORDER, as changes are dated in order up to today).
 */
function stageDate(field: string, value: string): string {
  return readRecordDate(field, value, RULES.DATE_ORDER);
}

/** The optional note of a change in a member's record, several lines at most 500 characters. */
function readNote(value: string | null | undefined): string | null {
  return readOptionalText('input.note', value, { max: 500, multiline: true });
}

/** One year from the branch vote, plus any extension. */
export function probationEnd(member: { stageSince: string; probationExtendedMonths: number }): string {
  return addMonths(member.stageSince, 12 + member.probationExtendedMonths);
}

export function toPartyMember(entity: PartyMemberEntity): PartyMember {
  return Object.assign(new PartyMember(), {
    id: entity.id,
    name: entity.name,
    stage: entity.stage as MemberStage,
    stageSince: entity.stageSince,
    status: entity.status as MemberStatus,
    appliedOn: entity.appliedOn,
    probationEndsOn: entity.stage === MemberStage.PROBATIONARY ? probationEnd(entity) : null,
    socialOrganizationId: entity.socialOrganizationId,
    regionCode: entity.regionCode,
    branchId: entity.branchId,
    idNumberSealed: entity.idNumberEnc ? entity.idNumberEnc.toString('base64') : null,
    phoneSealed: entity.phoneEnc ? entity.phoneEnc.toString('base64') : null,
  });
}
