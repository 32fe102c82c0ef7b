import { badInput, forbidden } from '@pb/platform/errors';
import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { isWithinRegion, regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import { type DataSource, In } from 'typeorm';
import { PARTY_MEMBER_ADDED } from '../changes/party-work-changes.js';
import { PartyMemberEntity } from './party-member.entity.js';
import type { PartyMemberFilter } from './party-member.input.js';
import { probationEnd } from './party-member.rules.js';
import {
  MemberStage,
  type MemberStatus,
  type MemberWorkRole,
  PartyMember,
  StageChange,
} from './party-member.type.js';

/** Party members as a viewer may read them: scoped to the viewer's region, in lists, by id and counted. */
export class PartyMemberReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(PartyMemberEntity);
  }

  subscribeAdded(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<PartyMember> {
    viewer.require('read:records');
    const scope = viewer.scope(regionCode);
    return this.pubSub.subscribe(PARTY_MEMBER_ADDED, scopeTopicId(scope)) as AsyncIterable<PartyMember>;
  }

  async findById(id: string, viewer: Viewer): Promise<PartyMember | null> {
    viewer.require('read:records');
    const [member] = await this.findMany([id], viewer);
    return member ?? null;
  }

  /** Members by id in one query, in the order asked; null where unknown or outside the viewer's region. */
  async findMany(ids: readonly string[], viewer: Viewer): Promise<Array<PartyMember | null>> {
    viewer.require('read:records');
    if (ids.length === 0) return [];
    const rows = await this.repository.find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row && isWithinRegion(row.regionCode, viewer.regionCode) ? toPartyMember(row) : null;
    });
  }

  async list(
    filter: PartyMemberFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<PartyMember>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('m').where('1 = 1');
    if (!filter?.includeEnded) query.andWhere("m.status = 'ACTIVE'");
    if (scope) query.andWhere('m.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    if (filter?.socialOrganizationId)
      query.andWhere('m.social_organization_id = :org', { org: filter.socialOrganizationId });
    if (filter?.branchId) query.andWhere('m.branch_id = :branch', { branch: filter.branchId });
    if (filter?.stage) query.andWhere('m.stage = :stage', { stage: filter.stage });
    if (filter?.nameContains)
      query.andWhere('m.name LIKE :name', { name: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
    // the count before the page's own conditions are added to the builder (they change it in place)
    const counting = query.clone();
    const rows = await query
      .andWhere('m.seq > :after', { after: page.afterSeq })
      .orderBy('m.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, () => counting.getCount(), toPartyMember);
  }

  /**
   * Members of `stage` on the rolls of each organization, counting only those within the viewer's
   * region: an organization outside it counts 0, as an unknown one does, so an `_entities` lookup of any
   * id tells a viewer nothing of another region.
   */
  async countByOrganization(ids: readonly string[], stage: MemberStage, viewer: Viewer): Promise<number[]> {
    if (ids.length === 0) return [];
    const inRegion = viewer.regionCode === null ? '' : 'AND region_code LIKE ?';
    const rows = (await this.dataSource.query(
      `SELECT social_organization_id AS id, COUNT(*) AS count FROM party_member
       WHERE social_organization_id IN (?) AND status = 'ACTIVE' AND stage = ? ${inRegion}
       GROUP BY social_organization_id`,
      [[...ids], stage, ...(viewer.regionCode === null ? [] : [regionLikePattern(viewer.regionCode)])],
    )) as Array<{ id: string; count: string | number }>;
    const counts = new Map(rows.map((r) => [r.id, Number(r.count)]));
    return ids.map((id) => counts.get(id) ?? 0);
  }

  /**
   * Each organization's full-member count with the version party-work reported it under (0: never
   * reported), as one consistent read: the organization subgraph rebuilds its copy from these. The
   * counter row and the members agree in any committed state, as every change recounts in its own
   * transaction; the members are counted here so that a count never reported (seeded data) is true too.
   */
  async reportedFullMemberCounts(
    ids: readonly string[],
    viewer: Viewer,
  ): Promise<Array<{ socialOrganizationId: string; fullMemberCount: number; version: number }>> {
    viewer.require('read:records');
    if (viewer.regionCode !== null)
      throw forbidden('Full-member counts for a resync are read with a national token (no region).');
    if (ids.length > 500)
      throw badInput(
        'socialOrganizationIds',
        `Ask for at most 500 organizations at a time, not ${ids.length}.`,
      );
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const counts = await manager.query(
        `SELECT social_organization_id AS id, COUNT(*) AS count FROM party_member
          WHERE social_organization_id IN (?) AND status = 'ACTIVE' AND stage = 'FULL' GROUP BY social_organization_id`,
        [[...ids]],
      );
      const versions = await manager.query(
        'SELECT social_organization_id AS id, version FROM full_member_counter WHERE social_organization_id IN (?)',
        [[...ids]],
      );
      return { counts, versions };
    })) as {
      counts: Array<{ id: string; count: string | number }>;
      versions: Array<{ id: string; version: string | number }>;
    };
    const count = new Map(rows.counts.map((r) => [r.id, Number(r.count)]));
    const version = new Map(rows.versions.map((r) => [r.id, Number(r.version)]));
    return ids.map((id) => ({
      socialOrganizationId: id,
      fullMemberCount: count.get(id) ?? 0,
      version: version.get(id) ?? 0,
    }));
  }

  /** The dated history of many members in one query, oldest first. */
  async histories(memberIds: readonly string[]): Promise<StageChange[][]> {
    if (memberIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT member_id, kind, from_stage, to_stage, DATE_FORMAT(effective_on, '%Y-%m-%d') AS effective_on,
              approved_by, recorded_by, note, recorded_at
       FROM stage_change WHERE member_id IN (?) ORDER BY member_id, seq`,
      [[...memberIds]],
    )) as Array<Record<string, string | Date | null>>;
    const byMember = new Map<string, StageChange[]>();
    for (const r of rows) {
      const list = byMember.get(r.member_id as string) ?? [];
      list.push(
        Object.assign(new StageChange(), {
          kind: r.kind,
          fromStage: r.from_stage,
          toStage: r.to_stage,
          effectiveOn: r.effective_on,
          approvedBy: r.approved_by,
          recordedBy: r.recorded_by,
          note: r.note,
          recordedAt: new Date(r.recorded_at as string | Date).toISOString(),
        }),
      );
      byMember.set(r.member_id as string, list);
    }
    return memberIds.map((id) => byMember.get(id) ?? []);
  }
}

export function toPartyMember(entity: PartyMemberEntity): PartyMember {
  return Object.assign(new PartyMember(), {
    id: entity.id,
    name: entity.name,
    stage: entity.stage as MemberStage,
    stageSince: entity.stageSince,
    status: entity.status as MemberStatus,
    appliedOn: entity.appliedOn,
    probationEndsOn: entity.stage === MemberStage.PROBATIONARY ? probationEnd(entity) : null,
    workRole: entity.workRole as MemberWorkRole | null,
    socialOrganizationId: entity.socialOrganizationId,
    regionCode: entity.regionCode,
    branchId: entity.branchId,
    idNumberSealed: entity.idNumberEnc ? entity.idNumberEnc.toString('base64') : null,
    phoneSealed: entity.phoneEnc ? entity.phoneEnc.toString('base64') : null,
  });
}
