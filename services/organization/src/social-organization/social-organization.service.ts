import { randomUUID } from 'node:crypto';
import {
  badInput,
  type Connection,
  conflict,
  inTransaction,
  isWithinRegion,
  type Logger,
  notFound,
  type Page,
  type PubSub,
  readOptionalText,
  readText,
  regionLikePattern,
  scopeTopicId,
  toConnection,
  usccProblem,
  usccRegionProblem,
  type Viewer,
} from '@pb/platform';
import { type DataSource, type EntityManager, In } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';
import { anyDate, notBefore, pastDate } from '../dates.js';
import { type Announcer, type ChangeSet, SOCIAL_ORGANIZATION_REGISTERED } from '../events/announcer.js';
import { alreadyThere, refreshActiveUntil, refreshPartySize } from '../records.js';
import type { RegionService } from '../region/region.service.js';
import { SocialOrganizationEntity } from './social-organization.entity.js';
import type {
  RegisterSocialOrganizationInput,
  SocialOrganizationFilter,
  UpdateSocialOrganizationInput,
} from './social-organization.input.js';
import {
  CharterClause,
  OrganizationStatus,
  RegistrationLevel,
  SocialOrganization,
  SocialOrganizationChange,
  type SocialOrganizationChangeKind,
  type SocialOrganizationType,
} from './social-organization.type.js';
import { SocialOrganizationChangeEntity } from './social-organization-change.entity.js';

export { SOCIAL_ORGANIZATION_REGISTERED };

/** 应建: a unit with at least this many full members must set up its own branch. */
export const ELIGIBILITY_THRESHOLD = 3;

/** A registration as validated, ready to store (also what a bulk import row becomes). */
export interface Registration {
  uscc: string;
  name: string;
  type: SocialOrganizationType;
  regionCode: string;
  registeredAt: string;
  registrationAuthority: string;
  registrationLevel: RegistrationLevel;
  category: string | null;
  supervisingUnit: string | null;
  staffCount: number;
  charterClause: CharterClause;
}

/**
 * Social organizations: registration, changes, the end of their life (deregistration, revocation), the
 * charter clause, and the full-member count party-work reports. Every change is dated, kept in
 * `social_organization_change`, bumps the record's version and is announced after its commit. Every read
 * is scoped to the viewer's region.
 */
export class SocialOrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionService,
    private readonly announcer: Announcer,
    private readonly coverageStats: CoverageStatsService,
    private readonly pubSub: PubSub,
    private readonly logger: Logger,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(SocialOrganizationEntity);
  }

  /**
   * Checks a registration without storing it: BAD_USER_INPUT naming the field and the rule, NOT_FOUND for
   * an unknown region. Field names are prefixed with `prefix` (`input.` for the API, none for a file).
   */
  validateRegistration(input: RegisterSocialOrganizationInput, prefix = 'input.'): Registration {
    const uscc = input.uscc.trim().toUpperCase();
    const problem = usccProblem(uscc);
    if (problem)
      throw badInput(`${prefix}uscc`, `${prefix}uscc: ${problem.message}.`, {
        rule: `USCC_${problem.problem.toUpperCase()}`,
      });
    const name = readText(`${prefix}name`, input.name);
    const region = this.regions.get(input.regionCode, `${prefix}regionCode`);
    const misplaced = usccRegionProblem(uscc, region.code);
    if (misplaced)
      throw badInput(`${prefix}uscc`, `${prefix}uscc: ${misplaced.message}.`, { rule: 'USCC_REGION' });
    const registeredAt = pastDate(`${prefix}registeredAt`, input.registeredAt);
    if (!Number.isInteger(input.staffCount) || input.staffCount < 0) {
      throw badInput(`${prefix}staffCount`, `${prefix}staffCount must be a whole number, 0 or more.`, {
        rule: 'STAFF_COUNT',
      });
    }
    return {
      uscc,
      name,
      type: input.type,
      regionCode: region.code,
      registeredAt,
      registrationAuthority: readText(`${prefix}registrationAuthority`, input.registrationAuthority, {
        max: 100,
      }),
      registrationLevel: input.registrationLevel ?? RegistrationLevel.COUNTY,
      category: readOptionalText(`${prefix}category`, input.category, { max: 64 }),
      supervisingUnit: readOptionalText(`${prefix}supervisingUnit`, input.supervisingUnit, { max: 100 }),
      staffCount: input.staffCount,
      charterClause: input.charterClause ?? CharterClause.MISSING,
    };
  }

  async register(input: RegisterSocialOrganizationInput, viewer: Viewer): Promise<SocialOrganization> {
    viewer.require('write:records');
    const registration = this.validateRegistration(input);
    viewer.requireWithin(registration.regionCode);
    const existing = await this.repository.findOne({ where: { uscc: registration.uscc } });
    if (existing) {
      throw conflict(
        `input.uscc: USCC ${registration.uscc} is already registered to "${existing.name}" (id ${existing.id}).`,
        { existingId: existing.id, rule: 'USCC_UNIQUE' },
      );
    }
    const id = await this.announcer.write(async (manager, changes) => {
      try {
        return await this.insertRegistration(manager, registration, viewer.subject, changes);
      } catch (error) {
        // two registrations of one USCC racing past the check above
        if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
          throw conflict(
            `input.uscc: USCC ${registration.uscc} was registered a moment ago by another request.`,
            {
              rule: 'USCC_UNIQUE',
            },
          );
        }
        throw error;
      }
    });
    return this.load(id);
  }

  /** Inserts one validated registration with its history row; returns the new id. */
  async insertRegistration(
    manager: EntityManager,
    registration: Registration,
    recordedBy: string,
    changes: ChangeSet,
  ): Promise<string> {
    const id = randomUUID();
    await insertOrganizationRows(
      manager,
      [
        {
          ...registration,
          id,
          charterChangedAt:
            registration.charterClause === CharterClause.MISSING ? null : registration.registeredAt,
        },
      ],
      changes,
    );
    await this.recordChange(manager, id, 'REGISTERED', registration.registeredAt, registration, recordedBy);
    changes.registeredIds.add(id);
    return id;
  }

  /**
   * Changes descriptive columns of an organization (by column name) as of `effectiveOn`, with its history
   * row, and marks the change: `update` and a bulk import's changed rows both come here.
   */
  async updateDescription(
    manager: EntityManager,
    organization: { id: string; regionCode: string },
    changed: Record<string, unknown>,
    effectiveOn: string,
    recordedBy: string,
    changes: ChangeSet,
  ): Promise<void> {
    const columns = Object.keys(changed);
    for (const column of columns)
      if (!DESCRIPTIVE_COLUMNS.has(column)) throw new Error(`${column} is not a descriptive column`);
    await manager.query(
      `UPDATE social_organization SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1
        WHERE id = ?`,
      [...columns.map((c) => changed[c]), organization.id],
    );
    await this.recordChange(manager, organization.id, 'UPDATED', effectiveOn, changed, recordedBy);
    changes.organization(organization.id, organization.regionCode);
  }

  async update(input: UpdateSocialOrganizationInput, viewer: Viewer): Promise<SocialOrganization> {
    viewer.require('write:records');
    const effectiveOn = pastDate('input.effectiveOn', input.effectiveOn);
    const changed: Record<string, unknown> = {};
    if (input.name != null) changed.name = readText('input.name', input.name);
    if (input.type != null) changed.type = input.type;
    if (input.category !== undefined)
      changed.category = readOptionalText('input.category', input.category, { max: 64 });
    if (input.registrationAuthority != null)
      changed.registration_authority = readText('input.registrationAuthority', input.registrationAuthority, {
        max: 100,
      });
    if (input.registrationLevel != null) changed.registration_level = input.registrationLevel;
    if (input.supervisingUnit !== undefined)
      changed.supervising_unit = readOptionalText('input.supervisingUnit', input.supervisingUnit, {
        max: 100,
      });
    if (input.staffCount != null) {
      if (!Number.isInteger(input.staffCount) || input.staffCount < 0) {
        throw badInput('input.staffCount', 'input.staffCount must be a whole number, 0 or more.', {
          rule: 'STAFF_COUNT',
        });
      }
      changed.staff_count = input.staffCount;
    }
    if (Object.keys(changed).length === 0) {
      throw badInput(
        'input',
        'input names no field to change; give at least one besides id and effectiveOn.',
        {
          rule: 'NOTHING_TO_CHANGE',
        },
      );
    }
    await this.announcer.write(async (manager, changes) => {
      const row = await this.lockActive(manager, input.id, 'input.id', viewer);
      notBefore('input.effectiveOn', effectiveOn, 'the registration date', row.registeredAt);
      await this.updateDescription(manager, row, changed, effectiveOn, viewer.subject, changes);
    });
    return this.load(input.id);
  }

  /**
   * Ends an organization's life: deregistration (注销) or revocation (撤销登记). Its active Party cover
   * ends the same day. Ending it twice is a CONFLICT naming the date it ended.
   */
  async end(
    id: string,
    status: OrganizationStatus.DEREGISTERED | OrganizationStatus.REVOKED,
    on: string,
    reason: string | null | undefined,
    viewer: Viewer,
  ): Promise<SocialOrganization> {
    viewer.require('write:records');
    const date = pastDate('on', on);
    const because = readOptionalText('reason', reason, { max: 500, multiline: true });
    await this.announcer.write(async (manager, changes) => {
      const row = await this.lock(manager, id, 'id', viewer);
      if (row.status !== OrganizationStatus.ACTIVE) {
        throw conflict(
          `id: "${row.name}" was already ${row.status.toLowerCase()} on ${row.statusChangedAt}; an organization ends once.`,
          { rule: `ALREADY_${row.status}` },
        );
      }
      notBefore('on', date, 'the registration date', row.registeredAt);
      await manager.query(
        'UPDATE social_organization SET status = ?, status_changed_at = ?, version = version + 1 WHERE id = ?',
        [status, date, row.id],
      );
      await this.recordChange(manager, row.id, status, date, { reason: because }, viewer.subject);
      changes.organization(row.id, row.regionCode);
      if (row.partyOrganizationId) {
        await endPartyCover(manager, row.id, date);
        changes.partyOrganizationIds.add(row.partyOrganizationId);
      }
    });
    return this.load(id);
  }

  /** Records a new charter clause from a date on; the same clause again changes nothing. */
  async setCharterClause(
    id: string,
    clause: CharterClause,
    changedOn: string,
    viewer: Viewer,
  ): Promise<SocialOrganization> {
    viewer.require('write:records');
    const date = pastDate('changedOn', changedOn);
    await this.announcer.write(async (manager, changes) => {
      const row = await this.lockActive(manager, id, 'id', viewer);
      if (row.charterClause === clause) return;
      notBefore('changedOn', date, 'the registration date', row.registeredAt);
      notBefore('changedOn', date, 'the last charter change', row.charterChangedAt);
      await manager.query(
        `UPDATE social_organization SET charter_clause = ?, charter_changed_at = ?, version = version + 1
          WHERE id = ?`,
        [clause, date, row.id],
      );
      await this.recordChange(
        manager,
        row.id,
        'CHARTER_CHANGED',
        date,
        { charterClause: clause },
        viewer.subject,
      );
      changes.organization(row.id, row.regionCode);
    });
    return this.load(id);
  }

  /**
   * Applies a full-member count party-work reported (never reachable from the public API). Idempotent and
   * ordered per organization: a version not newer than the one kept changes nothing. Returns whether it
   * applied.
   */
  async reportFullMemberCount(
    socialOrganizationId: string,
    fullMemberCount: number,
    version: number,
    reportedAt: string,
  ): Promise<boolean> {
    if (!Number.isInteger(fullMemberCount) || fullMemberCount < 0 || !Number.isInteger(version)) {
      this.logger.warn(
        { socialOrganizationId, fullMemberCount, version },
        'ignored a malformed member count',
      );
      return false;
    }
    const reported = new Date(reportedAt);
    // the organization's row, then its Party organization's: a cover takes them the other way round, so
    // a deadlock is possible, and retried
    const applied = await inTransaction(this.dataSource, async (manager) => {
      const [before] = (await manager.query(
        `SELECT region_code, party_organization_id, full_member_count, full_member_count_version
           FROM social_organization WHERE id = ? FOR UPDATE`,
        [socialOrganizationId],
      )) as Array<{
        region_code: string;
        party_organization_id: string | null;
        full_member_count: number;
        full_member_count_version: number;
      }>;
      // a duplicate, a replay or an older version changes nothing
      if (!before || Number(before.full_member_count_version) >= version) return undefined;
      await manager.query(
        `UPDATE social_organization
            SET full_member_count = ?, full_member_count_version = ?, full_member_count_reported_at = ?
          WHERE id = ?`,
        [
          fullMemberCount,
          version,
          Number.isNaN(reported.getTime()) ? new Date() : reported,
          socialOrganizationId,
        ],
      );
      await refreshPartySize(manager, before.party_organization_id);
      return {
        regionCode: before.region_code,
        eligibilityChanged:
          Number(before.full_member_count) >= ELIGIBILITY_THRESHOLD !==
          fullMemberCount >= ELIGIBILITY_THRESHOLD,
      };
    });
    if (!applied) return false;
    // the coverage figures count organizations by eligibility, not by members: most counts leave them be
    if (applied.eligibilityChanged) await this.coverageStats.changed(applied.regionCode);
    return true;
  }

  /** The live stream of registrations in a region and below it (the viewer's region by default). */
  subscribeRegistered(
    regionCode: string | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<SocialOrganization> {
    viewer.require('read:records');
    const topicId = scopeTopicId(viewer.scope(regionCode));
    return this.pubSub.subscribe(
      SOCIAL_ORGANIZATION_REGISTERED,
      topicId,
    ) as AsyncIterable<SocialOrganization>;
  }

  async findById(id: string, viewer: Viewer): Promise<SocialOrganization | null> {
    viewer.require('read:records');
    const entity = await this.repository.findOne({ where: { id } });
    if (!entity || !isVisible(entity, viewer)) return null;
    return toSocialOrganization(entity);
  }

  async findByUscc(uscc: string, viewer: Viewer): Promise<SocialOrganization | null> {
    viewer.require('read:records');
    const entity = await this.repository.findOne({ where: { uscc: uscc.trim().toUpperCase() } });
    if (!entity || !isVisible(entity, viewer)) return null;
    return toSocialOrganization(entity);
  }

  /** Loads many by id in one query (entity references from the gateway), in the order asked. */
  async findManyById(ids: readonly string[], viewer: Viewer): Promise<Array<SocialOrganization | null>> {
    viewer.require('read:records');
    const rows = ids.length === 0 ? [] : await this.repository.find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.filter((r) => isVisible(r, viewer)).map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row ? toSocialOrganization(row) : null;
    });
  }

  /**
   * Every filter but `nameContains` maps to a column that leads an index of the migration (with the
   * region and the cursor after it); all are scoped to the viewer. `nameContains` (a substring, which no
   * B-tree serves) only narrows the rows the other conditions select.
   */
  async list(
    filter: SocialOrganizationFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<SocialOrganization>> {
    viewer.require('read:records');
    const query = this.filtered(filter, viewer);
    const totalCount = await query.clone().getCount();
    const rows = await query
      .andWhere('o.seq > :after', { after: page.afterSeq })
      .orderBy('o.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, totalCount, toSocialOrganization);
  }

  /** Every organization of a filter in list order, in chunks (for the CSV export). */
  async *listAll(
    filter: SocialOrganizationFilter | null | undefined,
    viewer: Viewer,
    chunk = 2000,
  ): AsyncIterable<SocialOrganization[]> {
    viewer.require('read:records');
    let after = '0';
    for (;;) {
      const rows = await this.filtered(filter, viewer)
        .andWhere('o.seq > :after', { after })
        .orderBy('o.seq', 'ASC')
        .limit(chunk)
        .getMany();
      if (rows.length === 0) return;
      yield rows.map(toSocialOrganization);
      after = rows.at(-1)!.seq;
    }
  }

  private filtered(filter: SocialOrganizationFilter | null | undefined, viewer: Viewer) {
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('o').where('1 = 1');
    if (scope) query.andWhere('o.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    if (filter?.type) query.andWhere('o.type = :type', { type: filter.type });
    if (filter?.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter?.charterClause) query.andWhere('o.charter_clause = :clause', { clause: filter.charterClause });
    if (filter?.eligible != null)
      query.andWhere('o.eligible = :eligible', { eligible: filter.eligible ? 1 : 0 });
    if (filter?.covered != null)
      query.andWhere(filter.covered ? 'o.coverage_mode IS NOT NULL' : 'o.coverage_mode IS NULL');
    if (filter?.standalone != null)
      query.andWhere(
        filter.standalone
          ? "o.coverage_mode = 'STANDALONE'"
          : "(o.coverage_mode IS NULL OR o.coverage_mode <> 'STANDALONE')",
      );
    if (filter?.coverageMode) query.andWhere('o.coverage_mode = :mode', { mode: filter.coverageMode });
    if (filter?.registeredFrom) {
      const from = anyDate('filter.registeredFrom', filter.registeredFrom);
      query.andWhere('o.registered_at >= :from', { from });
    }
    if (filter?.registeredTo) {
      const to = anyDate('filter.registeredTo', filter.registeredTo);
      notBefore('filter.registeredTo', to, 'filter.registeredFrom', filter.registeredFrom);
      query.andWhere('o.registered_at <= :to', { to });
    }
    if (filter?.nameContains?.trim()) {
      const words = filter.nameContains.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
      query.andWhere('o.name LIKE :name', { name: `%${words}%` });
    }
    return query;
  }

  async history(id: string): Promise<SocialOrganizationChange[]> {
    const rows = await this.dataSource
      .getRepository(SocialOrganizationChangeEntity)
      .find({ where: { socialOrganizationId: id }, order: { seq: 'ASC' } });
    return rows.map((row) =>
      Object.assign(new SocialOrganizationChange(), {
        kind: row.kind as SocialOrganizationChangeKind,
        effectiveOn: row.effectiveOn,
        details: row.details,
        recordedAt: row.recordedAt.toISOString(),
      }),
    );
  }

  /** Loads an organization after a write (the writer's own view: scoping was checked before). */
  async load(id: string): Promise<SocialOrganization> {
    const entity = await this.repository.findOneOrFail({ where: { id } });
    return toSocialOrganization(entity);
  }

  async loadMany(ids: string[]): Promise<SocialOrganization[]> {
    if (ids.length === 0) return [];
    return (await this.repository.find({ where: { id: In(ids) } })).map(toSocialOrganization);
  }

  /** Locks an organization's row for a write: NOT_FOUND when absent or outside the viewer's region. */
  async lock(
    manager: EntityManager,
    id: string,
    field: string,
    viewer: Viewer,
  ): Promise<SocialOrganizationEntity> {
    const row = await manager
      .getRepository(SocialOrganizationEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
    if (!row || !isVisible(row, viewer)) {
      throw notFound(`${field}: no social organization "${id}" in your region.`);
    }
    return row;
  }

  /** Like `lock`, and CONFLICT when the organization is no longer active. */
  async lockActive(
    manager: EntityManager,
    id: string,
    field: string,
    viewer: Viewer,
  ): Promise<SocialOrganizationEntity> {
    const row = await this.lock(manager, id, field, viewer);
    if (row.status !== OrganizationStatus.ACTIVE) {
      throw conflict(
        `${field}: "${row.name}" is ${row.status.toLowerCase()} (${row.statusChangedAt}); it cannot change.`,
        {
          rule: 'ORGANIZATION_NOT_ACTIVE',
        },
      );
    }
    return row;
  }

  private async recordChange(
    manager: EntityManager,
    id: string,
    kind: SocialOrganizationChangeKind | `${SocialOrganizationChangeKind}`,
    effectiveOn: string,
    details: object,
    recordedBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO social_organization_change (social_organization_id, kind, effective_on, details, recorded_by)
       VALUES (?, ?, ?, ?, ?)`,
      [id, kind, effectiveOn, JSON.stringify(details), recordedBy],
    );
  }
}

/** Columns `updateDescription` may change: what a registration describes, never the region or the status. */
const DESCRIPTIVE_COLUMNS = new Set([
  'name',
  'type',
  'category',
  'registration_authority',
  'registration_level',
  'supervising_unit',
  'staff_count',
]);

/** A `social_organization` row to insert: a registration, and for loaded data (the seed) what it already has. */
export interface OrganizationRow {
  id: string;
  uscc: string;
  name: string;
  type: string;
  regionCode: string;
  registeredAt: string;
  registrationAuthority: string;
  registrationLevel?: string | null;
  category?: string | null;
  supervisingUnit?: string | null;
  staffCount: number;
  charterClause: string;
  charterChangedAt: string | null;
  /** A count known at load time, reported as version 0 so that any real report supersedes it. */
  fullMemberCount?: number;
  partyOrganizationId?: string | null;
  coverageMode?: string | null;
  coveredSince?: string | null;
  firstCoveredAt?: string | null;
  workCoveredUntil?: string | null;
  crossAppointedUntil?: string | null;
}

/**
 * The only statement that inserts social organizations (registration, import and seed alike): it marks
 * each row it inserted in `changes`, which the announcer stages as a `SocialOrganizationChanged` event in
 * the same transaction, so no way of adding organizations can leave party-work's copy without them.
 * `ignoreExisting` skips rows whose id or USCC is already there (a seed run again) and marks only the
 * rows inserted; otherwise a duplicate USCC fails as ER_DUP_ENTRY. Returns the ids inserted.
 */
export async function insertOrganizationRows(
  manager: EntityManager,
  rows: readonly OrganizationRow[],
  changes: ChangeSet,
  { ignoreExisting = false } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const before = await alreadyThere(
    manager,
    'social_organization',
    rows.map((r) => r.id),
    ignoreExisting,
  );
  await manager.query(
    `INSERT ${ignoreExisting ? 'IGNORE ' : ''}INTO social_organization
      (id, uscc, name, type, region_code, registered_at, registration_authority, registration_level, category,
       supervising_unit, staff_count, status, charter_clause, charter_changed_at, full_member_count,
       full_member_count_version, full_member_count_reported_at, party_organization_id, coverage_mode,
       covered_since, first_covered_at, work_covered_until, cross_appointed_until, version)
     VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 1)").join(', ')}`,
    rows.flatMap((r) => [
      r.id,
      r.uscc,
      r.name,
      r.type,
      r.regionCode,
      r.registeredAt,
      r.registrationAuthority,
      r.registrationLevel ?? RegistrationLevel.COUNTY,
      r.category ?? null,
      r.supervisingUnit ?? null,
      r.staffCount,
      r.charterClause,
      r.charterChangedAt,
      r.fullMemberCount ?? 0,
      r.fullMemberCount === undefined ? null : new Date(),
      r.partyOrganizationId ?? null,
      r.coverageMode ?? null,
      r.coveredSince ?? null,
      r.firstCoveredAt ?? null,
      r.workCoveredUntil ?? null,
      r.crossAppointedUntil ?? null,
    ]),
  );
  let inserted = rows.filter((r) => !before.has(r.id));
  if (ignoreExisting && inserted.length > 0) {
    // a row skipped for its USCC is not there under its id either
    const present = new Set(
      (
        (await manager.query('SELECT id FROM social_organization WHERE id IN (?)', [
          inserted.map((r) => r.id),
        ])) as Array<{ id: string }>
      ).map((r) => r.id),
    );
    inserted = inserted.filter((r) => present.has(r.id));
  }
  for (const row of inserted) changes.organization(row.id, row.regionCode);
  return inserted.map((r) => r.id);
}

/**
 * Ends an organization's active Party cover on `on` (not before the cover began), and with it the cross
 * appointments held in that Party organization.
 */
export async function endPartyCover(
  manager: EntityManager,
  socialOrganizationId: string,
  on: string,
): Promise<void> {
  await manager.query(
    'UPDATE party_coverage SET until = GREATEST(since, ?) WHERE social_organization_id = ? AND until IS NULL',
    [on, socialOrganizationId],
  );
  // a cross appointment holds a post in the covering Party organization: it ends with the cover
  await manager.query(
    `UPDATE cross_appointment c JOIN social_organization o ON o.id = c.social_organization_id
        SET c.until = GREATEST(c.since, ?)
      WHERE c.social_organization_id = ? AND c.party_organization_id = o.party_organization_id
        AND (c.until IS NULL OR c.until > ?)`,
    [on, socialOrganizationId, on],
  );
  await refreshActiveUntil(manager, 'cross_appointment', socialOrganizationId);
  const [cover] = (await manager.query('SELECT party_organization_id FROM social_organization WHERE id = ?', [
    socialOrganizationId,
  ])) as Array<{ party_organization_id: string | null }>;
  await manager.query(
    'UPDATE social_organization SET party_organization_id = NULL, coverage_mode = NULL, covered_since = NULL WHERE id = ?',
    [socialOrganizationId],
  );
  await refreshPartySize(manager, cover?.party_organization_id ?? null);
}

function isVisible(entity: SocialOrganizationEntity, viewer: Viewer): boolean {
  return isWithinRegion(entity.regionCode, viewer.regionCode);
}

export function toSocialOrganization(entity: SocialOrganizationEntity): SocialOrganization {
  return Object.assign(new SocialOrganization(), {
    id: entity.id,
    uscc: entity.uscc,
    name: entity.name,
    type: entity.type as SocialOrganizationType,
    regionCode: entity.regionCode,
    registeredAt: entity.registeredAt,
    registrationAuthority: entity.registrationAuthority,
    supervisingUnit: entity.supervisingUnit,
    staffCount: entity.staffCount,
    status: entity.status as OrganizationStatus,
    statusChangedAt: entity.statusChangedAt,
    category: entity.category,
    registrationLevel: entity.registrationLevel as RegistrationLevel,
    charterClause: entity.charterClause as CharterClause,
    charterChangedAt: entity.charterChangedAt,
    eligible: Number(entity.eligible) === 1,
    reportedFullMemberCount: entity.fullMemberCount,
    fullMemberCountReportedAt: entity.fullMemberCountReportedAt?.toISOString() ?? null,
    version: entity.version,
    partyOrganizationId: entity.partyOrganizationId,
    coverageMode: entity.coverageMode,
    coveredSince: entity.coveredSince,
  });
}
