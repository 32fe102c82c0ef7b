import { randomUUID } from 'node:crypto';
import { readRecordDate } from '@pb/platform/calendar';
import { badInput, notFound } from '@pb/platform/errors';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource, EntityManager } from 'typeorm';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import { lockMember } from '../party-member/party-member.rows.js';
import type { PartyMemberReadService } from '../party-member/party-member-read.service.js';
import { countAppraisal } from '../statistics/appraisal-cells/appraisal-cells.js';
import { countTalk } from '../statistics/talk-cells/talk-cells.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import {
  APPRAISAL_RULES,
  readAppraisal,
  readFollowUp,
  refuseSecondGrade,
  refuseUnlessPartyMember,
} from './appraisal.rules.js';
import type {
  RecordAppraisalFollowUpInput,
  RecordAppraisalInput,
  RecordTalkInput,
  RecordTrainingInput,
} from './member-life.input.js';
import {
  Appraisal,
  AppraisalFollowUp,
  type AppraisalGrade,
  Talk,
  TrainingRecord,
} from './member-life.type.js';
import { insertTraining, prepareTraining } from './training.js';

/** The rules of member life's records: the appraisal rules, and NOT_IN_FUTURE of talks and training. */
export const MEMBER_LIFE_RULES = APPRAISAL_RULES;

/** An appraisal's input checked as far as it needs no row (readAppraisal), ready to insert. */
export interface PreparedAppraisal {
  memberId: string;
  year: number;
  grade: AppraisalGrade;
  appraisedOn: string;
}

/** Democratic appraisals and their follow-up, heart-to-heart talks and training of members. */
export class MemberLifeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly members: PartyMemberReadService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async recordAppraisal(input: RecordAppraisalInput, viewer: Viewer): Promise<Appraisal> {
    viewer.require('write:records');
    const prepared = { memberId: input.memberId, grade: input.grade, ...readAppraisal(input) };
    return this.changes.write((manager, changes) => this.insertAppraisal(manager, prepared, viewer, changes));
  }

  /**
   * The one insert of a grade (the mutation and the import alike): of a Party member on the rolls in the
   * viewer's region, once per year; its cell and its member's follow-up alert move in the same transaction.
   */
  async insertAppraisal(
    manager: EntityManager,
    prepared: PreparedAppraisal,
    viewer: Viewer,
    changes: PartyWorkChanges,
  ): Promise<Appraisal> {
    const member = await lockMember(manager, prepared.memberId, 'input.memberId', viewer);
    viewer.requireWithin(member.regionCode);
    refuseUnlessPartyMember(member);
    const existing = await manager.query('SELECT 1 FROM appraisal WHERE member_id = ? AND year = ?', [
      member.id,
      prepared.year,
    ]);
    if (existing.length > 0) refuseSecondGrade(prepared.year);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO appraisal (id, member_id, year, grade, appraised_on, region_code, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [id, member.id, prepared.year, prepared.grade, prepared.appraisedOn, member.regionCode, viewer.subject],
    );
    await countAppraisal(manager, { ...prepared, regionCode: member.regionCode });
    changes.appraisalRegions.add(member.regionCode);
    await this.workAlerts.refresh(manager, 'appraisal', { members: [member.id] });
    return Object.assign(new Appraisal(), {
      id,
      memberId: member.id,
      year: prepared.year,
      grade: prepared.grade,
      appraisedOn: prepared.appraisedOn,
      regionCode: member.regionCode,
      followUp: null,
    });
  }

  /** 限期改正, 劝其退党 or 除名 of a 不合格 grade: once per grade, dated in order (appraisal.rules.ts). */
  async recordFollowUp(input: RecordAppraisalFollowUpInput, viewer: Viewer): Promise<Appraisal> {
    viewer.require('write:records');
    return this.changes.write(async (manager) => {
      const [row] = (await manager.query(`SELECT a.member_id FROM appraisal a WHERE a.id = ?`, [
        input.appraisalId,
      ])) as Array<{ member_id: string }>;
      if (!row) throw notFound(`input.appraisalId: no appraisal ${input.appraisalId}.`);
      // the member first, as every writer of its alerts locks it; then the grade, as it stands
      const member = await lockMember(manager, row.member_id, 'input.appraisalId', viewer);
      viewer.requireWithin(member.regionCode);
      const [appraisal] = await this.appraisalRows(manager, 'a.id = ?', [input.appraisalId]);
      if (!appraisal) throw notFound(`input.appraisalId: no appraisal ${input.appraisalId}.`);
      const { decidedOn, correctBy } = readFollowUp(input, appraisal);
      if (appraisal.followUp)
        throw badInput(
          'input.appraisalId',
          `This grade was followed up already (${appraisal.followUp.action} on ${appraisal.followUp.decidedOn}); one follow-up per grade (rule ${APPRAISAL_RULES.FOLLOW_UP_ONCE}).`,
          { rule: APPRAISAL_RULES.FOLLOW_UP_ONCE },
        );
      await manager.query(
        `INSERT INTO appraisal_follow_up (appraisal_id, member_id, action, decided_on, correct_by, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [appraisal.id, member.id, input.action, decidedOn, correctBy, viewer.subject],
      );
      await this.workAlerts.refresh(manager, 'appraisal', { members: [member.id] });
      appraisal.followUp = Object.assign(new AppraisalFollowUp(), {
        action: input.action,
        decidedOn,
        correctBy,
      });
      return appraisal;
    });
  }

  async recordTalk(input: RecordTalkInput, viewer: Viewer): Promise<Talk> {
    viewer.require('write:records');
    const heldOn = readRecordDate('input.heldOn', input.heldOn, MEMBER_LIFE_RULES.NOT_IN_FUTURE);
    const topic = readText('input.topic', input.topic, { max: 200 });
    const talker = readText('input.talker', input.talker, { max: 64 });
    const participantIds = [...new Set(input.participantIds)];
    if (participantIds.length === 0 || participantIds.length > 100)
      throw badInput('input.participantIds', 'input.participantIds must name 1 to 100 members.');
    const found = await this.members.findMany(participantIds, viewer);
    const missing = participantIds.filter((_, i) => !found[i]);
    if (missing.length > 0)
      throw notFound(`input.participantIds: no member ${missing.join(', ')} in your region.`);
    for (const member of found) viewer.requireWithin(member!.regionCode);
    const id = randomUUID();
    await this.changes.write(async (manager, changes) => {
      // the participants' rows, in id order, before anything counts them: a member's change or its
      // organization's move waits for this talk, or this talk for them, and reads what it left
      const participants = (await manager.query(
        'SELECT id, branch_id FROM party_member WHERE id IN (?) ORDER BY id FOR UPDATE',
        [participantIds],
      )) as Array<{ id: string; branch_id: string | null }>;
      await manager.query(
        'INSERT INTO talk (id, held_on, topic, talker, region_code, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
        [id, heldOn, topic, talker, found[0]!.regionCode, viewer.subject],
      );
      await manager.query(
        `INSERT INTO talk_participant (talk_id, member_id, held_on) VALUES ${participantIds.map(() => '(?, ?, ?)').join(', ')}`,
        participantIds.flatMap((m) => [id, m, heldOn]),
      );
      // a Party member's first talk of the year moves 谈心谈话覆盖率
      for (const region of await countTalk(manager, id, heldOn, participantIds))
        changes.talkRegions.add(region);
      // a talk is what the applicant and activist deadlines and the branches' yearly talks ask for
      await this.workAlerts.refresh(manager, 'talk', {
        members: participantIds,
        branches: participants.map((p) => p.branch_id),
      });
    });
    return Object.assign(new Talk(), { id, heldOn, topic, talker, participantIds });
  }

  /** A course a member, or a staff post held by no member here, took (rules: training.ts). */
  async recordTraining(input: RecordTrainingInput, viewer: Viewer): Promise<TrainingRecord> {
    viewer.require('write:records');
    return this.changes.write(async (manager, changes) => {
      const prepared = await prepareTraining(manager, input, viewer);
      await insertTraining(manager, changes, this.workAlerts, prepared, viewer.subject);
      return prepared.record;
    });
  }

  /** The grades of each member, by year, with their follow-ups (served to readers of records, in region). */
  async appraisals(memberIds: readonly string[]): Promise<Appraisal[][]> {
    const rows = memberIds.length
      ? await this.appraisalRows(this.dataSource, 'a.member_id IN (?)', [[...memberIds]])
      : [];
    return memberIds.map((m) => rows.filter((r) => r.memberId === m));
  }

  private async appraisalRows(
    q: Pick<EntityManager, 'query'>,
    where: string,
    params: unknown[],
  ): Promise<Appraisal[]> {
    const rows = (await q.query(
      `SELECT a.id, a.member_id, a.year, a.grade, DATE_FORMAT(a.appraised_on, '%Y-%m-%d') AS appraised_on,
              m.region_code, f.action, DATE_FORMAT(f.decided_on, '%Y-%m-%d') AS decided_on,
              DATE_FORMAT(f.correct_by, '%Y-%m-%d') AS correct_by
       FROM appraisal a JOIN party_member m ON m.id = a.member_id
       LEFT JOIN appraisal_follow_up f ON f.appraisal_id = a.id
       WHERE ${where} ORDER BY a.year`,
      params,
    )) as Array<Record<string, string | null>>;
    return rows.map((r) =>
      Object.assign(new Appraisal(), {
        id: r.id,
        memberId: r.member_id,
        year: Number(r.year),
        grade: r.grade,
        appraisedOn: r.appraised_on,
        regionCode: r.region_code,
        followUp: r.action
          ? Object.assign(new AppraisalFollowUp(), {
              action: r.action,
              decidedOn: r.decided_on,
              correctBy: r.correct_by,
            })
          : null,
      }),
    );
  }

  async trainings(memberIds: readonly string[]): Promise<TrainingRecord[][]> {
    const rows = memberIds.length
      ? ((await this.dataSource.query(
          "SELECT id, member_id, title, DATE_FORMAT(started_on, '%Y-%m-%d') AS started_on, hours FROM training_record WHERE member_id IN (?) ORDER BY started_on",
          [[...memberIds]],
        )) as Array<{ id: string; member_id: string; title: string; started_on: string; hours: number }>)
      : [];
    return memberIds.map((m) =>
      rows
        .filter((r) => r.member_id === m)
        .map((r) =>
          Object.assign(new TrainingRecord(), {
            id: r.id,
            memberId: m,
            staffAssignmentId: null,
            title: r.title,
            startedOn: r.started_on,
            hours: Number(r.hours),
          }),
        ),
    );
  }
}
