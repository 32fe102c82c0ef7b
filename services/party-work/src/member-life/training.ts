import { randomUUID } from 'node:crypto';
import { readRecordDate } from '@pb/platform/calendar';
import { badInput } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { EntityManager } from 'typeorm';
import type { PartyWorkChanges } from '../changes/party-work-changes.js';
import { memberPerson, postPerson } from '../statistics/training-cells/training-cells.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import type { RecordTrainingInput } from './member-life.input.js';
import { TrainingRecord } from './member-life.type.js';

/** The rules of a training record (domain.md, training), each refused with its code. */
export const TRAINING_RULES = {
  /** Exactly one of memberId and staffAssignmentId names the person trained. */
  ONE_PERSON: 'TRAINING_ONE_PERSON',
  /** Whole class hours from 1 to TRAINING_MAX_HOURS. */
  HOURS: 'TRAINING_HOURS',
  /** The member or post is known in the viewer's region (the same answer for one of another region). */
  PERSON_KNOWN: 'TRAINING_PERSON_KNOWN',
  /** The member is on the rolls (not ended); the post had not ended when the training began. */
  PERSON_ACTIVE: 'TRAINING_PERSON_ACTIVE',
  /** A post held by a member is trained as the member: the hours are the member's, whatever the post. */
  STAFF_HELD_BY_MEMBER: 'TRAINING_STAFF_HELD_BY_MEMBER',
  /** The date lies from 1921-07-01 to today. */
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
} as const;

/** One course's class hours at most: a long course (a month's full-time class) is recorded in parts. */
export const TRAINING_MAX_HOURS = 200;

/** A checked training record, with the region of the person it is counted in. */
export interface PreparedTraining {
  record: TrainingRecord;
  regionCode: string;
}

/**
 * Checks a training record against every rule, reading the person inside the write's transaction (locked,
 * so that a membership ending meanwhile waits): the one check of recordTraining and of the import.
 */
export async function prepareTraining(
  manager: Pick<EntityManager, 'query'>,
  input: RecordTrainingInput,
  viewer: Viewer,
): Promise<PreparedTraining> {
  if (Boolean(input.memberId) === Boolean(input.staffAssignmentId))
    throw badInput(
      'input.memberId',
      `Name the person trained by exactly one of input.memberId (a Party member on your rolls) and input.staffAssignmentId (a staff post held by someone who is not a member here) (rule ${TRAINING_RULES.ONE_PERSON}).`,
      { rule: TRAINING_RULES.ONE_PERSON },
    );
  const startedOn = readRecordDate('input.startedOn', input.startedOn, TRAINING_RULES.NOT_IN_FUTURE);
  if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > TRAINING_MAX_HOURS)
    throw badInput(
      'input.hours',
      `input.hours must be whole class hours from 1 to ${TRAINING_MAX_HOURS} (rule ${TRAINING_RULES.HOURS}); record a longer course in parts.`,
      { rule: TRAINING_RULES.HOURS },
    );
  const title = readText('input.title', input.title, { max: 200 });
  const record = Object.assign(new TrainingRecord(), {
    id: randomUUID(),
    memberId: null as string | null,
    staffAssignmentId: null as string | null,
    title,
    startedOn,
    hours: input.hours,
  });
  if (input.memberId) {
    const [member] = (await manager.query(
      'SELECT id, region_code, status FROM party_member WHERE id = ? FOR UPDATE',
      [input.memberId],
    )) as Array<{ id: string; region_code: string; status: string }>;
    if (!member || !isWithinRegion(member.region_code, viewer.regionCode))
      throw badInput(
        'input.memberId',
        `input.memberId: no member ${input.memberId} on your rolls (rule ${TRAINING_RULES.PERSON_KNOWN}); give the id of a member in your region.`,
        { rule: TRAINING_RULES.PERSON_KNOWN },
      );
    viewer.requireWithin(member.region_code);
    if (member.status !== 'ACTIVE')
      throw badInput(
        'input.memberId',
        `input.memberId: this membership has ended (${member.status}); training is recorded for members on the rolls (rule ${TRAINING_RULES.PERSON_ACTIVE}).`,
        { rule: TRAINING_RULES.PERSON_ACTIVE },
      );
    record.memberId = member.id;
    return { record, regionCode: member.region_code };
  }
  const [post] = (await manager.query(
    `SELECT s.id, s.member_id, DATE_FORMAT(s.from_on, '%Y-%m-%d') AS from_on,
            DATE_FORMAT(s.to_on, '%Y-%m-%d') AS to_on, o.region_code
       FROM staff_assignment s JOIN party_organization_replica o ON o.id = s.party_organization_id
      WHERE s.id = ? FOR UPDATE`,
    [input.staffAssignmentId],
  )) as Array<{
    id: string;
    member_id: string | null;
    from_on: string;
    to_on: string | null;
    region_code: string;
  }>;
  if (!post || !isWithinRegion(post.region_code, viewer.regionCode))
    throw badInput(
      'input.staffAssignmentId',
      `input.staffAssignmentId: no staff assignment ${input.staffAssignmentId} in your region (rule ${TRAINING_RULES.PERSON_KNOWN}).`,
      { rule: TRAINING_RULES.PERSON_KNOWN },
    );
  viewer.requireWithin(post.region_code);
  if (post.member_id)
    throw badInput(
      'input.staffAssignmentId',
      `input.staffAssignmentId: this post is held by member ${post.member_id}; record the training with input.memberId instead (rule ${TRAINING_RULES.STAFF_HELD_BY_MEMBER}).`,
      { rule: TRAINING_RULES.STAFF_HELD_BY_MEMBER },
    );
  if (post.to_on !== null && post.to_on < startedOn)
    throw badInput(
      'input.staffAssignmentId',
      `input.staffAssignmentId: the post ended on ${post.to_on}, before the training began on ${startedOn} (rule ${TRAINING_RULES.PERSON_ACTIVE}).`,
      { rule: TRAINING_RULES.PERSON_ACTIVE },
    );
  record.staffAssignmentId = post.id;
  return { record, regionCode: post.region_code };
}

/** Writes a checked record, moves its figure and the person's alert (inside the write's transaction). */
export async function insertTraining(
  manager: EntityManager,
  changes: PartyWorkChanges,
  workAlerts: WorkAlertKeeper,
  { record, regionCode }: PreparedTraining,
  recordedBy: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO training_record (id, member_id, staff_assignment_id, title, started_on, hours, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      record.id,
      record.memberId,
      record.staffAssignmentId,
      record.title,
      record.startedOn,
      record.hours,
      recordedBy,
    ],
  );
  const person = record.memberId
    ? memberPerson(record.memberId)
    : postPerson({ id: record.staffAssignmentId!, memberId: null });
  changes.trainingRecorded(person, regionCode, Number(record.startedOn.slice(0, 4)));
  await workAlerts.refresh(manager, 'training', {
    members: [record.memberId],
    staff: [record.staffAssignmentId],
  });
}
