import { randomUUID } from 'node:crypto';
import { badInput, conflict } from '@pb/platform/errors';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { EntityManager } from 'typeorm';
import { notBefore, pastDate } from '../dates.js';
import type { Announcer, ChangeSet } from '../events/announcer.js';
import { lockInRegion } from '../records.js';
import type { RegionService } from '../region/region.service.js';
import type { SocialOrganizationService } from '../social-organization/social-organization.service.js';
import { endPartyCover, startPartyCover } from './party-coverage.js';
import { PartyOrganizationEntity } from './party-organization.entity.js';
import type {
  EstablishPartyOrganizationInput,
  UpdatePartyOrganizationInput,
} from './party-organization.input.js';
import type { PartyOrganizationQueries } from './party-organization.queries.js';
import { insertPartyOrganizationRows } from './party-organization.rows.js';
import {
  checkBranchHasNoChildren,
  checkCover,
  checkNoActiveChildren,
  checkParent,
} from './party-organization.rules.js';
import { FormationMode, type PartyOrganization, PartyOrganizationType } from './party-organization.type.js';

/**
 * The writes of Party organizations: establishment, changes, dissolution, and the covers of organizations,
 * each by the rules of party-organization.rules.ts, bumping the version party-work's copy follows and
 * announced after its commit. One lock order for every writer: the Party organization, then the
 * organization.
 */
export class PartyOrganizationService {
  constructor(
    private readonly regions: RegionService,
    private readonly announcer: Announcer,
    private readonly socialOrganizations: SocialOrganizationService,
    private readonly queries: PartyOrganizationQueries,
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
        checkParent(parent, region.code, establishedAt);
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
    return this.queries.load(id);
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
      if (changed.type === PartyOrganizationType.BRANCH && party.type !== PartyOrganizationType.BRANCH)
        await checkBranchHasNoChildren(manager, party);
      const columns = Object.keys(changed);
      await manager.query(
        `UPDATE party_organization SET ${columns.map((c) => `${c} = ?`).join(', ')}, version = version + 1 WHERE id = ?`,
        [...columns.map((c) => changed[c]), party.id],
      );
      changes.partyOrganization(party.id, party.regionCode);
    });
    return this.queries.load(input.id);
  }

  /** Dissolves a Party organization; the organizations it covered are uncovered the same day. */
  async dissolve(id: string, dissolvedAt: string, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const date = pastDate('dissolvedAt', dissolvedAt);
    await this.announcer.write(async (manager, changes) => {
      const party = await this.lockActive(manager, id, 'id', viewer);
      notBefore('dissolvedAt', date, 'establishedAt', party.establishedAt);
      await checkNoActiveChildren(manager, party);
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
    return this.queries.load(id);
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
    return this.queries.load(partyOrganizationId);
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
    await checkCover(manager, party, organization, since, field);
    await startPartyCover(manager, party, organization, since, field);
    if (bumpVersion)
      await manager.query('UPDATE party_organization SET version = version + 1 WHERE id = ?', [party.id]);
    changes.partyOrganization(party.id, party.regionCode);
    changes.regionCodes.add(organization.regionCode);
  }

  /** Ends an organization's active Party cover. */
  async uncover(socialOrganizationId: string, until: string, viewer: Viewer): Promise<PartyOrganization> {
    viewer.require('write:records');
    const date = pastDate('until', until);
    // the cover's Party organization is locked first (one lock order), so it is read before the write
    const [current] = await this.queries.coverOf([socialOrganizationId]);
    const partyId = current?.partyOrganizationId;
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
    return this.queries.load(partyId!);
  }

  private lock(
    manager: EntityManager,
    id: string,
    field: string,
    viewer: Viewer,
  ): Promise<PartyOrganizationEntity> {
    return lockInRegion(manager, PartyOrganizationEntity, id, viewer, 'Party organization', field);
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
