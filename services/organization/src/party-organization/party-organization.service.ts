import { randomUUID } from 'node:crypto';
import {
  badInput,
  type Connection,
  conflict,
  isWithinRegion,
  notFound,
  type Page,
  readText,
  regionLikePattern,
  toConnection,
  type Viewer,
} from '@pb/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { STRUCTURE_LIMITS } from '../coverage/coverage-alert.service.js';
import { notBefore, pastDate } from '../dates.js';
import type { Announcer, ChangeSet } from '../events/announcer.js';
import { alreadyThere, refreshPartySize } from '../records.js';
import type { RegionService } from '../region/region.service.js';
import {
  ELIGIBILITY_THRESHOLD,
  endPartyCover,
  type SocialOrganizationService,
} from '../social-organization/social-organization.service.js';
import { PartyOrganizationEntity } from './party-organization.entity.js';
import type {
  EstablishPartyOrganizationInput,
  PartyOrganizationFilter,
  UpdatePartyOrganizationInput,
} from './party-organization.input.js';
import {
  FormationMode,
  PartyCoverage,
  PartyCoveragePeriod,
  PartyOrganization,
  PartyOrganizationType,
  STANDALONE_NEEDS_THREE_FULL_MEMBERS,
} from './party-organization.type.js';

/** Units one joint branch may cover: domain.md's limit, refused above it. */
export const JOINT_BRANCH_MAX_UNITS = STRUCTURE_LIMITS.jointBranchUnits;

/**
 * Party organizations and what they cover over time.
 *
 * Hard rules (refused with a stable code, the field and the rule in the message):
 * - one organization is covered by at most one active Party organization (CONFLICT, `ONE_ACTIVE_COVER`;
 *   also a unique key of the database);
 * - a STANDALONE (单独组建) Party organization covers exactly its own organization, so at most one
 *   (`STANDALONE_COVERS_ONE`), and only one with at least 3 full members as party-work last reported
 *   (`STANDALONE_NEEDS_3_FULL_MEMBERS`; fewer join a joint branch); a standalone branch whose organization
 *   dropped below 3 after it was set up raises the STANDALONE_BELOW_THRESHOLD alert instead;
 * - it covers only active organizations in its own region or below (`COVER_OUTSIDE_REGION`);
 * - a parent is an active committee or general branch whose region contains the child's (`PARENT_TYPE`,
 *   `PARENT_REGION`, `PARENT_DISSOLVED`); a Party organization with active children is not dissolved
 *   (`HAS_ACTIVE_CHILDREN`);
 * - dates in order: established ≥ the parent's; a cover from ≥ the establishment and the registration;
 *   until ≥ since; dissolved ≥ established and ≥ every active cover's start; none in the future; a
 *   dissolved Party organization changes no more (`ALREADY_DISSOLVED`).
 *
 * - a joint branch (联合党支部) covers at most JOINT_BRANCH_MAX_UNITS units (`JOINT_BRANCH_LIMIT`); one over
 *   the limit from before (an import of older records) still raises its STRUCTURE alert.
 *
 * Advice of domain.md, raised as STRUCTURE alerts and never refused (see CoverageAlertService): ≥ 7 full
 * members without a committee; a branch over 50 members; ≥ 50 members not a
 * general branch (or committee); ≥ 100 members not a committee. Upgrading needs the higher organization's
 * approval, which happens outside this system, so the type a user records is accepted.
 */
export class PartyOrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionService,
    private readonly announcer: Announcer,
    private readonly socialOrganizations: SocialOrganizationService,
  ) {}

  async establish(input: EstablishPartyOrganizationInput, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const name = readText('input.name', input.name);
    const region = this.regions.get(input.regionCode, 'input.regionCode');
    viewer.requireWithin(region.code);
    const establishedAt = pastDate('input.establishedAt', input.establishedAt);
    const covered = [...new Set(input.coveredOrganizationIds ?? [])];
    if (input.formationMode === FormationMode.STANDALONE && covered.length > 1) {
      throw badInput(
        'input.coveredOrganizationIds',
        `input.coveredOrganizationIds: a STANDALONE Party organization covers exactly its own organization, not ${covered.length}.`,
        { rule: 'STANDALONE_COVERS_ONE' },
      );
    }
    const id = randomUUID();
    await this.announcer.write(async (manager, changes) => {
      if (input.parentId) {
        const parent = await this.lock(manager, input.parentId, 'input.parentId', viewer);
        if (parent.dissolvedAt) {
          throw conflict(`input.parentId: "${parent.name}" was dissolved on ${parent.dissolvedAt}.`, {
            rule: 'PARENT_DISSOLVED',
          });
        }
        if (parent.type === PartyOrganizationType.BRANCH) {
          throw badInput(
            'input.parentId',
            `input.parentId: "${parent.name}" is a branch; only a committee or general branch has Party organizations under it.`,
            { rule: 'PARENT_TYPE' },
          );
        }
        if (!isWithinRegion(region.code, parent.regionCode)) {
          throw badInput(
            'input.parentId',
            `input.parentId: "${parent.name}" is in region ${parent.regionCode}, which does not contain ${region.code}.`,
            { rule: 'PARENT_REGION' },
          );
        }
        notBefore('input.establishedAt', establishedAt, "the parent's establishment", parent.establishedAt);
      }
      await insertPartyOrganizationRows(
        manager,
        [
          {
            id,
            name,
            type: input.type,
            formationMode: input.formationMode,
            regionCode: region.code,
            parentId: input.parentId ?? null,
            establishedAt,
            hasCommittee: !!input.hasCommittee,
          },
        ],
        changes,
      );
      changes.establishedIds.add(id);
      const party = await this.lock(manager, id, 'id', viewer);
      for (const organizationId of covered) {
        await this.coverLocked(manager, party, organizationId, establishedAt, viewer, changes, {
          field: 'input.coveredOrganizationIds',
          bumpVersion: false,
        });
      }
    });
    return this.load(id);
  }

  async update(input: UpdatePartyOrganizationInput, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const changed: Record<string, unknown> = {};
    if (input.name != null) changed.name = readText('input.name', input.name);
    if (input.type != null) changed.type = input.type;
    if (input.hasCommittee != null) changed.has_committee = input.hasCommittee ? 1 : 0;
    if (Object.keys(changed).length === 0) {
      throw badInput('input', 'input names no field to change; give name, type or hasCommittee.', {
        rule: 'NOTHING_TO_CHANGE',
      });
    }
    await this.announcer.write(async (manager, changes) => {
      const party = await this.lockActive(manager, input.id, 'input.id', viewer);
      if (changed.type === PartyOrganizationType.BRANCH && party.type !== PartyOrganizationType.BRANCH) {
        const [child] = await manager.query(
          'SELECT name FROM party_organization WHERE parent_id = ? AND dissolved_at IS NULL LIMIT 1',
          [party.id],
        );
        if (child) {
          throw badInput(
            'input.type',
            `input.type: a branch has no Party organizations under it, and "${child.name}" is.`,
            {
              rule: 'PARENT_TYPE',
            },
          );
        }
      }
      const columns = Object.keys(changed);
      await manager.query(
        `UPDATE party_organization SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE id = ?`,
        [...columns.map((c) => changed[c]), party.id],
      );
      changes.partyOrganization(party.id, party.regionCode);
    });
    return this.load(input.id);
  }

  /** Dissolves a Party organization; the organizations it covered are uncovered the same day. */
  async dissolve(id: string, dissolvedAt: string, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const date = pastDate('dissolvedAt', dissolvedAt);
    await this.announcer.write(async (manager, changes) => {
      const party = await this.lockActive(manager, id, 'id', viewer);
      notBefore('dissolvedAt', date, 'establishedAt', party.establishedAt);
      const [child] = await manager.query(
        'SELECT name FROM party_organization WHERE parent_id = ? AND dissolved_at IS NULL LIMIT 1',
        [party.id],
      );
      if (child) {
        throw conflict(
          `id: "${party.name}" still has the active Party organization "${child.name}" under it; dissolve or move it first.`,
          {
            rule: 'HAS_ACTIVE_CHILDREN',
          },
        );
      }
      const covers = (await manager.query(
        `SELECT c.social_organization_id, c.since, o.region_code FROM party_coverage c
           JOIN social_organization o ON o.id = c.social_organization_id
          WHERE c.party_organization_id = ? AND c.until IS NULL FOR UPDATE`,
        [party.id],
      )) as Array<{ social_organization_id: string; since: string; region_code: string }>;
      for (const cover of covers)
        notBefore('dissolvedAt', date, 'the start of a cover it holds', cover.since);
      for (const cover of covers) {
        await endPartyCover(manager, cover.social_organization_id, date);
        changes.regionCodes.add(cover.region_code);
      }
      await manager.query(
        'UPDATE party_organization SET dissolved_at = ?, version = version + 1 WHERE id = ?',
        [date, party.id],
      );
      changes.partyOrganization(party.id, party.regionCode);
    });
    return this.load(id);
  }

  async cover(
    partyOrganizationId: string,
    socialOrganizationId: string,
    since: string,
    viewer: Viewer,
  ): Promise<PartyOrganization> {
    viewer.require('write:records');
    const date = pastDate('since', since);
    await this.announcer.write(async (manager, changes) => {
      // the Party organization first, then the organization: one lock order for every writer
      const party = await this.lock(manager, partyOrganizationId, 'partyOrganizationId', viewer);
      await this.coverLocked(manager, party, socialOrganizationId, date, viewer, changes, {
        field: 'socialOrganizationId',
        bumpVersion: true,
      });
    });
    return this.load(partyOrganizationId);
  }

  private async coverLocked(
    manager: EntityManager,
    party: PartyOrganizationEntity,
    socialOrganizationId: string,
    since: string,
    viewer: Viewer,
    changes: ChangeSet,
    { field, bumpVersion }: { field: string; bumpVersion: boolean },
  ): Promise<void> {
    if (party.dissolvedAt) {
      throw conflict(`partyOrganizationId: "${party.name}" was dissolved on ${party.dissolvedAt}.`, {
        rule: 'ALREADY_DISSOLVED',
      });
    }
    const organization = await this.socialOrganizations.lockActive(
      manager,
      socialOrganizationId,
      field,
      viewer,
    );
    if (organization.partyOrganizationId) {
      const [current] = await manager.query('SELECT name FROM party_organization WHERE id = ?', [
        organization.partyOrganizationId,
      ]);
      throw conflict(
        `${field}: "${organization.name}" is already covered by "${current?.name}" since ${organization.coveredSince}; one organization has at most one active Party organization — uncover it first.`,
        { rule: 'ONE_ACTIVE_COVER', partyOrganizationId: organization.partyOrganizationId },
      );
    }
    if (!isWithinRegion(organization.regionCode, party.regionCode)) {
      throw badInput(
        field,
        `${field}: "${organization.name}" (region ${organization.regionCode}) lies outside the Party organization's region ${party.regionCode}.`,
        { rule: 'COVER_OUTSIDE_REGION' },
      );
    }
    if (party.formationMode === FormationMode.JOINT) {
      const [{ n }] = await manager.query(
        'SELECT COUNT(*) AS n FROM party_coverage WHERE party_organization_id = ? AND until IS NULL',
        [party.id],
      );
      if (Number(n) >= JOINT_BRANCH_MAX_UNITS) {
        throw badInput(
          field,
          `${field}: "${party.name}" is a joint branch (联合党支部) already covering ${n} units, the most one may cover (${JOINT_BRANCH_MAX_UNITS}); set up another joint branch for "${organization.name}".`,
          { rule: 'JOINT_BRANCH_LIMIT' },
        );
      }
    }
    if (party.formationMode === FormationMode.STANDALONE) {
      const [{ n }] = await manager.query(
        'SELECT COUNT(*) AS n FROM party_coverage WHERE party_organization_id = ? AND until IS NULL',
        [party.id],
      );
      if (Number(n) > 0) {
        throw badInput(
          field,
          `${field}: "${party.name}" is STANDALONE (单独组建) and already covers its own organization; use a joint branch for several.`,
          { rule: 'STANDALONE_COVERS_ONE' },
        );
      }
      if (organization.fullMemberCount < ELIGIBILITY_THRESHOLD) {
        throw badInput(
          field,
          `${field}: "${organization.name}" has ${organization.fullMemberCount} full members (正式党员), and a STANDALONE (单独组建) branch needs at least ${ELIGIBILITY_THRESHOLD} (rule ${STANDALONE_NEEDS_THREE_FULL_MEMBERS}); a unit with fewer joins a joint branch (联合党支部): set one up with formationMode JOINT, or cover it by an existing one.`,
          { rule: STANDALONE_NEEDS_THREE_FULL_MEMBERS },
        );
      }
    }
    notBefore('since', since, "the Party organization's establishment", party.establishedAt);
    notBefore('since', since, "the organization's registration", organization.registeredAt);
    try {
      await manager.query(
        'INSERT INTO party_coverage (id, party_organization_id, social_organization_id, since) VALUES (?, ?, ?, ?)',
        [randomUUID(), party.id, organization.id, since],
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
        throw conflict(`${field}: "${organization.name}" was covered a moment ago by another request.`, {
          rule: 'ONE_ACTIVE_COVER',
        });
      }
      throw error;
    }
    await manager.query(
      `UPDATE social_organization SET party_organization_id = ?, coverage_mode = ?, covered_since = ?,
              first_covered_at = LEAST(COALESCE(first_covered_at, ?), ?)
        WHERE id = ?`,
      [party.id, party.formationMode, since, since, since, organization.id],
    );
    if (bumpVersion)
      await manager.query('UPDATE party_organization SET version = version + 1 WHERE id = ?', [party.id]);
    await refreshPartySize(manager, party.id);
    changes.partyOrganization(party.id, party.regionCode);
    changes.regionCodes.add(organization.regionCode);
  }

  /** Ends an organization's active Party cover. */
  async uncover(socialOrganizationId: string, until: string, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const date = pastDate('until', until);
    const [current] = (await this.dataSource.query(
      'SELECT party_organization_id FROM social_organization WHERE id = ?',
      [socialOrganizationId],
    )) as Array<{ party_organization_id: string | null }>;
    const partyId = current?.party_organization_id;
    await this.announcer.write(async (manager, changes) => {
      const party = partyId ? await this.lock(manager, partyId, 'socialOrganizationId', viewer) : undefined;
      const organization = await this.socialOrganizations.lock(
        manager,
        socialOrganizationId,
        'socialOrganizationId',
        viewer,
      );
      if (!party || organization.partyOrganizationId !== party.id) {
        throw conflict(
          `socialOrganizationId: "${organization.name}" is not covered by any Party organization now.`,
          {
            rule: 'NOT_COVERED',
          },
        );
      }
      notBefore('until', date, 'the start of the cover', organization.coveredSince);
      await endPartyCover(manager, organization.id, date);
      await manager.query('UPDATE party_organization SET version = version + 1 WHERE id = ?', [party.id]);
      changes.partyOrganization(party.id, party.regionCode);
      changes.regionCodes.add(organization.regionCode);
    });
    return this.load(partyId!);
  }

  async findById(id: string, viewer: Viewer): Promise<PartyOrganization | null> {
    viewer.require('read:records');
    return (await this.findManyById([id], viewer))[0] ?? null;
  }

  async findManyById(ids: readonly string[], viewer: Viewer): Promise<Array<PartyOrganization | null>> {
    viewer.require('read:records');
    const rows = ids.length === 0 ? [] : await this.rows('p.id IN (?)', [[...ids]]);
    const byId = new Map(
      rows.filter((r) => isWithinRegion(r.regionCode, viewer.regionCode)).map((r) => [r.id, r]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(
    filter: PartyOrganizationFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<PartyOrganization>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    if (scope) {
      where.push('p.region_code LIKE ?');
      params.push(regionLikePattern(scope));
    }
    if (filter?.type) {
      where.push('p.type = ?');
      params.push(filter.type);
    }
    if (filter?.formationMode) {
      where.push('p.formation_mode = ?');
      params.push(filter.formationMode);
    }
    if (filter?.active != null)
      where.push(filter.active ? 'p.dissolved_at IS NULL' : 'p.dissolved_at IS NOT NULL');
    const [{ n }] = await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM party_organization p WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.rows(`${where.join(' AND ')} AND p.seq > ? ORDER BY p.seq LIMIT ?`, [
      ...params,
      page.afterSeq,
      page.limit + 1,
    ]);
    return toConnection(rows, page, Number(n), (row) => row);
  }

  /** The active cover of each organization asked, in one query. */
  async coverOf(socialOrganizationIds: readonly string[]): Promise<Array<PartyCoverage | null>> {
    const rows = (await this.dataSource.query(
      `SELECT id, party_organization_id, coverage_mode, covered_since FROM social_organization
        WHERE id IN (?) AND party_organization_id IS NOT NULL`,
      [[...socialOrganizationIds]],
    )) as Array<{ id: string; party_organization_id: string; coverage_mode: string; covered_since: string }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    return socialOrganizationIds.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      return Object.assign(new PartyCoverage(), {
        partyOrganizationId: row.party_organization_id,
        standalone: row.coverage_mode === FormationMode.STANDALONE,
        since: row.covered_since,
      });
    });
  }

  /** The organizations each Party organization covers now, in one query. */
  async coveredIds(partyOrganizationIds: readonly string[]): Promise<string[][]> {
    const rows = (await this.dataSource.query(
      'SELECT party_organization_id, id FROM social_organization WHERE party_organization_id IN (?) ORDER BY seq',
      [[...partyOrganizationIds]],
    )) as Array<{ party_organization_id: string; id: string }>;
    return partyOrganizationIds.map((p) =>
      rows.filter((r) => r.party_organization_id === p).map((r) => r.id),
    );
  }

  /** Every period in which the Party organization covered an organization, oldest first. */
  async coveragePeriods(partyOrganizationId: string): Promise<PartyCoveragePeriod[]> {
    const rows = (await this.dataSource.query(
      `SELECT party_organization_id, social_organization_id, since, until FROM party_coverage
        WHERE party_organization_id = ? ORDER BY since, seq`,
      [partyOrganizationId],
    )) as Array<Record<string, string | null>>;
    return rows.map((r) =>
      Object.assign(new PartyCoveragePeriod(), {
        partyOrganizationId: r.party_organization_id,
        socialOrganizationId: r.social_organization_id,
        since: r.since,
        until: r.until,
      }),
    );
  }

  /** Loads many by id in one query, in the order asked, whatever their region (see createLoaders). */
  async loadMany(ids: readonly string[]): Promise<Array<PartyOrganization | null>> {
    const rows = ids.length === 0 ? [] : await this.rows('p.id IN (?)', [[...ids]]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async load(id: string): Promise<PartyOrganization> {
    const [row] = await this.rows('p.id = ?', [id]);
    if (!row) throw notFound(`id: no Party organization "${id}".`);
    return row;
  }

  private async rows(where: string, params: unknown[]): Promise<PartyOrganization[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.seq, p.id, p.name, p.type, p.formation_mode, p.region_code, p.parent_id, p.established_at,
              p.dissolved_at, p.has_committee, p.version, p.covered_full_members
         FROM party_organization p WHERE ${where}`,
      params,
    )) as Array<Record<string, string | number | null>>;
    return rows.map((r) =>
      Object.assign(new PartyOrganization(), {
        seq: String(r.seq),
        id: r.id,
        name: r.name,
        type: r.type,
        formationMode: r.formation_mode,
        regionCode: r.region_code,
        parentId: r.parent_id,
        establishedAt: r.established_at,
        dissolvedAt: r.dissolved_at,
        hasCommittee: Number(r.has_committee) === 1,
        active: r.dissolved_at === null,
        version: Number(r.version),
        coveredFullMemberCount: Number(r.covered_full_members),
      }),
    );
  }

  private async lock(
    manager: EntityManager,
    id: string,
    field: string,
    viewer: Viewer,
  ): Promise<PartyOrganizationEntity> {
    const row = await manager
      .getRepository(PartyOrganizationEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    if (!row || !isWithinRegion(row.regionCode, viewer.regionCode)) {
      throw notFound(`${field}: no Party organization "${id}" in your region.`);
    }
    return row;
  }

  private async lockActive(manager: EntityManager, id: string, field: string, viewer: Viewer) {
    const row = await this.lock(manager, id, field, viewer);
    if (row.dissolvedAt) {
      throw conflict(`${field}: "${row.name}" was dissolved on ${row.dissolvedAt}; it changes no more.`, {
        rule: 'ALREADY_DISSOLVED',
      });
    }
    return row;
  }
}

/** A `party_organization` row to insert. */
export interface PartyOrganizationRow {
  id: string;
  name: string;
  type: string;
  formationMode: string;
  regionCode: string;
  parentId: string | null;
  establishedAt: string;
  hasCommittee: boolean;
}

/**
 * The only statement that inserts Party organizations (establishment and seed alike): it marks each row
 * inserted in `changes`, so the announcer stages its `PartyOrganizationChanged` event (with the covers the
 * same transaction adds) before the transaction commits. `ignoreExisting` skips ids already there (a seed
 * run again) and marks only the rows inserted. Returns the ids inserted.
 */
export async function insertPartyOrganizationRows(
  manager: EntityManager,
  rows: readonly PartyOrganizationRow[],
  changes: ChangeSet,
  { ignoreExisting = false } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const before = await alreadyThere(
    manager,
    'party_organization',
    rows.map((r) => r.id),
    ignoreExisting,
  );
  await manager.query(
    `INSERT ${ignoreExisting ? 'IGNORE ' : ''}INTO party_organization
      (id, name, type, formation_mode, region_code, parent_id, established_at, has_committee, version)
     VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
    rows.flatMap((r) => [
      r.id,
      r.name,
      r.type,
      r.formationMode,
      r.regionCode,
      r.parentId,
      r.establishedAt,
      r.hasCommittee ? 1 : 0,
    ]),
  );
  const inserted = rows.filter((r) => !before.has(r.id));
  for (const row of inserted) changes.partyOrganization(row.id, row.regionCode);
  return inserted.map((r) => r.id);
}
