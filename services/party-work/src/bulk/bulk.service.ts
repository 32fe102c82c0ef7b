import { randomUUID } from 'node:crypto';
import { readTable, runImport, type TableInput, type TableRow, type Validation } from '@pb/platform/bulk';
import type { ImportReport } from '@pb/platform/bulk-graphql';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActivityService, PreparedActivity } from '../activity/activity.service.js';
import { ActivityMode, type ActivityType } from '../activity/activity.type.js';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { MemberLifeService, PreparedAppraisal } from '../member-life/member-life.service.js';
import { insertTraining, type PreparedTraining } from '../member-life/training.js';
import type { PartyMemberService, PreparedMember } from '../party-member/party-member.service.js';
import { MemberStage } from '../party-member/party-member.type.js';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import { type WorkAlertKeeper, WRITE_TRANSACTION } from '../work-alert/work-alert.keeper.js';
import { insertNewAppraisals, validateAppraisal } from './appraisal-rows.js';
import {
  chinaTime,
  columns,
  enumValue,
  MODES,
  type Problems,
  PURPOSES,
  STAGES,
  TYPES,
  userChecked,
  WORK_ROLES,
} from './bulk.columns.js';
import { validateTraining } from './training-rows.js';

/**
 * Bulk import of members, activities, 民主评议 grades and training from CSV or XLSX (the platform's `readTable` / `runImport`): every
 * row goes through the same checks as the mutations (rules of development, recording window, region of
 * the operator), the good ones are written in batches of one transaction each, and a row already there
 * (same ID number; same branch, type, time and title; same member and year) counts as unchanged, so a file can be imported again.
 * Rows are inserted by the services' own `insertPrepared`, as the mutations insert them, within the
 * ChangeWriter in each batch's transaction (a member's full-member count and its event commit with the
 * batch), and each batch is announced after its commit as the mutations announce theirs (the live streams
 * and figures).
 */
export class BulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly members: PartyMemberService,
    private readonly activities: ActivityService,
    private readonly memberLife: MemberLifeService,
    private readonly cipher: PersonalDataCipher,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async importMembers(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return this.importRows<PreparedMember>(
      input,
      onProgress,
      (row) => this.validateMember(row, viewer),
      async (items, manager, changes) => {
        const fresh = await this.newMembers(manager, items);
        // the members' insert as `addPartyMember` does it: counters, cells and count events included
        await this.members.insertPrepared(manager, fresh, viewer, changes);
        return fresh.length;
      },
    );
  }

  async importActivities(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return this.importRows<PreparedActivity>(
      input,
      onProgress,
      (row) => this.validateActivity(row, viewer),
      async (items, manager, changes) => {
        let imported = 0;
        for (const item of items) {
          const existing = await manager.query(
            'SELECT 1 FROM activity WHERE branch_id = ? AND type = ? AND held_at = ? AND title = ? LIMIT 1',
            [item.branchId, item.input.type, item.heldAt, item.title],
          );
          if (existing.length > 0) continue;
          await this.activities.insertPrepared(manager, randomUUID(), item, viewer, changes);
          imported += 1;
        }
        return imported;
      },
    );
  }

  async importAppraisals(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return this.importRows<PreparedAppraisal>(
      input,
      onProgress,
      (row) => validateAppraisal(this.dataSource, this.cipher, row, viewer),
      (items, manager, changes) => insertNewAppraisals(this.memberLife, manager, items, viewer, changes),
    );
  }

  /** Training of members and staff posts; a row already there (same person, title and date) is unchanged. */
  async importTraining(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return this.importRows<PreparedTraining>(
      input,
      onProgress,
      (row) => validateTraining(this.dataSource, this.cipher, row, viewer),
      async (items, manager, changes) => {
        let imported = 0;
        for (const item of items) {
          const { memberId, staffAssignmentId, title, startedOn } = item.record;
          const existing = await manager.query(
            `SELECT 1 FROM training_record WHERE ${memberId ? 'member_id' : 'staff_assignment_id'} = ?
               AND title = ? AND started_on = ? LIMIT 1`,
            [memberId ?? staffAssignmentId, title, startedOn],
          );
          if (existing.length > 0) continue;
          // a row repeated in the file is unchanged the second time: the first is there by then
          await insertTraining(manager, changes, this.workAlerts, item, viewer.subject);
          imported += 1;
        }
        return imported;
      },
    );
  }

  /**
   * Runs an import: each batch written within the ChangeWriter in its own transaction (`write` says how
   * many of its items were new), and announced after its commit.
   */
  private async importRows<T>(
    input: TableInput,
    onProgress: ((done: number) => void) | undefined,
    validate: (row: TableRow) => Promise<Validation<T>>,
    write: (items: T[], manager: EntityManager, changes: PartyWorkChanges) => Promise<number>,
  ): Promise<ImportReport> {
    const announcer = this.batchAnnouncer(onProgress);
    const report = await runImport<T>({
      rows: readTable(input),
      dataSource: this.dataSource,
      isolation: WRITE_TRANSACTION.isolation,
      onProgress: announcer.progress,
      validate,
      writeBatch: async (items, manager) => {
        const { value: imported, changes } = await this.changes.within(manager, (changes) =>
          write(
            items.map((i) => i.item),
            manager,
            changes,
          ),
        );
        announcer.written(changes);
        return { imported, unchanged: items.length - imported };
      },
    });
    await announcer.done();
    return report;
  }

  /** A member row checked as `addPartyMember` checks its input; its problems, naming their columns. */
  private async validateMember(row: TableRow, viewer: Viewer): Promise<Validation<PreparedMember>> {
    const values = columns(row);
    const problems: Problems = [];
    if (!values.idNumber)
      problems.push({
        field: 'idNumber',
        message: 'idNumber (身份证号) is required: it identifies the member',
      });
    const stage = enumValue('stage', values.stage, STAGES, MemberStage.APPLICANT, problems);
    // optional: an empty cell marks no role
    const workRole = values.workRole
      ? enumValue('workRole', values.workRole, WORK_ROLES, undefined, problems)
      : null;
    const socialOrganizationId = await this.reference(
      'socialOrganization',
      values.socialOrganization,
      problems,
      true,
    );
    const branchId = await this.reference('branch', values.branch, problems, false);
    if (problems.length > 0) return { problems };
    return userChecked(() =>
      this.members.prepare(
        {
          name: values.name ?? '',
          socialOrganizationId: socialOrganizationId as string,
          branchId,
          stage: stage as MemberStage,
          stageSince: values.stageSince || null,
          appliedOn: values.appliedOn || null,
          idNumber: values.idNumber,
          phone: values.phone || null,
          workRole: workRole ?? null,
          approvedBy: '批量导入',
        },
        viewer,
      ),
    );
  }

  /** An activity row checked as `recordActivity` checks its input; its problems, naming their columns. */
  private async validateActivity(row: TableRow, viewer: Viewer): Promise<Validation<PreparedActivity>> {
    const values = columns(row);
    const problems: Problems = [];
    const branchId = await this.reference('branch', values.branch, problems, true);
    const type = enumValue('type', values.type, TYPES, undefined, problems);
    const mode = enumValue('mode', values.mode, MODES, ActivityMode.OFFLINE, problems);
    // optional: an empty cell names no purpose
    const serves = values.serves ? enumValue('serves', values.serves, PURPOSES, undefined, problems) : null;
    const heldAt = values.heldAt ? chinaTime(values.heldAt) : null;
    if (!heldAt)
      problems.push({
        field: 'heldAt',
        message: `heldAt must be a date and time such as 2026-05-20 14:30 (China time), got "${values.heldAt ?? ''}"`,
      });
    const counts: Record<string, number> = {};
    for (const name of ['expected', 'present', 'online', 'excused', 'absent']) {
      const text = values[name] || '0';
      counts[name] = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isNaN(counts[name]))
        problems.push({ field: name, message: `${name} must be a whole number, got "${text}"` });
    }
    if (problems.length > 0) return { problems };
    return userChecked(() =>
      this.activities.prepare(
        {
          branchId: branchId as string,
          type: type as ActivityType,
          mode: mode as ActivityMode,
          title: values.title ?? '',
          heldAt: heldAt as string,
          expected: counts.expected as number,
          present: counts.present as number,
          online: counts.online as number,
          excused: counts.excused as number,
          absent: counts.absent as number,
          serves: serves ?? null,
        },
        viewer,
      ),
    );
  }

  /**
   * What each batch changed, announced after its commit as the mutations announce theirs: in order, the
   * batches a progress report covers (they have committed); the import returns once they are out.
   */
  private batchAnnouncer(onProgress?: (done: number) => void) {
    let written: PartyWorkChanges[] = [];
    let announcing = Promise.resolve();
    return {
      written: (changes: PartyWorkChanges) => written.push(changes),
      progress: (done: number) => {
        const batches = written;
        written = [];
        announcing = announcing.then(async () => {
          for (const changes of batches) await this.changes.announce(changes);
        });
        onProgress?.(done);
      },
      done: () => announcing,
    };
  }

  /** Members of a batch not yet recorded: neither in the database nor earlier in the batch (by ID hash). */
  private async newMembers(manager: EntityManager, prepared: PreparedMember[]): Promise<PreparedMember[]> {
    const hashes = prepared.map((p) => p.entity.idNumberHash).filter((h): h is Buffer => h !== null);
    const known = new Set(
      hashes.length
        ? (
            (await manager.query('SELECT id_number_hash AS h FROM party_member WHERE id_number_hash IN (?)', [
              hashes,
            ])) as Array<{ h: Buffer }>
          ).map((r) => r.h.toString('hex'))
        : [],
    );
    return prepared.filter((p) => {
      const hash = p.entity.idNumberHash?.toString('hex');
      if (!hash || known.has(hash)) return false;
      known.add(hash);
      return true;
    });
  }

  private readonly lookups = new Map<string, string | null>();

  /** The id a column names (an id or an exact name), or null with the row's problem recorded. */
  private async reference(
    field: 'socialOrganization' | 'branch',
    value: string | undefined,
    problems: Problems,
    required: boolean,
  ): Promise<string | null> {
    if (!value && !required) return null;
    const id = value
      ? await this.lookup(field === 'branch' ? 'party_organization_replica' : 'organization_replica', value)
      : null;
    if (!id) {
      const what = field === 'branch' ? 'Party organization' : 'social organization';
      problems.push({ field, message: `no ${what} "${value ?? ''}" is known (give its id or exact name)` });
    }
    return id;
  }

  /** A replica's id by id or exact name; null when unknown or when the name is not unique. */
  private async lookup(
    table: 'organization_replica' | 'party_organization_replica',
    value: string,
  ): Promise<string | null> {
    const cacheKey = `${table}|${value}`;
    if (this.lookups.has(cacheKey)) return this.lookups.get(cacheKey) ?? null;
    const rows = (await this.dataSource.query(`SELECT id FROM ${table} WHERE id = ? OR name = ? LIMIT 2`, [
      value,
      value,
    ])) as Array<{ id: string }>;
    const id = rows.length === 1 ? (rows[0]?.id ?? null) : null;
    if (this.lookups.size > 100_000) this.lookups.clear();
    this.lookups.set(cacheKey, id);
    return id;
  }
}
