import { randomUUID } from 'node:crypto';
import { readRecordDate } from '@pb/platform/calendar';
import { badInput, notFound } from '@pb/platform/errors';
import { readOptionalText } from '@pb/platform/text-input';
import type { Viewer } from '@pb/platform/viewer';
import type { PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import type { RecordFundingInput } from './funding.input.js';
import { FundingRecord } from './funding.type.js';

/**
 * Funding of Party work by source, for a Party organization or a social organization, recorded through
 * the ChangeWriter; its live figure per year is FundingStatsService.
 */
export class FundingService {
  constructor(
    private readonly changes: PartyWorkChangeWriter,
    private readonly organizations: OrganizationReplicaService,
  ) {}

  async record(input: RecordFundingInput, viewer: Viewer): Promise<FundingRecord> {
    viewer.require('write:records');
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0)
      throw badInput('input.amountFen', 'input.amountFen must be a positive whole number of fen.');
    const receivedOn = readRecordDate('input.receivedOn', input.receivedOn, 'NOT_IN_FUTURE');
    if (Boolean(input.partyOrganizationId) === Boolean(input.socialOrganizationId))
      throw badInput(
        'input.partyOrganizationId',
        'Give exactly one of input.partyOrganizationId and input.socialOrganizationId.',
        {
          rule: 'ONE_RECIPIENT',
        },
      );
    let regionCode: string;
    if (input.partyOrganizationId) {
      const party = await this.organizations.findPartyOrganization(input.partyOrganizationId);
      if (!party)
        throw notFound(
          `input.partyOrganizationId: no Party organization ${input.partyOrganizationId} is known here.`,
        );
      regionCode = party.regionCode;
    } else {
      const organization = await this.organizations.find(input.socialOrganizationId as string);
      if (!organization)
        throw notFound(
          `input.socialOrganizationId: no social organization ${input.socialOrganizationId} is known here.`,
        );
      regionCode = organization.regionCode;
    }
    viewer.requireWithin(regionCode);
    const project = readOptionalText('input.project', input.project, { max: 200 });
    const record = Object.assign(new FundingRecord(), {
      id: randomUUID(),
      source: input.source,
      amountFen: input.amountFen,
      receivedOn,
      partyOrganizationId: input.partyOrganizationId ?? null,
      socialOrganizationId: input.socialOrganizationId ?? null,
      project,
    });
    await this.changes.write(async (manager, changes) => {
      await manager.query(
        `INSERT INTO funding_record (id, source, amount_fen, received_on, party_organization_id, social_organization_id, region_code, project, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          record.id,
          record.source,
          record.amountFen,
          receivedOn,
          record.partyOrganizationId,
          record.socialOrganizationId,
          regionCode,
          project,
          viewer.subject,
        ],
      );
      changes.fundingFigure(regionCode, Number(receivedOn.slice(0, 4)));
    });
    return record;
  }
}
