import { notFound } from '@pb/platform/errors';
import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { inOrderAsked } from '../records.js';
import type { PartyOrganizationFilter } from './party-organization.input.js';
import {
  FormationMode,
  PartyCoverage,
  PartyCoveragePeriod,
  PartyOrganization,
} from './party-organization.type.js';

/**
 * The reads of Party organizations and their covers: one, many, a filtered page, and the batched lookups
 * of the request loaders. Reads from the API are scoped to the viewer's region; `loadMany` and the cover
 * lookups serve records the viewer already reached (see createLoaders).
 */
export class PartyOrganizationQueries {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, viewer: Viewer): Promise<PartyOrganization | null> {
    viewer.require('read:records');
    return (await this.findManyById([id], viewer))[0] ?? null;
  }

  async findManyById(ids: readonly string[], viewer: Viewer): Promise<Array<PartyOrganization | null>> {
    viewer.require('read:records');
    const rows = ids.length === 0 ? [] : await this.rows('p.id IN (?)', [[...ids]]);
    return inOrderAsked(ids, rows, viewer);
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
    return inOrderAsked(ids, rows);
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
}
