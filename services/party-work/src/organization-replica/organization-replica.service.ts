import { quarterOf, today } from '@pb/platform/calendar';
import type { DomainEvent } from '@pb/platform/events';
import { type DataSource, In } from 'typeorm';
import type { PartyWorkChanges, PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import { type BranchFacts, branchChanged } from '../statistics/activity-aggregates/activity-aggregates.js';
import { moveOrganizationAppraisals } from '../statistics/appraisal-cells/appraisal-cells.js';
import { moveOrganizationMembers } from '../statistics/member-aggregates/member-aggregates.js';
import { recomputeSecretaryCells } from '../statistics/secretary-cells/secretary-cells.js';
import { moveOrganizationTalks } from '../statistics/talk-cells/talk-cells.js';
import type { WorkAlertKeeper } from '../work-alert/work-alert.keeper.js';
import { OrganizationReplicaEntity } from './organization-replica.entity.js';
import { PartyOrganizationReplicaEntity } from './party-organization-replica.entity.js';

export interface OrganizationSnapshot {
  id: string;
  name: string;
  regionCode: string;
  status: string;
}

/** The data of a PartyOrganizationChanged event from the organization subgraph. */
export interface PartyOrganizationSnapshot {
  id: string;
  name: string;
  type: 'COMMITTEE' | 'GENERAL_BRANCH' | 'BRANCH';
  formationMode: string;
  regionCode: string;
  parentId?: string | null;
  establishedAt: string;
  dissolvedAt?: string | null;
  hasCommittee?: boolean;
  coveredOrganizationIds?: string[];
}

/**
 * Keeps the local copies of social organizations and Party organizations. Applying is idempotent and
 * ordered per aggregate: a duplicate or an older version leaves the row as it is. When a region changes,
 * the rows that carry the region for scoped reads and roll-ups (members, activities, funding) follow in
 * the same transaction, so every figure counts a record where its organization is now.
 */
export class OrganizationReplicaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
    private readonly workAlerts: WorkAlertKeeper,
  ) {}

  /**
   * Applies a snapshot; the regions whose figures it changed (none when it was a duplicate or older), whose
   * member, secretary and current quarter's activity figures go out anew after the commit.
   */
  async apply(snapshot: OrganizationSnapshot, version: number): Promise<string[]> {
    return this.changes.write(async (manager, changes) => {
      const [before] = (await manager.query(
        'SELECT region_code, version FROM organization_replica WHERE id = ? FOR UPDATE',
        [snapshot.id],
      )) as Array<{ region_code: string; version: number }>;
      // a duplicate or an older version changes nothing
      if (before && Number(before.version) >= version) return [];
      await manager.query(
        'REPLACE INTO organization_replica (id, name, region_code, status, version) VALUES (?, ?, ?, ?, ?)',
        [snapshot.id, snapshot.name, snapshot.regionCode, snapshot.status, version],
      );
      if (before && before.region_code !== snapshot.regionCode) {
        await moveOrganizationTalks(manager, snapshot.id, before.region_code, snapshot.regionCode);
        await moveOrganizationMembers(manager, snapshot.id, before.region_code, snapshot.regionCode);
        for (const table of ['party_member', 'funding_record'])
          await manager.query(`UPDATE ${table} SET region_code = ? WHERE social_organization_id = ?`, [
            snapshot.regionCode,
            snapshot.id,
          ]);
        // after the members' rows are locked by their update: a grade recorded meanwhile either committed
        // before (and is read here) or waits and is counted in the new region
        await moveOrganizationAppraisals(manager, snapshot.id, before.region_code, snapshot.regionCode);
        // the members' alerts move with them
        const members = (await manager.query('SELECT id FROM party_member WHERE social_organization_id = ?', [
          snapshot.id,
        ])) as Array<{ id: string }>;
        await this.workAlerts.refresh(manager, 'organization', { members: members.map((m) => m.id) });
      }
      return figuresChanged(changes, [before?.region_code ?? snapshot.regionCode, snapshot.regionCode]);
    });
  }

  async applyPartyOrganization(snapshot: PartyOrganizationSnapshot, version: number): Promise<string[]> {
    return this.changes.write(async (manager, changes) => {
      const [before] = (await manager.query(
        `SELECT type, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at,
                DATE_FORMAT(dissolved_at, '%Y-%m-%d') AS dissolved_at, version
         FROM party_organization_replica WHERE id = ? FOR UPDATE`,
        [snapshot.id],
      )) as Array<BranchFacts & { version: number }>;
      // a duplicate or an older version changes nothing
      if (before && Number(before.version) >= version) return [];
      const after: BranchFacts = {
        type: snapshot.type,
        region_code: snapshot.regionCode,
        has_committee: snapshot.hasCommittee ? 1 : 0,
        established_at: snapshot.establishedAt.slice(0, 10),
        dissolved_at: snapshot.dissolvedAt?.slice(0, 10) ?? null,
      };
      await manager.query(
        `REPLACE INTO party_organization_replica
           (id, name, type, formation_mode, region_code, parent_id, established_at, dissolved_at, has_committee,
            covered_organization_ids, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          snapshot.id,
          snapshot.name,
          after.type,
          snapshot.formationMode,
          after.region_code,
          snapshot.parentId ?? null,
          after.established_at,
          after.dissolved_at,
          after.has_committee,
          JSON.stringify(snapshot.coveredOrganizationIds ?? []),
          version,
        ],
      );
      await branchChanged(manager, snapshot.id, before ?? null, after);
      if (before && before.region_code !== after.region_code) {
        for (const [table, column] of [
          ['activity', 'branch_id'],
          ['funding_record', 'party_organization_id'],
        ])
          await manager.query(`UPDATE ${table} SET region_code = ? WHERE ${column} = ?`, [
            after.region_code,
            snapshot.id,
          ]);
      }
      // its posts held by no member follow its region and its dates (training alerts)
      const posts = (await manager.query(
        'SELECT id FROM staff_assignment WHERE party_organization_id = ? AND member_id IS NULL',
        [snapshot.id],
      )) as Array<{ id: string }>;
      await this.workAlerts.refresh(manager, 'branch', {
        branches: [snapshot.id],
        staff: posts.map((p) => p.id),
      });
      // after the refresh, which holds the kept day to the commit
      await recomputeSecretaryCells(
        manager,
        [before?.region_code ?? after.region_code, after.region_code],
        await this.workAlerts.keptDay(manager),
      );
      return figuresChanged(changes, [before?.region_code ?? after.region_code, after.region_code]);
    });
  }

  /** Handles an event from the organization subgraph's stream; the regions whose figures it changed. */
  async onEvent(event: DomainEvent): Promise<string[]> {
    if (event.type === 'SocialOrganizationChanged')
      return this.apply(event.data as unknown as OrganizationSnapshot, event.version);
    if (event.type === 'PartyOrganizationChanged')
      return this.applyPartyOrganization(event.data as unknown as PartyOrganizationSnapshot, event.version);
    return [];
  }

  find(id: string): Promise<OrganizationReplicaEntity | null> {
    return this.dataSource.getRepository(OrganizationReplicaEntity).findOne({ where: { id } });
  }

  findPartyOrganization(id: string): Promise<PartyOrganizationReplicaEntity | null> {
    return this.dataSource.getRepository(PartyOrganizationReplicaEntity).findOne({ where: { id } });
  }

  /** Party organizations by id in one query, in the order asked (null where unknown). */
  async findPartyOrganizations(
    ids: readonly string[],
  ): Promise<Array<PartyOrganizationReplicaEntity | null>> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource
      .getRepository(PartyOrganizationReplicaEntity)
      .find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}

/**
 * Marks the figures of the regions an organization left or joined: members, secretaries and the current
 * quarter's activities go out anew.
 */
function figuresChanged(changes: PartyWorkChanges, regions: string[]): string[] {
  const changed = [...new Set(regions)];
  // its members, its posts and their training are counted where it is: a move recounts both regions
  if (changed.length > 1) for (const region of changed) changes.trainingRegions.add(region);
  for (const region of changed) {
    changes.memberRegions.add(region);
    changes.secretaryRegions.add(region);
    changes.activityFigure(region, quarterOf(today()));
  }
  return changed;
}
