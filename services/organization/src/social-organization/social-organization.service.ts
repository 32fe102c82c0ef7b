import { randomUUID } from 'node:crypto';
import { conflict } from '@pb/platform/errors';
import { readOptionalText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { EntityManager } from 'typeorm';
import { notBefore, pastDate } from '../dates.js';
import type { Announcer, ChangeSet } from '../events/announcer.js';
import { endPartyCover } from '../party-organization/party-coverage.js';
import { lockInRegion } from '../records.js';
import type { RegionService } from '../region/region.service.js';
import { SocialOrganizationEntity } from './social-organization.entity.js';
import type {
  RegisterSocialOrganizationInput,
  UpdateSocialOrganizationInput,
} from './social-organization.input.js';
import type { SocialOrganizationQueries } from './social-organization.queries.js';
import { insertOrganizationRows } from './social-organization.rows.js';
import {
  DESCRIPTIVE_COLUMNS,
  describedChanges,
  type Registration,
  validateRegistration,
} from './social-organization.rules.js';
import {
  CharterClause,
  OrganizationStatus,
  type SocialOrganization,
  type SocialOrganizationChangeKind,
} from './social-organization.type.js';

/**
 * The writes of social organizations: registration, changes, the end of their life (deregistration,
 * revocation) and the charter clause. Every change is dated, kept in `social_organization_change`, bumps
 * the record's version (party-work's copy follows it) and is announced after its commit; a write reaches
 * only organizations in the viewer's region.
 */
export class SocialOrganizationService {
  constructor(
    private readonly regions: RegionService,
    private readonly announcer: Announcer,
    private readonly queries: SocialOrganizationQueries,
  ) {}

  /**
   * Checks a registration without storing it: BAD_USER_INPUT naming the field and the rule, NOT_FOUND for
   * an unknown region. Field names are prefixed with `prefix` (`input.` for the API, none for a file).
   */
  validateRegistration(input: RegisterSocialOrganizationInput, prefix = 'input.'): Registration {
    return validateRegistration(this.regions, input, prefix);
  }

  async register(input: RegisterSocialOrganizationInput, viewer: Viewer): Promise<SocialOrganization> {
    viewer.require('write:records');
    const registration = this.validateRegistration(input);
    viewer.requireWithin(registration.regionCode);
    const existing = await this.queries.findRegistered(registration.uscc);
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
    return this.queries.load(id);
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
    const changed = describedChanges(input);
    await this.announcer.write(async (manager, changes) => {
      const row = await this.lockActive(manager, input.id, 'input.id', viewer);
      notBefore('input.effectiveOn', effectiveOn, 'the registration date', row.registeredAt);
      await this.updateDescription(manager, row, changed, effectiveOn, viewer.subject, changes);
    });
    return this.queries.load(input.id);
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
    return this.queries.load(id);
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
    return this.queries.load(id);
  }

  /** Locks an organization's row for a write: NOT_FOUND when absent or outside the viewer's region. */
  async lock(
    manager: EntityManager,
    id: string,
    field: string,
    viewer: Viewer,
  ): Promise<SocialOrganizationEntity> {
    return lockInRegion(manager, SocialOrganizationEntity, id, viewer, 'social organization', field);
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
