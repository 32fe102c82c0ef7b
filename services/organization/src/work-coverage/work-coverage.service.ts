import { randomUUID } from 'node:crypto';
import { badInput } from '@pb/platform/errors';
import { readOptionalText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { anyDate, isActiveOn, maskName, notBefore, pastDate } from '../dates.js';
import type { Announcer } from '../events/announcer.js';
import { DatedRecords } from '../records.js';
import type { SocialOrganizationService } from '../social-organization/social-organization.service.js';
import { WorkCoverageEntity } from './work-coverage.entity.js';
import { type AddWorkCoverageInput, WorkCoverageKind, WorkCoverageMeasure } from './work-coverage.type.js';

/** Kinds carried by a named person (who gets contacted); the others are bodies. */
const PERSON_KINDS = new Set<string>([WorkCoverageKind.INSTRUCTOR, WorkCoverageKind.LIAISON]);

/**
 * Work coverage (工作覆盖): instructors, liaisons, trade-union and Youth League bodies. A measure is active
 * from `since` through `until` (null: open-ended); an organization with an active measure or a Party cover
 * is work-covered.
 */
export class WorkCoverageService {
  private readonly records: DatedRecords<WorkCoverageEntity, WorkCoverageMeasure>;

  constructor(
    dataSource: DataSource,
    private readonly announcer: Announcer,
    private readonly socialOrganizations: SocialOrganizationService,
  ) {
    this.records = new DatedRecords(dataSource, announcer, {
      entity: WorkCoverageEntity,
      table: 'work_coverage',
      what: 'work-coverage measure',
      toType: toMeasure,
    });
  }

  async add(input: AddWorkCoverageInput, viewer: Viewer): Promise<WorkCoverageMeasure> {
    viewer.require('write:records');
    const since = pastDate('input.since', input.since);
    const personName = readOptionalText('input.personName', input.personName, { min: 2, max: 64 });
    if (PERSON_KINDS.has(input.kind) && personName === null) {
      throw badInput(
        'input.personName',
        `input.personName is required for ${input.kind}: name the person sent.`,
        {
          rule: 'PERSON_REQUIRED',
        },
      );
    }
    const until = input.until ? anyDate('input.until', input.until) : null;
    if (until) notBefore('input.until', until, 'input.since', since);
    const lastContactAt = input.lastContactAt ? pastDate('input.lastContactAt', input.lastContactAt) : null;
    if (lastContactAt) notBefore('input.lastContactAt', lastContactAt, 'input.since', since);
    const id = randomUUID();
    await this.announcer.write(async (manager, changes) => {
      const organization = await this.socialOrganizations.lockActive(
        manager,
        input.socialOrganizationId,
        'input.socialOrganizationId',
        viewer,
      );
      notBefore('input.since', since, "the organization's registration", organization.registeredAt);
      await manager.query(
        `INSERT INTO work_coverage (id, social_organization_id, region_code, kind, person_name, since, until, last_contact_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, organization.id, organization.regionCode, input.kind, personName, since, until, lastContactAt],
      );
      await manager.query(
        'UPDATE social_organization SET first_covered_at = LEAST(COALESCE(first_covered_at, ?), ?) WHERE id = ?',
        [since, since, organization.id],
      );
      await this.records.changed(manager, changes, organization);
    });
    return this.records.load(id, viewer);
  }

  /** Sets a measure's last day (today or earlier ends it now; a later day plans its end). */
  end(id: string, until: string, viewer: Viewer): Promise<WorkCoverageMeasure> {
    return this.records.end(id, until, viewer);
  }

  async recordContact(id: string, contactedAt: string, viewer: Viewer): Promise<WorkCoverageMeasure> {
    viewer.require('write:records');
    const date = pastDate('contactedAt', contactedAt);
    await this.announcer.write(async (manager, changes) => {
      const measure = await this.records.lock(manager, id, viewer);
      if (!PERSON_KINDS.has(measure.kind)) {
        throw badInput('id', `id: a ${measure.kind} measure is a body, not a person to contact.`, {
          rule: 'PERSON_REQUIRED',
        });
      }
      notBefore('contactedAt', date, 'since', measure.since);
      await manager.query(
        'UPDATE work_coverage SET last_contact_at = GREATEST(COALESCE(last_contact_at, ?), ?) WHERE id = ?',
        [date, date, id],
      );
      // a contact can end an INSTRUCTOR_NO_CONTACT alert, which the region's coverage cell counts
      changes.regionCodes.add(measure.regionCode);
    });
    return this.records.load(id, viewer);
  }

  /** Every measure of each organization asked, in one query, oldest first. */
  forOrganizations(ids: readonly string[], viewer: Viewer): Promise<WorkCoverageMeasure[][]> {
    return this.records.forOrganizations(ids, viewer);
  }
}

function toMeasure(row: WorkCoverageEntity, viewer: Viewer): WorkCoverageMeasure {
  return Object.assign(new WorkCoverageMeasure(), {
    id: row.id,
    socialOrganizationId: row.socialOrganizationId,
    kind: row.kind as WorkCoverageKind,
    personName: maskName(row.personName, viewer.can('read:personal')),
    since: row.since,
    until: row.until,
    lastContactAt: row.lastContactAt,
    active: isActiveOn(row.since, row.until),
  });
}
