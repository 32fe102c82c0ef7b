import { randomUUID } from 'node:crypto';
import { badInput, conflict } from '@pb/platform/errors';
import { readText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { isActiveOn, maskName, notBefore, pastDate } from '../dates.js';
import type { Announcer } from '../events/announcer.js';
import { DatedRecords } from '../records.js';
import type { SocialOrganizationService } from '../social-organization/social-organization.service.js';
import { CrossAppointmentEntity } from './cross-appointment.entity.js';
import {
  type AppointCrossPostInput,
  CrossAppointment,
  type CrossAppointmentDirection,
  MANAGEMENT_POSTS,
  PARTY_POSTS,
} from './cross-appointment.type.js';

/**
 * 双向进入、交叉任职: a person holding a Party post in the Party organization covering an organization and a
 * management post in the organization. Recorded only while the organization is covered (the Party post
 * belongs to that Party organization).
 */
export class CrossAppointmentService {
  private readonly records: DatedRecords<CrossAppointmentEntity, CrossAppointment>;

  constructor(
    dataSource: DataSource,
    private readonly announcer: Announcer,
    private readonly socialOrganizations: SocialOrganizationService,
  ) {
    this.records = new DatedRecords(dataSource, announcer, {
      entity: CrossAppointmentEntity,
      table: 'cross_appointment',
      what: 'cross appointment',
      toType: toAppointment,
    });
  }

  async appoint(input: AppointCrossPostInput, viewer: Viewer): Promise<CrossAppointment> {
    viewer.require('write:records');
    const personName = readText('input.personName', input.personName, { max: 64 });
    if (!(PARTY_POSTS as readonly string[]).includes(input.partyPost)) {
      throw badInput(
        'input.partyPost',
        `input.partyPost must be one of ${PARTY_POSTS.join(', ')}, got "${input.partyPost}".`,
        {
          rule: 'PARTY_POST',
        },
      );
    }
    if (!(MANAGEMENT_POSTS as readonly string[]).includes(input.managementPost)) {
      throw badInput(
        'input.managementPost',
        `input.managementPost must be one of ${MANAGEMENT_POSTS.join(', ')}, got "${input.managementPost}".`,
        { rule: 'MANAGEMENT_POST' },
      );
    }
    const since = pastDate('input.since', input.since);
    const id = randomUUID();
    await this.announcer.write(async (manager, changes) => {
      const organization = await this.socialOrganizations.lockActive(
        manager,
        input.socialOrganizationId,
        'input.socialOrganizationId',
        viewer,
      );
      if (!organization.partyOrganizationId) {
        throw conflict(
          `input.socialOrganizationId: "${organization.name}" has no Party organization now; a cross appointment needs one.`,
          { rule: 'NOT_COVERED' },
        );
      }
      notBefore('input.since', since, 'the start of the Party cover', organization.coveredSince);
      await manager.query(
        `INSERT INTO cross_appointment (id, social_organization_id, party_organization_id, region_code, person_name,
           party_post, management_post, direction, since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          organization.id,
          organization.partyOrganizationId,
          organization.regionCode,
          personName,
          input.partyPost,
          input.managementPost,
          input.direction,
          since,
        ],
      );
      await this.records.changed(manager, changes, organization);
    });
    return this.records.load(id, viewer);
  }

  /** Sets an appointment's last day (today or earlier ends it now; a later day plans its end). */
  end(id: string, until: string, viewer: Viewer): Promise<CrossAppointment> {
    return this.records.end(id, until, viewer);
  }

  /** Every appointment of each organization asked, in one query, oldest first. */
  forOrganizations(ids: readonly string[], viewer: Viewer): Promise<CrossAppointment[][]> {
    return this.records.forOrganizations(ids, viewer);
  }
}

function toAppointment(row: CrossAppointmentEntity, viewer: Viewer): CrossAppointment {
  return Object.assign(new CrossAppointment(), {
    id: row.id,
    socialOrganizationId: row.socialOrganizationId,
    partyOrganizationId: row.partyOrganizationId,
    personName: maskName(row.personName, viewer.can('read:personal')),
    partyPost: row.partyPost,
    managementPost: row.managementPost,
    direction: row.direction as CrossAppointmentDirection,
    since: row.since,
    until: row.until,
    active: isActiveOn(row.since, row.until),
  });
}
