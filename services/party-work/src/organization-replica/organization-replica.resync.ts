import { quarterOf, today } from '@pb/platform/calendar';
import { type ProducerClient, ResyncProgress, ResyncTally } from '@pb/platform/resync';
import type { DataSource, EntityManager } from 'typeorm';
import type { PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import { rebuildStatistics } from '../statistics/index.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';

/** Rows per page read from the organization subgraph and per transaction here (its page limit). */
const PAGE = 500;

const ORGANIZATION_FIELDS = 'id name status version region { code }';
const PARTY_ORGANIZATION_FIELDS = `id name type formationMode establishedAt dissolvedAt hasCommittee version
  region { code } parent { id } coveredOrganizations { id }`;

interface ProducerOrganization {
  id: string;
  name: string;
  status: string;
  version: number;
  region: { code: string };
}

interface ProducerPartyOrganization {
  id: string;
  name: string;
  type: string;
  formationMode: string;
  establishedAt: string;
  dissolvedAt: string | null;
  hasCommittee: boolean;
  version: number;
  region: { code: string };
  parent: { id: string } | null;
  coveredOrganizations: Array<{ id: string }>;
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

/** One kind of copied row: how to read it from the producer and how to hold it here. */
interface ReplicaKind<T extends { id: string; version: number }> {
  label: string;
  table: 'organization_replica' | 'party_organization_replica';
  /** The producer's list query and its single-row query. */
  listField: string;
  oneField: string;
  fields: string;
  /** The copy's rows, locked: each as a key comparable with `remote` (version included), and its version. */
  local(manager: EntityManager, ids: string[]): Promise<Map<string, { key: string; version: number }>>;
  remote(row: T): string;
  write(manager: EntityManager, rows: T[]): Promise<void>;
  /** Makes the columns that carry the region of these rows for scoped reads follow the copy. */
  follow(manager: EntityManager, ids: string[]): Promise<void>;
}

const organizations: ReplicaKind<ProducerOrganization> = {
  label: 'social organizations',
  table: 'organization_replica',
  listField: 'socialOrganizations',
  oneField: 'socialOrganization',
  fields: ORGANIZATION_FIELDS,
  async local(manager, ids) {
    const rows = (await manager.query(
      'SELECT id, name, region_code, status, version FROM organization_replica WHERE id IN (?) FOR UPDATE',
      [ids],
    )) as Array<{ id: string; name: string; region_code: string; status: string; version: number }>;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          key: JSON.stringify([r.name, r.region_code, r.status, Number(r.version)]),
          version: Number(r.version),
        },
      ]),
    );
  },
  remote: (o) => JSON.stringify([o.name, o.region.code, o.status, o.version]),
  async write(manager, rows) {
    await manager.query(
      `REPLACE INTO organization_replica (id, name, region_code, status, version) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((o) => [o.id, o.name, o.region.code, o.status, o.version]),
    );
  },
  async follow(manager, ids) {
    for (const table of ['party_member', 'funding_record'])
      await manager.query(
        `UPDATE ${table} t JOIN organization_replica r ON r.id = t.social_organization_id
            SET t.region_code = r.region_code
          WHERE t.social_organization_id IN (?) AND t.region_code <> r.region_code`,
        [ids],
      );
  },
};

const coveredKey = (ids: string[]) => [...ids].sort().join(',');

/** A Party organization's columns here: the ids it covers, then the rest in the order of `local`. */
const partyColumns = (p: ProducerPartyOrganization): [string[], ...unknown[]] => [
  p.coveredOrganizations.map((o) => o.id),
  p.name,
  p.type,
  p.formationMode,
  p.region.code,
  p.parent?.id ?? null,
  p.establishedAt.slice(0, 10),
  p.dissolvedAt?.slice(0, 10) ?? null,
  p.hasCommittee ? 1 : 0,
  p.version,
];

const partyOrganizations: ReplicaKind<ProducerPartyOrganization> = {
  label: 'Party organizations',
  table: 'party_organization_replica',
  listField: 'partyOrganizations',
  oneField: 'partyOrganization',
  fields: PARTY_ORGANIZATION_FIELDS,
  async local(manager, ids) {
    const rows = (await manager.query(
      `SELECT id, name, type, formation_mode, region_code, parent_id, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
              DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at, has_committee, covered_organization_ids, version
         FROM party_organization_replica WHERE id IN (?) FOR UPDATE`,
      [ids],
    )) as Array<Record<string, string | number | null>>;
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          version: Number(r.version),
          key: JSON.stringify([
            r.name,
            r.type,
            r.formation_mode,
            r.region_code,
            r.parent_id,
            r.established_at,
            r.dissolved_at,
            Number(r.has_committee),
            Number(r.version),
            coveredKey(JSON.parse(String(r.covered_organization_ids ?? '[]')) as string[]),
          ]),
        },
      ]),
    );
  },
  remote: (p) => {
    const [covered, ...columns] = partyColumns(p);
    return JSON.stringify([...columns, coveredKey(covered)]);
  },
  async write(manager, rows) {
    await manager.query(
      `REPLACE INTO party_organization_replica
         (id, covered_organization_ids, name, type, formation_mode, region_code, parent_id, established_at,
          dissolved_at, has_committee, version)
       VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flatMap((p) => {
        const [covered, ...columns] = partyColumns(p);
        return [p.id, JSON.stringify(covered), ...columns];
      }),
    );
  },
  async follow(manager, ids) {
    for (const [table, column] of [
      ['activity', 'branch_id'],
      ['funding_record', 'party_organization_id'],
    ])
      await manager.query(
        `UPDATE ${table} t JOIN party_organization_replica b ON b.id = t.${column}
            SET t.region_code = b.region_code
          WHERE t.${column} IN (?) AND t.region_code <> b.region_code`,
        [ids],
      );
  },
};

type QueryKind = Pick<ReplicaKind<{ id: string; version: number }>, 'listField' | 'oneField' | 'fields'>;

const listQuery = (kind: QueryKind) => `query ($first: Int, $after: String) {
  ${kind.listField}(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${kind.fields} } }
  }
}`;

const oneQuery = (kind: QueryKind) => `query ($id: ID!) { ${kind.oneField}(id: $id) { ${kind.fields} } }`;

/** Every query resync sends the organization subgraph: `pnpm schema:check` validates them against its schema. */
export const RESYNC_QUERIES: readonly string[] = [organizations, partyOrganizations].flatMap((kind) => [
  listQuery(kind),
  oneQuery(kind),
]);

export interface ReplicaResyncSummary {
  organizations: ResyncTally;
  partyOrganizations: ResyncTally;
  /** Milliseconds spent recomputing the member and activity statistics. */
  statisticsMs: number;
}

/**
 * Rebuilds this subgraph's copies of the organization subgraph's social organizations and Party
 * organizations from that subgraph's current state (see the platform's resync.ts for why through its
 * GraphQL API), page by page, each page in one transaction of the ChangeWriter. Then the statistics that roll up by those
 * copies are recomputed from the raw rows: a copy that was wrong may have put members and activities in
 * the wrong cells, and moving them incrementally from a wrong "before" would only move the error.
 */
export class OrganizationReplicaResync {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly producer: ProducerClient,
    private readonly workAlerts: WorkAlertKeeper,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async run(): Promise<ReplicaResyncSummary> {
    const organizationTally = await this.resync(organizations);
    const partyTally = await this.resync(partyOrganizations);
    const started = Date.now();
    // the work alerts too: a branch's or a member's region may have been wrong
    await rebuildStatistics(this.dataSource, { workAlerts: this.workAlerts, progress: this.log });
    const statisticsMs = Date.now() - started;
    // every figure a wall may watch goes out anew (coalesced per scope by the live figures)
    await this.changes.write(async (manager, changes) => {
      const regions = (await manager.query(
        `SELECT region_code FROM member_cell UNION SELECT region_code FROM activity_cell
         UNION SELECT region_code FROM compliance_cell UNION SELECT region_code FROM party_organization_replica`,
      )) as Array<{ region_code: string }>;
      const quarter = quarterOf(today());
      for (const { region_code } of regions) {
        changes.memberRegions.add(region_code);
        changes.secretaryRegions.add(region_code);
        changes.activityFigure(region_code, quarter);
      }
    });
    return { organizations: organizationTally, partyOrganizations: partyTally, statisticsMs };
  }

  private async resync<T extends { id: string; version: number }>(
    kind: ReplicaKind<T>,
  ): Promise<ResyncTally> {
    const tally = new ResyncTally();
    const seen = new Set<string>();
    const ahead = new Map<string, number>();
    let progress: ResyncProgress | undefined;
    let after: string | null = null;
    for (;;) {
      const page: Connection<T> = (
        await this.producer.query<Record<string, Connection<T>>>(listQuery(kind), { first: PAGE, after })
      )[kind.listField]!;
      progress ??= new ResyncProgress(`party-work resync: ${kind.label}`, page.totalCount, this.log);
      const rows = page.edges.map((e) => e.node);
      for (const row of rows) seen.add(row.id);
      for (const [id, version] of await this.applyPage(kind, rows, tally)) ahead.set(id, version);
      progress.advance(rows.length, page.totalCount);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }

    // The copy held a newer version than the page: a live event since, or a version the producer never
    // had. The producer's versions only grow, so if its row now is still older than the version the copy
    // held then, and the copy still holds it, the copy's is made up (a copy that moved on took a live event).
    for (const [id, held] of ahead) {
      const row = await this.one(kind, id);
      tally.newerKept--;
      if (row && row.version >= held) {
        await this.applyPage(kind, [row], tally);
        continue;
      }
      const overruled = await this.changes.write(async (manager) => {
        const [current] = (await manager.query(`SELECT version FROM ${kind.table} WHERE id = ? FOR UPDATE`, [
          id,
        ])) as Array<{ version: number }>;
        if (!current || Number(current.version) !== held) return false;
        if (row) {
          await kind.write(manager, [row]);
          await kind.follow(manager, [id]);
        } else await manager.query(`DELETE FROM ${kind.table} WHERE id = ?`, [id]);
        return true;
      });
      if (!overruled) tally.newerKept++;
      else if (row) tally.corrected++;
      else tally.removed++;
    }

    // Rows the copy holds that no page listed: registered while the pages were read, or unknown there.
    let lastId = '';
    for (;;) {
      const ids = (
        (await this.dataSource.query(`SELECT id FROM ${kind.table} WHERE id > ? ORDER BY id LIMIT 1000`, [
          lastId,
        ])) as Array<{ id: string }>
      ).map((r) => r.id);
      if (ids.length === 0) break;
      lastId = ids.at(-1)!;
      for (const id of ids.filter((i) => !seen.has(i))) {
        const row = await this.one(kind, id);
        if (row) await this.applyPage(kind, [row], tally);
        else {
          await this.remove(kind, id);
          tally.removed++;
        }
      }
    }
    return tally;
  }

  /** Applies one page in one transaction; the ids (and versions) whose copy was newer than the page. */
  private async applyPage<T extends { id: string; version: number }>(
    kind: ReplicaKind<T>,
    rows: T[],
    tally: ResyncTally,
  ): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const ids = rows.map((r) => r.id);
    const { ahead, counts } = await this.changes.write(async (manager) => {
      const counts = { restored: 0, corrected: 0, unchanged: 0, newerKept: 0 };
      const local = await kind.local(manager, ids);
      const writes: T[] = [];
      const ahead = new Map<string, number>();
      for (const row of rows) {
        const mine = local.get(row.id);
        const held = mine?.version ?? -1;
        if (mine === undefined) {
          counts.restored++;
          writes.push(row);
        } else if (held > row.version) {
          counts.newerKept++;
          ahead.set(row.id, held);
        } else if (mine.key === kind.remote(row)) counts.unchanged++;
        else {
          counts.corrected++;
          writes.push(row);
        }
      }
      if (writes.length > 0) await kind.write(manager, writes);
      await kind.follow(manager, ids);
      return { ahead, counts };
    });
    // counted once the transaction is through (a deadlock victim runs its work again)
    tally.restored += counts.restored;
    tally.corrected += counts.corrected;
    tally.unchanged += counts.unchanged;
    tally.newerKept += counts.newerKept;
    return ahead;
  }

  private async one<T>(
    kind: ReplicaKind<T & { id: string; version: number }>,
    id: string,
  ): Promise<T | null> {
    const data = await this.producer.query<Record<string, T | null>>(oneQuery(kind), { id });
    return data[kind.oneField] ?? null;
  }

  private async remove(kind: ReplicaKind<{ id: string; version: number }>, id: string): Promise<void> {
    await this.changes.write((manager) => manager.query(`DELETE FROM ${kind.table} WHERE id = ?`, [id]));
  }
}
