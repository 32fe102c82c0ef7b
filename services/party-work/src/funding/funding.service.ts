import { randomUUID } from 'node:crypto';
import {
  badInput,
  isWithinRegion,
  notFound,
  PeriodLiveFigures,
  type PubSub,
  readOptionalText,
  readRecordDate,
  today,
  type Viewer,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { regionReference } from '../region/region.type.js';
import { scopeCells } from '../statistics/region-cells.js';
import type { RecordFundingInput } from './funding.input.js';
import { FundingRecord, FundingSource, FundingStats } from './funding.type.js';

/**
 * Funding of Party work by source, for a Party organization or a social organization; its figure per year
 * is live, so the wall's funding panel moves as money is recorded.
 */
export class FundingService {
  /** The live figure of each year: a voucher may be recorded late, into a year before this one. */
  private readonly figures: PeriodLiveFigures<FundingStats, number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
    pubSub: PubSub,
    redis: Redis,
    namespace: string,
  ) {
    this.figures = new PeriodLiveFigures({
      pubSub,
      redis,
      versionKey: `${namespace}:party-work:funding-stats:version`,
      topic: 'FUNDING_STATS_CHANGED',
      computeMany: (year, scopes, version) => this.compute(scopes, year, version),
    });
  }

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
    await this.figures.of(Number(receivedOn.slice(0, 4))).changed(regionCode);
    return record;
  }

  /** Funding of a year (current when null) for a region and all below it: the live figure's snapshot. */
  stats(
    regionCode: string | null | undefined,
    year: number | null | undefined,
    viewer: Viewer,
  ): Promise<FundingStats> {
    viewer.require('read:aggregates');
    return this.figures.of(readYear(year)).snapshot(viewer.scope(regionCode));
  }

  /** Each whole new figure of the year after a change in the region or below it. */
  subscribe(
    regionCode: string | null | undefined,
    year: number | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<FundingStats> {
    viewer.require('read:aggregates');
    return this.figures.of(readYear(year)).subscribe(viewer.scope(regionCode));
  }

  /** Resolves once every change reported so far has been published (tests, shutdown). */
  settled(): Promise<void> {
    return this.figures.settled();
  }

  /**
   * The figures of several scopes from one read of the kept cells of the year (see funding-aggregates),
   * grouped in SQL per child region of the scopes (see scopeCells), source and quarter, summed per scope here.
   */
  private async compute(
    scopes: Array<string | null>,
    year: number,
    version: string,
  ): Promise<FundingStats[]> {
    const { and, params, region } = scopeCells(scopes);
    const rows = (await this.dataSource.query(
      `SELECT ${region} AS region_code, source, quarter AS q, SUM(records) AS n, CAST(SUM(amount_fen) AS CHAR) AS fen
       FROM funding_cell ${and} year = ? GROUP BY 1, source, quarter`,
      [...params, year],
    )) as Array<{ region_code: string; source: string; q: number; n: string; fen: string }>;
    const updatedAt = new Date().toISOString();
    return scopes.map((scope) => {
      const bySource = new Map<string, { records: number; fen: bigint }>();
      const byQuarter = new Map<number, bigint>();
      let total = 0n;
      let records = 0;
      for (const r of rows) {
        if (!isWithinRegion(r.region_code, scope)) continue;
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
        version,
        updatedAt,
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
    });
  }
}

function readYear(year: number | null | undefined): number {
  const chosen = year ?? Number(today().slice(0, 4));
  if (!Number.isInteger(chosen) || chosen < 2000 || chosen > 2100)
    throw badInput('year', 'year must be from 2000 to 2100.');
  return chosen;
}
