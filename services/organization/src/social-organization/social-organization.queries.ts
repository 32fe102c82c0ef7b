import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import { type DataSource, In } from 'typeorm';
import { anyDate, notBefore } from '../dates.js';
import { SOCIAL_ORGANIZATION_REGISTERED } from '../events/announcer.js';
import { inOrderAsked } from '../records.js';
import { SocialOrganizationEntity } from './social-organization.entity.js';
import type { SocialOrganizationFilter } from './social-organization.input.js';
import { isVisible } from './social-organization.rules.js';
import {
  type CharterClause,
  type OrganizationStatus,
  type RegistrationLevel,
  SocialOrganization,
  SocialOrganizationChange,
  type SocialOrganizationChangeKind,
  type SocialOrganizationType,
} from './social-organization.type.js';
import { SocialOrganizationChangeEntity } from './social-organization-change.entity.js';

/**
 * The reads of social organizations: one, many, a filtered page, every one of a filter (the export), the
 * history, and the live stream of registrations. Every read is scoped to the viewer's region, but for
 * `load` and `loadMany`, which read back what a write (whose scope was checked) or the announcer touched.
 */
export class SocialOrganizationQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pubSub: PubSub,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(SocialOrganizationEntity);
  }

  /** The live stream of registrations in a region and below it (the viewer's region by default). */
  subscribeRegistered(
    regionCode: string | null | undefined,
    viewer: Viewer,
  ): AsyncIterable<SocialOrganization> {
    viewer.require('read:records');
    const topicId = scopeTopicId(viewer.scope(regionCode));
    return this.pubSub.subscribe(
      SOCIAL_ORGANIZATION_REGISTERED,
      topicId,
    ) as AsyncIterable<SocialOrganization>;
  }

  /** The organization registered under a USCC, in any region: a registration's uniqueness check. */
  findRegistered(uscc: string): Promise<SocialOrganizationEntity | null> {
    return this.repository.findOne({ where: { uscc } });
  }

  async findById(id: string, viewer: Viewer): Promise<SocialOrganization | null> {
    viewer.require('read:records');
    const entity = await this.repository.findOne({ where: { id } });
    if (!entity || !isVisible(entity, viewer)) return null;
    return toSocialOrganization(entity);
  }

  async findByUscc(uscc: string, viewer: Viewer): Promise<SocialOrganization | null> {
    viewer.require('read:records');
    const entity = await this.repository.findOne({ where: { uscc: uscc.trim().toUpperCase() } });
    if (!entity || !isVisible(entity, viewer)) return null;
    return toSocialOrganization(entity);
  }

  /** Loads many by id in one query (entity references from the gateway), in the order asked. */
  async findManyById(ids: readonly string[], viewer: Viewer): Promise<Array<SocialOrganization | null>> {
    viewer.require('read:records');
    const rows = ids.length === 0 ? [] : await this.repository.find({ where: { id: In([...ids]) } });
    return inOrderAsked(ids, rows, viewer).map((row) => (row ? toSocialOrganization(row) : null));
  }

  /**
   * Every filter but `nameContains` maps to a column that leads an index of the migration (with the
   * region and the cursor after it); all are scoped to the viewer. `nameContains` (a substring, which no
   * B-tree serves) only narrows the rows the other conditions select.
   */
  async list(
    filter: SocialOrganizationFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<SocialOrganization>> {
    viewer.require('read:records');
    const query = this.filtered(filter, viewer);
    // the count before the page's own conditions are added to the builder (they change it in place)
    const counting = query.clone();
    const rows = await query
      .andWhere('o.seq > :after', { after: page.afterSeq })
      .orderBy('o.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, () => counting.getCount(), toSocialOrganization);
  }

  /** Every organization of a filter in list order, in chunks (for the CSV export). */
  async *listAll(
    filter: SocialOrganizationFilter | null | undefined,
    viewer: Viewer,
    chunk = 2000,
  ): AsyncIterable<SocialOrganization[]> {
    viewer.require('read:records');
    let after = '0';
    for (;;) {
      const rows = await this.filtered(filter, viewer)
        .andWhere('o.seq > :after', { after })
        .orderBy('o.seq', 'ASC')
        .limit(chunk)
        .getMany();
      if (rows.length === 0) return;
      yield rows.map(toSocialOrganization);
      after = rows.at(-1)!.seq;
    }
  }

  private filtered(filter: SocialOrganizationFilter | null | undefined, viewer: Viewer) {
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('o').where('1 = 1');
    if (scope) query.andWhere('o.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    if (filter?.type) query.andWhere('o.type = :type', { type: filter.type });
    if (filter?.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter?.charterClause) query.andWhere('o.charter_clause = :clause', { clause: filter.charterClause });
    if (filter?.eligible != null)
      query.andWhere('o.eligible = :eligible', { eligible: filter.eligible ? 1 : 0 });
    if (filter?.covered != null)
      query.andWhere(filter.covered ? 'o.coverage_mode IS NOT NULL' : 'o.coverage_mode IS NULL');
    if (filter?.standalone != null)
      query.andWhere(
        filter.standalone
          ? "o.coverage_mode = 'STANDALONE'"
          : "(o.coverage_mode IS NULL OR o.coverage_mode <> 'STANDALONE')",
      );
    if (filter?.coverageMode) query.andWhere('o.coverage_mode = :mode', { mode: filter.coverageMode });
    if (filter?.registeredFrom) {
      const from = anyDate('filter.registeredFrom', filter.registeredFrom);
      query.andWhere('o.registered_at >= :from', { from });
    }
    if (filter?.registeredTo) {
      const to = anyDate('filter.registeredTo', filter.registeredTo);
      notBefore('filter.registeredTo', to, 'filter.registeredFrom', filter.registeredFrom);
      query.andWhere('o.registered_at <= :to', { to });
    }
    if (filter?.nameContains?.trim()) {
      const words = filter.nameContains.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
      query.andWhere('o.name LIKE :name', { name: `%${words}%` });
    }
    return query;
  }

  async history(id: string): Promise<SocialOrganizationChange[]> {
    const rows = await this.dataSource
      .getRepository(SocialOrganizationChangeEntity)
      .find({ where: { socialOrganizationId: id }, order: { seq: 'ASC' } });
    return rows.map((row) =>
      Object.assign(new SocialOrganizationChange(), {
        kind: row.kind as SocialOrganizationChangeKind,
        effectiveOn: row.effectiveOn,
        details: row.details,
        recordedAt: row.recordedAt.toISOString(),
      }),
    );
  }

  /** Loads an organization after a write (the writer's own view: scoping was checked before). */
  async load(id: string): Promise<SocialOrganization> {
    const entity = await this.repository.findOneOrFail({ where: { id } });
    return toSocialOrganization(entity);
  }

  async loadMany(ids: string[]): Promise<SocialOrganization[]> {
    if (ids.length === 0) return [];
    return (await this.repository.find({ where: { id: In(ids) } })).map(toSocialOrganization);
  }
}

export function toSocialOrganization(entity: SocialOrganizationEntity): SocialOrganization {
  return Object.assign(new SocialOrganization(), {
    id: entity.id,
    uscc: entity.uscc,
    name: entity.name,
    type: entity.type as SocialOrganizationType,
    regionCode: entity.regionCode,
    registeredAt: entity.registeredAt,
    registrationAuthority: entity.registrationAuthority,
    supervisingUnit: entity.supervisingUnit,
    staffCount: entity.staffCount,
    status: entity.status as OrganizationStatus,
    statusChangedAt: entity.statusChangedAt,
    category: entity.category,
    registrationLevel: entity.registrationLevel as RegistrationLevel,
    charterClause: entity.charterClause as CharterClause,
    charterChangedAt: entity.charterChangedAt,
    eligible: Number(entity.eligible) === 1,
    reportedFullMemberCount: entity.fullMemberCount,
    fullMemberCountReportedAt: entity.fullMemberCountReportedAt?.toISOString() ?? null,
    version: entity.version,
    partyOrganizationId: entity.partyOrganizationId,
    coverageMode: entity.coverageMode,
    coveredSince: entity.coveredSince,
  });
}
