import { randomUUID } from 'node:crypto';
import { quarterOf } from '@pb/platform/calendar';
import { conflict, notFound } from '@pb/platform/errors';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource, EntityManager } from 'typeorm';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { type BranchFacts, countActivity } from '../statistics/activity-aggregates/activity-aggregates.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import type { RecordActivityInput } from './activity.input.js';
import { insertActivity } from './activity.rows.js';
import {
  ACTIVITY_RULES,
  type AttendanceCounts,
  checkAttendanceTally,
  checkCounts,
  checkHeldAt,
  rule,
} from './activity.rules.js';
import type { Activity } from './activity.type.js';
import { type ActivityRow, toActivity } from './activity-read.service.js';

/** An activity checked against the rules, ready to insert. */
export interface PreparedActivity {
  input: RecordActivityInput;
  title: string;
  heldAt: Date;
  heldOn: string;
  counts: AttendanceCounts;
  branchId: string;
  regionCode: string;
}

/**
 * Recording organizational life (with corrections): the rules of a record (activity.rules.ts), and the
 * insert with its statistics cells and work alerts, through the ChangeWriter. Reads, the live figure and
 * compliance are services of their own.
 */
export class ActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly organizations: OrganizationReplicaService,
    private readonly windowDays: number,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async record(input: RecordActivityInput, viewer: Viewer): Promise<Activity> {
    viewer.require('write:records');
    const prepared = await this.prepare(input, viewer);
    return this.changes.write((manager, changes) =>
      this.insertPrepared(manager, randomUUID(), prepared, viewer, changes),
    );
  }

  /** Checks an activity against every rule that needs no write; the row to insert, or the user error. */
  async prepare(input: RecordActivityInput, viewer: Viewer): Promise<PreparedActivity> {
    const branch = await this.organizations.findPartyOrganization(input.branchId);
    if (!branch) throw notFound(`input.branchId: no Party organization ${input.branchId} is known here.`);
    viewer.requireWithin(branch.regionCode);
    const title = readText('input.title', input.title, { max: 200 });
    const { heldAt, heldOn } = checkHeldAt(input, branch, this.windowDays);
    const counts = checkCounts(input);
    if (input.attendance) {
      const ids = checkAttendanceTally(input, counts);
      if (ids.size > 0) {
        const known = (await this.dataSource.query(
          "SELECT COUNT(*) AS n FROM party_member WHERE id IN (?) AND branch_id = ? AND status = 'ACTIVE'",
          [[...ids], branch.id],
        )) as Array<{ n: string | number }>;
        if (Number(known[0]?.n) !== ids.size)
          throw rule(
            'input.attendance',
            ACTIVITY_RULES.ATTENDANCE_PER_MEMBER,
            `Every member in input.attendance must be on the rolls of this branch (rule ${ACTIVITY_RULES.ATTENDANCE_PER_MEMBER}).`,
          );
      }
    }
    return { input, title, heldAt, heldOn, counts, branchId: branch.id, regionCode: branch.regionCode };
  }

  /**
   * Inserts a prepared activity (and marks the record it corrects) inside the caller's transaction, which
   * runs READ COMMITTED: it re-evaluates the work alerts of the branch (see WorkAlertKeeper). The only
   * insert of activities (`record` and an import's batches alike): the change set carries the activity to
   * the live feed and its figures, so an imported activity is seen as a recorded one is.
   */
  async insertPrepared(
    manager: EntityManager,
    id: string,
    prepared: PreparedActivity,
    viewer: Viewer,
    changes: PartyWorkChanges,
  ): Promise<Activity> {
    const { input, heldOn, counts } = prepared;
    const branch = { id: prepared.branchId, regionCode: prepared.regionCode };
    const [facts] = (await manager.query(
      `SELECT type, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
              DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at
       FROM party_organization_replica WHERE id = ? LOCK IN SHARE MODE`,
      [branch.id],
    )) as BranchFacts[];
    const regionCode = facts?.region_code ?? branch.regionCode;
    if (input.correctsId)
      await this.supersede(manager, id, input.correctsId, branch.id, facts as BranchFacts, changes);
    await insertRow(manager, id, prepared, viewer);
    await countActivity(
      manager,
      facts as BranchFacts,
      {
        branchId: branch.id,
        regionCode,
        quarter: quarterOf(heldOn),
        heldOn,
        type: input.type,
        mode: input.mode,
        serves: input.serves ?? null,
        attended: counts.present + counts.online,
        due: counts.expected - counts.excused,
      },
      1,
    );
    if (input.attendance?.length)
      await manager.query(
        `INSERT INTO activity_attendance (activity_id, member_id, attendance) VALUES ${input.attendance.map(() => '(?, ?, ?)').join(', ')}`,
        input.attendance.flatMap((a) => [id, a.memberId, a.attendance]),
      );
    await this.workAlerts.refresh(manager, 'activity', { branches: [branch.id] });
    const [row] = (await manager.query('SELECT a.* FROM activity a WHERE a.id = ?', [id])) as ActivityRow[];
    const activity = toActivity(row!);
    changes.activitiesRecorded.push(activity);
    changes.activityFigure(activity.regionCode, activity.quarter);
    return activity;
  }

  /**
   * Marks the record a correction replaces as superseded and uncounts it; only the latest version of a
   * record of the same branch is corrected.
   */
  private async supersede(
    manager: EntityManager,
    id: string,
    correctsId: string,
    branchId: string,
    facts: BranchFacts,
    changes: PartyWorkChanges,
  ): Promise<void> {
    const [old] = (await manager.query(
      `SELECT branch_id, superseded_by, region_code, quarter, held_on, type, mode, serves,
              present + online AS attended, expected - excused AS due FROM activity WHERE id = ? FOR UPDATE`,
      [correctsId],
    )) as Array<{
      branch_id: string;
      superseded_by: string | null;
      region_code: string;
      quarter: string;
      held_on: string;
      type: string;
      mode: string;
      serves: string | null;
      attended: number;
      due: number;
    }>;
    if (!old) throw notFound(`input.correctsId: no activity ${correctsId}.`);
    if (old.branch_id !== branchId)
      throw rule(
        'input.correctsId',
        ACTIVITY_RULES.CORRECTS_SAME_BRANCH,
        `A correction belongs to the same branch as the record it corrects (rule ${ACTIVITY_RULES.CORRECTS_SAME_BRANCH}).`,
      );
    if (old.superseded_by)
      throw conflict(
        `input.correctsId: that record was already corrected by ${old.superseded_by}; correct the latest version (rule ${ACTIVITY_RULES.CORRECTS_LATEST}).`,
        { field: 'input.correctsId', rule: ACTIVITY_RULES.CORRECTS_LATEST },
      );
    await manager.query('UPDATE activity SET superseded_by = ? WHERE id = ?', [id, correctsId]);
    // a correction may move an activity to another quarter: both figures change
    changes.activityFigure(old.region_code, old.quarter);
    await countActivity(
      manager,
      facts,
      {
        branchId: old.branch_id,
        regionCode: old.region_code,
        quarter: old.quarter,
        heldOn: old.held_on,
        type: old.type,
        mode: old.mode,
        serves: old.serves,
        attended: Number(old.attended),
        due: Number(old.due),
      },
      -1,
    );
  }
}

/** The activity's own row. */
async function insertRow(
  manager: EntityManager,
  id: string,
  prepared: PreparedActivity,
  viewer: Viewer,
): Promise<void> {
  const { input, title, heldAt, heldOn, counts } = prepared;
  await insertActivity(manager, {
    id,
    branchId: prepared.branchId,
    regionCode: prepared.regionCode,
    type: input.type,
    mode: input.mode,
    title,
    heldAt,
    heldOn,
    quarter: quarterOf(heldOn),
    expected: counts.expected,
    present: counts.present,
    online: counts.online,
    excused: counts.excused,
    absent: counts.absent,
    correctsId: input.correctsId ?? null,
    supersededBy: null,
    recordedBy: viewer.subject,
    serves: input.serves ?? null,
  });
}
