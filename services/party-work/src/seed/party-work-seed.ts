import {
  type DemoMember,
  type DemoOrganization,
  type DemoPartyOrganization,
  demoCoverage,
  demoFullMemberCounts,
  demoMembers,
  demoOrganizations,
} from '@pb/demo-data';
import { addDays, today } from '@pb/platform/calendar';
import type { DataSource } from 'typeorm';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import { rebuildStatistics } from '../statistics/index.js';
import { BatchWriter } from './batch-writer.js';
import { withIndexesDeferred } from './deferred-indexes.js';
import { writeBranch, writeFunding } from './seed-branches.js';
import { writeMember } from './seed-members.js';
import { SeedRun } from './seed-run.js';

/**
 * The demo data set of party-work (phases: replicas here, members in seed-members.ts, each Party
 * organization's life, staff and funding in seed-branches.ts, then the statistics) over the same N demo organizations and Party organizations the
 * organization subgraph seeds (`demoOrganizations`, `demoMembers`, `demoCoverage` of @pb/platform with
 * the same UTC reference day): local copies of both, the members at the stages `demoMembers` gives them
 * with a history that keeps every rule, encrypted ID numbers and phones, a year of organizational life
 * with realistic gaps (a branch's diligence decides how much of each floor it meets), corrections,
 * appraisals of last year, talks, training, staff and funding. Ids derive from hashes of stable keys,
 * so seeding again inserts nothing twice (`INSERT IGNORE`); an organization that already has members is
 * left as it is, history included. Only dates depend on the reference day.
 */
export async function seedPartyWork(
  dataSource: DataSource,
  count: number,
  cipher: PersonalDataCipher,
  log: (line: string) => void,
  referenceDay = today(),
): Promise<Map<string, number>> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const organizations = demoOrganizations(count);
  const members = demoMembers(organizations);
  const coverage = demoCoverage(organizations, demoFullMemberCounts(members), { referenceDay });
  log(
    `generated ${organizations.length} organizations, ${members.length} members, ${coverage.partyOrganizations.length} Party organizations (${elapsed()})`,
  );
  const run = new SeedRun(new BatchWriter(dataSource), referenceDay, cipher);
  const branchOf = await writeReplicas(run.writer, organizations, coverage.partyOrganizations);
  log(`replicas written (${elapsed()})`);
  const demo = { organizations, members, partyOrganizations: coverage.partyOrganizations, branchOf };
  const written = await withIndexesDeferred(
    dataSource,
    BULK_TABLES,
    () => seedRecords(dataSource, run, demo, log, elapsed),
    log,
  );
  // each organization's full-member counter, as the organization subgraph's seed assumes it (version 0);
  // counters that exist already are live and stay as they are
  await dataSource.query(`
    INSERT INTO full_member_counter (social_organization_id, full_member_count, version)
    SELECT social_organization_id, COUNT(*), 0 FROM party_member WHERE status = 'ACTIVE' AND stage = 'FULL'
     GROUP BY social_organization_id
    ON DUPLICATE KEY UPDATE version = full_member_counter.version`);
  await rebuildStatistics(dataSource, { day: referenceDay, progress: log });
  log(`statistics aggregated and work alerts evaluated; done in ${elapsed()}`);
  return written;
}

/** The demo records the seed writes, and the Party organization covering each organization. */
interface DemoSet {
  organizations: DemoOrganization[];
  members: DemoMember[];
  partyOrganizations: DemoPartyOrganization[];
  branchOf: Map<string, DemoPartyOrganization>;
}

/**
 * The local copies of the organizations and Party organizations; the Party organization covering each
 * organization.
 */
async function writeReplicas(
  writer: BatchWriter,
  organizations: DemoOrganization[],
  partyOrganizations: DemoPartyOrganization[],
): Promise<Map<string, DemoPartyOrganization>> {
  // version 1, the version the organization subgraph's seed gives these rows and stages their events
  // with: when those events arrive here they are duplicates and change nothing (at version 0 each would
  // be applied again and send its region's figures out anew, thousands of times after a large seed);
  // any later change of an organization, at version 2 or more, supersedes the seeded copy
  for (const o of organizations)
    await writer.add(
      'INSERT IGNORE INTO organization_replica (id, name, region_code, status, version)',
      "(?, ?, ?, 'ACTIVE', 1)",
      [o.id, o.name, o.regionCode],
    );
  const branchOf = new Map<string, DemoPartyOrganization>();
  for (const p of partyOrganizations) {
    for (const id of p.coveredOrganizationIds) branchOf.set(id, p);
    await writer.add(
      `INSERT IGNORE INTO party_organization_replica (id, name, type, formation_mode, region_code, parent_id,
         established_at, dissolved_at, has_committee, covered_organization_ids, version)`,
      '(?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 1)',
      [
        p.id,
        p.name,
        p.type,
        p.formationMode,
        p.regionCode,
        p.parentId,
        p.establishedAt,
        p.hasCommittee ? 1 : 0,
        JSON.stringify(p.coveredOrganizationIds),
      ],
    );
  }
  await writer.flush();
  return branchOf;
}

/** The members, then each Party organization's life, staff and funding, then the organizations' funding. */
async function seedRecords(
  dataSource: DataSource,
  run: SeedRun,
  demo: DemoSet,
  log: (line: string) => void,
  elapsed: () => string,
): Promise<Map<string, number>> {
  const branchMembers = await seedMembers(dataSource, run, demo, log, elapsed);
  let branches = 0;
  for (const party of demo.partyOrganizations) {
    await writeBranch(run, party, branchMembers.get(party.id) ?? []);
    branches += 1;
    if (branches % 10_000 === 0)
      log(`Party organizations ${branches}/${demo.partyOrganizations.length} (${elapsed()})`);
  }
  for (const o of demo.organizations) {
    run.drawFor(`funding:${o.id}`);
    if (run.random() < 0.2)
      await writeFunding(
        run,
        `org:${o.id}`,
        null,
        o.id,
        o.regionCode,
        run.random() < 0.5 ? 'SELF_RAISED' : 'PROJECT',
        addDays(run.referenceDay, -run.int(0, 500)),
      );
  }
  await run.writer.flush();
  log(`rows written in ${elapsed()}: ${[...run.writer.written].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return run.writer.written;
}

/**
 * The members, organization by organization (an organization that has members already is skipped whole);
 * the full and probationary members on the rolls of each branch, whom its posts and meetings name.
 */
async function seedMembers(
  dataSource: DataSource,
  run: SeedRun,
  { organizations, members, branchOf }: DemoSet,
  log: (line: string) => void,
  elapsed: () => string,
): Promise<Map<string, string[]>> {
  const seeded = new Set<string>();
  for (let i = 0; i < organizations.length; i += 5000) {
    const ids = organizations.slice(i, i + 5000).map((o) => o.id);
    const rows = (await dataSource.query(
      'SELECT DISTINCT social_organization_id AS id FROM party_member WHERE social_organization_id IN (?)',
      [ids],
    )) as Array<{ id: string }>;
    for (const r of rows) seeded.add(r.id);
  }
  const branchMembers = new Map<string, string[]>();
  let done = 0;
  for (const member of members) {
    done += 1;
    const branch = branchOf.get(member.socialOrganizationId) ?? null;
    if (branch && (member.stage === 'FULL' || member.stage === 'PROBATIONARY')) {
      const list = branchMembers.get(branch.id) ?? [];
      list.push(member.id);
      branchMembers.set(branch.id, list);
    }
    if (seeded.has(member.socialOrganizationId)) continue;
    await writeMember(run, member, branch);
    if (done % 100_000 === 0) log(`members ${done}/${members.length} (${elapsed()})`);
  }
  await run.writer.flush();
  log(
    `members ${members.length}/${members.length} with history, training, talks and appraisals (${elapsed()})`,
  );
  return branchMembers;
}

/** The tables the seed fills by the million; loaded without their secondary indexes when empty. */
const BULK_TABLES = [
  'party_member',
  'stage_change',
  'training_record',
  'talk',
  'talk_participant',
  'appraisal',
  'activity',
  'staff_assignment',
  'funding_record',
];
