import { randomUUID } from 'node:crypto';
import { badInput, notFound, readDate, regionLikePattern, today, type Viewer } from '@pb/platform';
import type { DataSource } from 'typeorm';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { regionReference } from '../region/region.type.js';
import type { RecordFundingInput } from './funding.input.js';
import { FundingRecord, FundingSource, FundingStats } from './funding.type.js';

/** Funding of Party work by source, for a Party organization or a social organization. */
export class FundingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
  ) {}

  async record(input: RecordFundingInput, viewer: Viewer): Promise<FundingRecord> {
    viewer.require('write:records');
    if (!Number.isInteger(input.amountFen) || input.amountFen <= 0)
      throw badInput('input.amountFen', 'input.amountFen must be a positive whole number of fen.');
    const receivedOn = readDate('input.receivedOn', input.receivedOn);
    if (receivedOn > today())
      throw badInput('input.receivedOn', 'input.receivedOn cannot be in the future.', {
        rule: 'NOT_IN_FUTURE',
      });
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
    const project = input.project?.trim() || null;
    if (project && project.length > 200)
      throw badInput('input.project', 'input.project must be at most 200 characters.');
    const record = Object.assign(new FundingRecord(), {
      id: randomUUID(),
      source: input.source,
      amountFen: input.amountFen,
      receivedOn,
      partyOrganizationId: input.partyOrganizationId ?? null,
      socialOrganizationId: input.socialOrganizationId ?? null,
      project,
    });
    await this.dataSource.query(
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
    return record;
  }

  async stats(
    regionCode: string | null | undefined,
    yearArg: number | null | undefined,
    viewer: Viewer,
  ): Promise<FundingStats> {
    viewer.require('read:aggregates');
    const scope = viewer.scope(regionCode);
    const year = yearArg ?? Number(today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw badInput('year', 'year must be from 2000 to 2100.');
    const rows = (await this.dataSource.query(
      `SELECT source, QUARTER(received_on) AS q, COUNT(*) AS n, CAST(SUM(amount_fen) AS CHAR) AS fen
       FROM funding_record WHERE received_on BETWEEN ? AND ? ${scope ? 'AND region_code LIKE ?' : ''}
       GROUP BY source, QUARTER(received_on)`,
      [`${year}-01-01`, `${year}-12-31`, ...(scope ? [regionLikePattern(scope)] : [])],
    )) as Array<{ source: string; q: number; n: string; fen: string }>;
    const bySource = new Map<string, { records: number; fen: bigint }>();
    const byQuarter = new Map<number, bigint>();
    let total = 0n;
    let records = 0;
    for (const r of rows) {
      const fen = BigInt(r.fen);
      const s = bySource.get(r.source) ?? { records: 0, fen: 0n };
      s.records += Number(r.n);
      s.fen += fen;
      bySource.set(r.source, s);
      byQuarter.set(Number(r.q), (byQuarter.get(Number(r.q)) ?? 0n) + fen);
      total += fen;
      records += Number(r.n);
    }
    return Object.assign(new FundingStats(), {
      region: regionReference(scope),
      year,
      records,
      totalFen: total.toString(),
      bySource: Object.values(FundingSource).map((source) => ({
        source,
        records: bySource.get(source)?.records ?? 0,
        amountFen: (bySource.get(source)?.fen ?? 0n).toString(),
      })),
      byQuarter: [1, 2, 3, 4].map((q) => ({
        quarter: `${year}Q${q}`,
        amountFen: (byQuarter.get(q) ?? 0n).toString(),
      })),
    });
  }
}
