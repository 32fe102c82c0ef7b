import { randomUUID } from 'node:crypto';
import { addMonths, readRecordDate } from '@pb/platform/calendar';
import { badInput, notFound } from '@pb/platform/errors';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import { COMMITTEE_RULES, COMMITTEE_TERMS } from './committee.rules.js';
import { CommitteeTerm, type RecordCommitteeElectionInput } from './committee.type.js';

type Row = {
  id: string;
  party_organization_id: string;
  elected_on: string;
  term_years: number;
  ends_on: string;
};
const COLUMNS = `id, party_organization_id, DATE_FORMAT(elected_on, '%Y-%m-%d') AS elected_on, term_years,
  DATE_FORMAT(ends_on, '%Y-%m-%d') AS ends_on`;

/** 换届: elections of Party organizations' committees, each beginning a term. */
export class CommitteeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly organizations: OrganizationReplicaService,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  async recordElection(input: RecordCommitteeElectionInput, viewer: Viewer): Promise<CommitteeTerm> {
    viewer.require('write:records');
    const organization = await this.organizations.findPartyOrganization(input.partyOrganizationId);
    if (!organization)
      throw notFound(
        `input.partyOrganizationId: no Party organization ${input.partyOrganizationId} is known here.`,
      );
    viewer.requireWithin(organization.regionCode);
    const electedOn = readRecordDate('input.electedOn', input.electedOn, COMMITTEE_RULES.ELECTION_IN_FUTURE);
    const allowed = COMMITTEE_TERMS[organization.type]?.allowed ?? [];
    const termYears = input.termYears ?? allowed[0];
    if (termYears === undefined || !allowed.includes(termYears))
      throw badInput(
        'input.termYears',
        `input.termYears: a ${organization.type} committee is elected for ${allowed.join(' or ')} years; give one of those, or leave termYears out for ${allowed[0]} (rule ${COMMITTEE_RULES.COMMITTEE_TERM_YEARS}).`,
        { rule: COMMITTEE_RULES.COMMITTEE_TERM_YEARS },
      );
    const id = randomUUID();
    const endsOn = addMonths(electedOn, 12 * termYears);
    await this.changes.write(async (manager) => {
      // the organization's row held to the commit: two elections of one organization are checked in turn
      const [current] = (await manager.query(
        `SELECT DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at FROM party_organization_replica
         WHERE id = ? FOR UPDATE`,
        [organization.id],
      )) as Array<{ established_at: string }>;
      if (current && electedOn < current.established_at)
        throw badInput(
          'input.electedOn',
          `input.electedOn (${electedOn}) is before ${organization.name} was established on ${current.established_at}; give the day of the election (rule ${COMMITTEE_RULES.ELECTION_BEFORE_ESTABLISHED}).`,
          { rule: COMMITTEE_RULES.ELECTION_BEFORE_ESTABLISHED },
        );
      const [previous] = (await manager.query(
        `SELECT DATE_FORMAT(MAX(elected_on), '%Y-%m-%d') AS elected_on FROM committee_election
         WHERE party_organization_id = ?`,
        [organization.id],
      )) as Array<{ elected_on: string | null }>;
      if (previous?.elected_on && electedOn <= previous.elected_on)
        throw badInput(
          'input.electedOn',
          `input.electedOn (${electedOn}) is not after ${organization.name}'s last recorded election on ${previous.elected_on}; elections are recorded in order, one a day (rule ${COMMITTEE_RULES.ELECTION_ORDER}).`,
          { rule: COMMITTEE_RULES.ELECTION_ORDER },
        );
      await manager.query(
        `INSERT INTO committee_election (id, party_organization_id, elected_on, term_years, ends_on, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [id, organization.id, electedOn, termYears, endsOn, viewer.subject],
      );
      await this.workAlerts.refresh(manager, 'committee', { branches: [organization.id] });
    });
    return Object.assign(new CommitteeTerm(), { id, electedOn, termYears, endsOn });
  }

  /** The terms of many Party organizations in one query, newest first. */
  async termsOf(ids: readonly string[]): Promise<CommitteeTerm[][]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM committee_election WHERE party_organization_id IN (?) ORDER BY elected_on DESC`,
      [[...ids]],
    )) as Row[];
    return ids.map((id) =>
      rows
        .filter((r) => r.party_organization_id === id)
        .map((r) =>
          Object.assign(new CommitteeTerm(), {
            id: r.id,
            electedOn: r.elected_on,
            termYears: Number(r.term_years),
            endsOn: r.ends_on,
          }),
        ),
    );
  }
}
