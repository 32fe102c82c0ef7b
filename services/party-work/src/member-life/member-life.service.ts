import { randomUUID } from 'node:crypto';
import { readRecordDate, today } from '@pb/platform/calendar';
import { badInput, conflict, notFound } from '@pb/platform/errors';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import { lockMember } from '../party-member/party-member.rows.js';
import { MemberStage, MemberStatus } from '../party-member/party-member.type.js';
import type { PartyMemberReadService } from '../party-member/party-member-read.service.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import type { RecordAppraisalInput, RecordTalkInput, RecordTrainingInput } from './member-life.input.js';
import { Appraisal, Talk, TrainingRecord } from './member-life.type.js';
import { insertTraining, prepareTraining } from './training.js';

export const MEMBER_LIFE_RULES = {
  APPRAISAL_MEMBERS_ONLY: 'APPRAISAL_MEMBERS_ONLY',
  APPRAISAL_ONCE_A_YEAR: 'APPRAISAL_ONCE_A_YEAR',
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
} as const;

/** Democratic appraisals, heart-to-heart talks and training of members. */
export class MemberLifeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly members: PartyMemberReadService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async recordAppraisal(input: RecordAppraisalInput, viewer: Viewer): Promise<Appraisal> {
    viewer.require('write:records');
    const thisYear = Number(today().slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear)
      throw badInput('input.year', `input.year must be from 2000 to ${thisYear}.`, {
        rule: MEMBER_LIFE_RULES.NOT_IN_FUTURE,
      });
    const id = randomUUID();
    await this.changes.write(async (manager) => {
      const member = await lockMember(manager, input.memberId, 'input.memberId', viewer);
      viewer.requireWithin(member.regionCode);
      if (
        member.status !== MemberStatus.ACTIVE ||
        (member.stage !== MemberStage.FULL && member.stage !== MemberStage.PROBATIONARY)
      )
        throw badInput(
          'input.memberId',
          `Only Party members on the rolls (probationary or full) are appraised (rule ${MEMBER_LIFE_RULES.APPRAISAL_MEMBERS_ONLY}); this one is ${member.stage}, ${member.status}.`,
          {
            rule: MEMBER_LIFE_RULES.APPRAISAL_MEMBERS_ONLY,
          },
        );
      const existing = await manager.query('SELECT 1 FROM appraisal WHERE member_id = ? AND year = ?', [
        member.id,
        input.year,
      ]);
      if (existing.length > 0)
        throw conflict(
          `input.year: this member already has a grade for ${input.year} (rule ${MEMBER_LIFE_RULES.APPRAISAL_ONCE_A_YEAR}).`,
          {
            field: 'input.year',
            rule: MEMBER_LIFE_RULES.APPRAISAL_ONCE_A_YEAR,
          },
        );
      await manager.query(
        'INSERT INTO appraisal (id, member_id, year, grade, region_code, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
        [id, member.id, input.year, input.grade, member.regionCode, viewer.subject],
      );
    });
    return Object.assign(new Appraisal(), {
      id,
      memberId: input.memberId,
      year: input.year,
      grade: input.grade,
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
    await this.changes.write(async (manager) => {
      await manager.query(
        'INSERT INTO talk (id, held_on, topic, talker, region_code, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
        [id, heldOn, topic, talker, found[0]!.regionCode, viewer.subject],
      );
      await manager.query(
        `INSERT INTO talk_participant (talk_id, member_id, held_on) VALUES ${participantIds.map(() => '(?, ?, ?)').join(', ')}`,
        participantIds.flatMap((m) => [id, m, heldOn]),
      );
      // a talk is what the applicant and activist deadlines ask for
      await this.workAlerts.refresh(manager, 'talk', { members: participantIds });
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

  async appraisals(memberIds: readonly string[]): Promise<Appraisal[][]> {
    const rows = memberIds.length
      ? ((await this.dataSource.query(
          'SELECT id, member_id, year, grade FROM appraisal WHERE member_id IN (?) ORDER BY year',
          [[...memberIds]],
        )) as Array<{ id: string; member_id: string; year: number; grade: string }>)
      : [];
    return memberIds.map((m) =>
      rows
        .filter((r) => r.member_id === m)
        .map((r) =>
          Object.assign(new Appraisal(), { id: r.id, memberId: m, year: Number(r.year), grade: r.grade }),
        ),
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
