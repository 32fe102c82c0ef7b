import { randomUUID } from 'node:crypto';
import {
  type ImportReport,
  readTable,
  runImport,
  type TableInput,
  type TableRow,
  type Validation,
  type Viewer,
} from '@pb/platform';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActivityService, PreparedActivity } from '../activity/activity.service.js';
import { ActivityMode, ActivityType } from '../activity/activity.type.js';
import type { FullMemberCountChanged } from '../full-member-count/full-member-count.service.js';
import type { PartyMemberService, PreparedMember } from '../party-member/party-member.service.js';
import { MemberStage } from '../party-member/party-member.type.js';
import { WRITE_TRANSACTION } from '../work-alert/work-alert.keeper.js';

/** Columns of a member file; imports also take the Chinese headers. The ID number is the natural key. */
export const MEMBER_COLUMNS = [
  'name',
  'idNumber',
  'phone',
  'socialOrganization',
  'branch',
  'stage',
  'stageSince',
  'appliedOn',
] as const;
/** Columns of an activity file; (branch, type, heldAt, title) is the natural key. */
export const ACTIVITY_COLUMNS = [
  'branch',
  'type',
  'mode',
  'title',
  'heldAt',
  'expected',
  'present',
  'online',
  'excused',
  'absent',
] as const;

const HEADERS: Record<string, string> = {
  姓名: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  手机号: 'phone',
  手机号码: 'phone',
  社会组织: 'socialOrganization',
  所在单位: 'socialOrganization',
  党组织: 'branch',
  所在党组织: 'branch',
  阶段: 'stage',
  发展阶段: 'stage',
  阶段起始日期: 'stageSince',
  申请入党日期: 'appliedOn',
  类型: 'type',
  活动类型: 'type',
  方式: 'mode',
  主题: 'title',
  时间: 'heldAt',
  举行时间: 'heldAt',
  应到: 'expected',
  实到: 'present',
  线上: 'online',
  请假: 'excused',
  缺席: 'absent',
};

const STAGES: Record<string, MemberStage> = {
  入党申请人: MemberStage.APPLICANT,
  入党积极分子: MemberStage.ACTIVIST,
  发展对象: MemberStage.CANDIDATE,
  预备党员: MemberStage.PROBATIONARY,
  正式党员: MemberStage.FULL,
};
const TYPES: Record<string, ActivityType> = {
  支部党员大会: ActivityType.GENERAL_MEETING,
  支部委员会: ActivityType.COMMITTEE_MEETING,
  党小组会: ActivityType.GROUP_MEETING,
  党课: ActivityType.PARTY_LECTURE,
  主题党日: ActivityType.THEMED_PARTY_DAY,
  组织生活会: ActivityType.ORGANIZATIONAL_LIFE_MEETING,
  民主评议党员: ActivityType.DEMOCRATIC_APPRAISAL,
};
const MODES: Record<string, ActivityMode> = {
  线下: ActivityMode.OFFLINE,
  面对面: ActivityMode.OFFLINE,
  线上: ActivityMode.ONLINE,
  键对键: ActivityMode.ONLINE,
  线上线下: ActivityMode.HYBRID,
  混合: ActivityMode.HYBRID,
};

type Problems = Array<{ field?: string; message: string }>;

/**
 * Bulk import of members and activities from CSV or XLSX (the platform's `readTable` / `runImport`): every
 * row goes through the same checks as the mutations (rules of development, recording window, region of
 * the operator), the good ones are written in batches of one transaction each, and a row already there
 * (same ID number; same branch, type, time and title) counts as unchanged, so a file can be imported again.
 * Rows are inserted by the services' own `insertPrepared`, as the mutations insert them (a member's
 * full-member count and its event commit with each batch), and each batch is announced after its commit
 * as the mutations announce theirs (`added`, `recorded`: the live streams and figures).
 */
export class BulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: PartyMemberService,
    private readonly activities: ActivityService,
  ) {}

  async importMembers(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    // what each batch inserted, with its count events (staged in its transaction), announced after commit
    let written: Array<{ members: PreparedMember[]; events: FullMemberCountChanged[] }> = [];
    // announcements go out in order, after each batch's commit; the import returns once they are out
    let announcing = Promise.resolve();
    const report = await runImport<PreparedMember>({
      rows: readTable(input),
      dataSource: this.dataSource,
      isolation: WRITE_TRANSACTION.isolation,
      onProgress: (done) => {
        const batches = written;
        written = [];
        announcing = announcing.then(async () => {
          for (const { members, events } of batches) await this.members.added(members, events);
        });
        onProgress?.(done);
      },
      validate: async (row) => {
        const values = columns(row);
        const problems: Problems = [];
        if (!values.idNumber)
          problems.push({
            field: 'idNumber',
            message: 'idNumber (身份证号) is required: it identifies the member',
          });
        const stage = enumValue('stage', values.stage, STAGES, MemberStage.APPLICANT, problems);
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
              approvedBy: '批量导入',
            },
            viewer,
          ),
        );
      },
      writeBatch: async (items, manager) => {
        const fresh = await this.newMembers(
          manager,
          items.map((i) => i.item),
        );
        // the members' insert as `addPartyMember` does it: counters, cells and count events included
        const events = await this.members.insertPrepared(manager, fresh, viewer);
        written.push({ members: fresh, events });
        return { imported: fresh.length, unchanged: items.length - fresh.length };
      },
    });
    await announcing;
    return report;
  }

  async importActivities(
    input: TableInput,
    viewer: Viewer,
    onProgress?: (done: number) => void,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    // the activities each batch recorded, announced after its commit as `recordActivity` announces one
    let written: string[][] = [];
    let announcing = Promise.resolve();
    const report = await runImport<PreparedActivity>({
      rows: readTable(input),
      dataSource: this.dataSource,
      isolation: WRITE_TRANSACTION.isolation,
      onProgress: (done) => {
        const batches = written;
        written = [];
        announcing = announcing.then(async () => {
          for (const ids of batches) await this.activities.recorded(ids);
        });
        onProgress?.(done);
      },
      validate: async (row) => {
        const values = columns(row);
        const problems: Problems = [];
        const branchId = await this.reference('branch', values.branch, problems, true);
        const type = enumValue('type', values.type, TYPES, undefined, problems);
        const mode = enumValue('mode', values.mode, MODES, ActivityMode.OFFLINE, problems);
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
            },
            viewer,
          ),
        );
      },
      writeBatch: async (items, manager) => {
        const ids: string[] = [];
        for (const { item } of items) {
          const existing = await manager.query(
            'SELECT 1 FROM activity WHERE branch_id = ? AND type = ? AND held_at = ? AND title = ? LIMIT 1',
            [item.branchId, item.input.type, item.heldAt, item.title],
          );
          if (existing.length > 0) continue;
          const id = randomUUID();
          await this.activities.insertPrepared(manager, id, item, viewer);
          ids.push(id);
        }
        written.push(ids);
        return { imported: ids.length, unchanged: items.length - ids.length };
      },
    });
    await announcing;
    return report;
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

/** The row's values under canonical column names (Chinese headers mapped). */
function columns(row: TableRow): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [header, value] of Object.entries(row.values))
    values[HEADERS[header.trim()] ?? header.trim()] = value;
  return values;
}

/** An enum column given by its value or its Chinese name; `fallback` when empty (required when undefined). */
function enumValue<T extends string>(
  field: string,
  value: string | undefined,
  chinese: Record<string, T>,
  fallback: T | undefined,
  problems: Problems,
): T | undefined {
  if (!value && fallback) return fallback;
  const allowed = Object.values(chinese);
  const found = value ? (chinese[value] ?? allowed.find((v) => v === value.toUpperCase())) : undefined;
  if (!found)
    problems.push({
      field,
      message: `${field} must be one of ${Object.keys(chinese).join('、')}, got "${value ?? ''}"`,
    });
  return found;
}

/** Runs a service check; a user error becomes the row's problem, naming its column. */
async function userChecked<T>(check: () => Promise<T>): Promise<Validation<T>> {
  try {
    return { item: await check() };
  } catch (error) {
    if (
      !(error instanceof GraphQLError) ||
      typeof error.extensions?.code !== 'string' ||
      error.extensions.code === 'INTERNAL_SERVER_ERROR'
    )
      throw error;
    const field =
      typeof error.extensions.field === 'string' ? error.extensions.field.replace(/^input\./, '') : undefined;
    return { problems: [{ ...(field ? { field } : {}), message: error.message }] };
  }
}

/** `2026-05-20 14:30` (China time) or an ISO date-time with offset → ISO-8601 UTC; a bare date is 09:00. */
function chinaTime(text: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  const date = local
    ? new Date(
        `${local[1]}T${(local[2] ?? '09').padStart(2, '0')}:${local[3] ?? '00'}:${local[4] ?? '00'}+08:00`,
      )
    : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
