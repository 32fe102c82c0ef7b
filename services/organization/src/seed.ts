import {
  type DemoCoverage,
  type DemoCrossAppointment,
  type DemoOrganization,
  type DemoWorkCoverage,
  demoCoverage,
  demoFullMemberCounts,
  demoMembers,
  demoOrganizations,
} from '@pb/demo-data';
import { insertInBatches } from '@pb/platform/cli';
import { createLogger } from '@pb/platform/logger';
import { inTransaction } from '@pb/platform/transaction';
import type { DataSource, EntityManager } from 'typeorm';
import type { CoverageSettings } from './config.js';
import { today } from './dates.js';
import { type ChangeSet, organizationChangeWriter } from './events/announcer.js';
import { insertPartyOrganizationRows } from './party-organization/party-organization.rows.js';
import {
  insertOrganizationRows,
  type OrganizationRow,
} from './social-organization/social-organization.rows.js';
import { rebuildStatistics } from './statistics.js';

/** Rows per transaction (and per multi-row insert). */
const SEED_BATCH = 1000;

/**
 * Loads the deterministic demo data set: N organizations (the same ones party-work seeds members of),
 * with the full-member counts those members make (reported as version 0, so any real report from
 * party-work supersedes them), Party organizations and their covers, work coverage, charter clauses and
 * cross appointments. Rows go in as multi-row inserts; `INSERT IGNORE` on the ids and USCCs makes seeding
 * twice add nothing. Organizations and Party organizations are inserted by the same functions as every
 * other write of them, so each one seeded has its event staged in the outbox (version 1, which
 * party-work's seed gives its copies too: there the events change nothing, and they bring the copy of any
 * organization that party-work's seed did not write). Last, every kept statistic is rebuilt from the rows.
 */
export async function seedOrganizations(
  dataSource: DataSource,
  count: number,
  log: (line: string) => void,
  /** The stream of this subgraph's domain events (`eventStream(namespace, 'organization')`). */
  eventStream: string,
  /** The coverage rules the statistics are kept by (the server's own settings). */
  settings: CoverageSettings,
): Promise<void> {
  const started = Date.now();
  const organizations = demoOrganizations(count);
  const counts = demoFullMemberCounts(demoMembers(organizations));
  const coverage = demoCoverage(organizations, counts, { referenceDay: today() });
  log(
    `generated ${organizations.length} organizations, ${coverage.partyOrganizations.length} Party organizations`,
  );
  const progress = (what: string) => (done: number, total: number) => {
    if (done === total || done % 20_000 === 0)
      log(`${what} ${done}/${total} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const batches = new SeedBatches(dataSource, eventStream);

  // organizations and Party organizations go in through the one insert of each table, in batches of one
  // transaction each, which stage the events of the rows inserted (party-work's copy of a seeded
  // organization learns of it like any other); a seed run again inserts and stages nothing
  await batches.write(
    organizationRows(organizations, counts, coverage),
    progress('seeded organizations'),
    (manager, batch, changes) => insertOrganizationRows(manager, batch, changes, { ignoreExisting: true }),
  );
  await recordRegistrations(dataSource);
  // each Party organization with its covers in one transaction, so its event carries them
  await batches.write(
    coverage.partyOrganizations,
    progress('seeded Party organizations'),
    async (manager, batch, changes) => {
      await insertPartyOrganizationRows(manager, batch, changes, { ignoreExisting: true });
      await insertCovers(manager, batch);
    },
  );
  await insertInBatches(
    dataSource,
    WORK_COVERAGE_INSERT,
    coverage.workCoverage,
    progress('seeded work coverage'),
  );
  await insertInBatches(
    dataSource,
    CROSS_APPOINTMENT_INSERT,
    coverage.crossAppointments,
    progress('seeded cross appointments'),
  );
  // what the services keep as rows change (sizes, summaries, the coverage cells) follows from the rows
  await rebuildStatistics(dataSource, settings);
  log(`seeded ${organizations.length} organizations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Writes items in batches of one transaction each, staging the events of what each batch marked. */
class SeedBatches {
  // nothing is announced after a batch: the events wait in the outbox for the server's relay
  private readonly writer;

  constructor(
    private readonly dataSource: DataSource,
    eventStream: string,
  ) {
    this.writer = organizationChangeWriter({
      dataSource,
      stream: eventStream,
      logger: createLogger('organization-seed'),
    });
  }

  async write<T>(
    items: readonly T[],
    onProgress: (done: number, total: number) => void,
    write: (manager: EntityManager, batch: T[], changes: ChangeSet) => Promise<unknown>,
  ): Promise<void> {
    for (let i = 0; i < items.length; i += SEED_BATCH) {
      const batch = items.slice(i, i + SEED_BATCH);
      await inTransaction(this.dataSource, (manager) =>
        this.writer.within(manager, (changes) => write(manager, batch, changes)),
      );
      onProgress(Math.min(i + SEED_BATCH, items.length), items.length);
    }
  }
}

/** The organizations' rows: each with its count, its charter and its active cover as generated. */
function organizationRows(
  organizations: readonly DemoOrganization[],
  counts: ReadonlyMap<string, number>,
  coverage: DemoCoverage,
): OrganizationRow[] {
  const coverOf = new Map<string, { partyId: string; mode: string; since: string }>();
  for (const party of coverage.partyOrganizations) {
    for (const id of party.coveredOrganizationIds) {
      coverOf.set(id, { partyId: party.id, mode: party.formationMode, since: party.establishedAt });
    }
  }
  const firstWork = new Map<string, string>();
  for (const measure of coverage.workCoverage) {
    const current = firstWork.get(measure.socialOrganizationId);
    if (!current || measure.since < current) firstWork.set(measure.socialOrganizationId, measure.since);
  }
  return organizations.map((o): OrganizationRow => {
    const charter = coverage.charters.get(o.id)!;
    const cover = coverOf.get(o.id);
    return {
      id: o.id,
      uscc: o.uscc,
      name: o.name,
      type: o.type,
      regionCode: o.regionCode,
      registeredAt: o.registeredAt,
      registrationAuthority: o.registrationAuthority,
      staffCount: o.staffCount,
      charterClause: charter.clause,
      charterChangedAt: charter.changedAt,
      fullMemberCount: counts.get(o.id) ?? 0,
      partyOrganizationId: cover?.partyId ?? null,
      coverageMode: cover?.mode ?? null,
      coveredSince: cover?.since ?? null,
      firstCoveredAt: [cover?.since, firstWork.get(o.id)].filter((d): d is string => !!d).sort()[0] ?? null,
    };
  });
}

/** The registration of each organization seeded now (none twice, when seeding again). */
async function recordRegistrations(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO social_organization_change (social_organization_id, kind, effective_on, recorded_by)
     SELECT o.id, 'REGISTERED', o.registered_at, 'seed' FROM social_organization o
      WHERE NOT EXISTS (SELECT 1 FROM social_organization_change c WHERE c.social_organization_id = o.id)`,
  );
}

async function insertCovers(
  manager: EntityManager,
  batch: DemoCoverage['partyOrganizations'],
): Promise<void> {
  const covers = batch.flatMap((p) =>
    p.coveredOrganizationIds.map((organizationId) => [
      `${p.id.slice(0, 24)}${organizationId.slice(24)}`,
      p.id,
      organizationId,
      p.establishedAt,
    ]),
  );
  if (covers.length > 0)
    await manager.query(
      `INSERT IGNORE INTO party_coverage (id, party_organization_id, social_organization_id, since)
       VALUES ${covers.map(() => '(?, ?, ?, ?)').join(', ')}`,
      covers.flat(),
    );
}

/** The demo's work-coverage measures as loaded (party-work copies none: no event). */
const WORK_COVERAGE_INSERT = {
  head: `INSERT IGNORE INTO work_coverage
    (id, social_organization_id, region_code, kind, person_name, since, last_contact_at)`,
  row: '(?, ?, ?, ?, ?, ?, ?)',
  values: (w: DemoWorkCoverage) => [
    w.id,
    w.socialOrganizationId,
    w.regionCode,
    w.kind,
    w.personName,
    w.since,
    w.lastContactAt,
  ],
};

/** The demo's cross appointments as loaded (party-work copies none: no event). */
const CROSS_APPOINTMENT_INSERT = {
  head: `INSERT IGNORE INTO cross_appointment (id, social_organization_id, party_organization_id, region_code,
    person_name, party_post, management_post, direction, since)`,
  row: '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  values: (a: DemoCrossAppointment) => [
    a.id,
    a.socialOrganizationId,
    a.partyOrganizationId,
    a.regionCode,
    a.personName,
    a.partyPost,
    a.managementPost,
    a.direction,
    a.since,
  ],
};
