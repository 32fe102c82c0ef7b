import { randomUUID } from 'node:crypto';
import {
  badInput,
  type Connection,
  enclosingScopes,
  isWithinRegion,
  notFound,
  type Page,
  type PubSub,
  regionLikePattern,
  scopeTopicId,
  toConnection,
  type Viewer,
} from '@pb/platform';
import { type DataSource, In } from 'typeorm';
import type { MemberStatsService } from '../member-stats/member-stats.service.js';
import type { OrganizationReplicaService } from '../organization-replica/organization-replica.service.js';
import { PartyMemberEntity } from './party-member.entity.js';
import type { AddPartyMemberInput, PartyMemberFilter } from './party-member.input.js';
import { MemberStage, PartyMember } from './party-member.type.js';

export const PARTY_MEMBER_ADDED = 'PARTY_MEMBER_ADDED';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Party members: recording and scoped reads. */
export class PartyMemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationReplicaService,
    private readonly memberStats: MemberStatsService,
    private readonly pubSub: PubSub,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(PartyMemberEntity);
  }

  async add(input: AddPartyMemberInput, viewer: Viewer): Promise<PartyMember> {
    viewer.require('write:records');
    const name = input.name.trim();
    if (name.length < 2 || name.length > 64)
      throw badInput('input.name', 'input.name must be 2 to 64 characters.');
    const stageSince = input.stageSince ?? new Date().toISOString().slice(0, 10);
    if (!DATE.test(stageSince) || Number.isNaN(Date.parse(`${stageSince}T00:00:00Z`))) {
      throw badInput('input.stageSince', `input.stageSince must be a date YYYY-MM-DD, got "${stageSince}".`);
    }
    const organization = await this.organizations.find(input.socialOrganizationId);
    if (!organization) {
      throw notFound(
        `input.socialOrganizationId: no social organization ${input.socialOrganizationId} is known here; if it was registered a moment ago, try again shortly.`,
      );
    }
    viewer.requireWithin(organization.regionCode);
    if (organization.status !== 'ACTIVE') {
      throw badInput(
        'input.socialOrganizationId',
        `${organization.name} is ${organization.status.toLowerCase()}; members are recorded only at active organizations.`,
      );
    }
    const entity = this.repository.create({
      id: randomUUID(),
      name,
      stage: input.stage,
      stageSince,
      socialOrganizationId: organization.id,
      regionCode: organization.regionCode,
    });
    await this.repository.insert(entity);
    const member = toPartyMember(entity);
    for (const scope of enclosingScopes(member.regionCode)) {
      this.pubSub.publish(PARTY_MEMBER_ADDED, scopeTopicId(scope), member);
    }
    await this.memberStats.changed(member.regionCode);
    return member;
  }

  subscribeAdded(regionCode: string | null | undefined, viewer: Viewer): AsyncIterable<PartyMember> {
    viewer.require('read:records');
    const scope = viewer.scope(regionCode);
    return this.pubSub.subscribe(PARTY_MEMBER_ADDED, scopeTopicId(scope)) as AsyncIterable<PartyMember>;
  }

  async findById(id: string, viewer: Viewer): Promise<PartyMember | null> {
    viewer.require('read:records');
    const entity = await this.repository.findOne({ where: { id } });
    return entity && isWithinRegion(entity.regionCode, viewer.regionCode) ? toPartyMember(entity) : null;
  }

  async list(
    filter: PartyMemberFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<PartyMember>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('m').where('1 = 1');
    if (scope) query.andWhere('m.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    if (filter?.socialOrganizationId)
      query.andWhere('m.social_organization_id = :org', { org: filter.socialOrganizationId });
    if (filter?.stage) query.andWhere('m.stage = :stage', { stage: filter.stage });
    const totalCount = await query.clone().getCount();
    const rows = await query
      .andWhere('m.seq > :after', { after: page.afterSeq })
      .orderBy('m.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, totalCount, toPartyMember);
  }

  /** Members at each stage for many organizations in one query, keyed by organization id. */
  async countByOrganization(ids: readonly string[], stage: MemberStage): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = (await this.dataSource
      .getRepository(PartyMemberEntity)
      .createQueryBuilder('m')
      .select('m.social_organization_id', 'id')
      .addSelect('COUNT(*)', 'count')
      .where({ socialOrganizationId: In([...ids]), stage })
      .groupBy('m.social_organization_id')
      .getRawMany()) as Array<{ id: string; count: string | number }>;
    const counts = new Map(rows.map((r) => [r.id, Number(r.count)]));
    return ids.map((id) => counts.get(id) ?? 0);
  }
}

export function toPartyMember(entity: PartyMemberEntity): PartyMember {
  return Object.assign(new PartyMember(), {
    id: entity.id,
    name: entity.name,
    stage: entity.stage as MemberStage,
    stageSince: entity.stageSince,
    socialOrganizationId: entity.socialOrganizationId,
    regionCode: entity.regionCode,
  });
}
