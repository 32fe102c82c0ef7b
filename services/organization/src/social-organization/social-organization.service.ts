import { randomUUID } from 'node:crypto';
import {
  badInput,
  type Connection,
  conflict,
  type DomainEvent,
  enclosingScopes,
  isWithinRegion,
  type Logger,
  type Page,
  type PubSub,
  publishDomainEvent,
  regionLikePattern,
  scopeTopicId,
  toConnection,
  usccProblem,
  type Viewer,
} from '@pb/platform';
import type { Redis } from 'ioredis';
import { type DataSource, In } from 'typeorm';
import type { CoverageStatsService } from '../coverage/coverage-stats.service.js';
import type { RegionService } from '../region/region.service.js';
import { SocialOrganizationEntity } from './social-organization.entity.js';
import type {
  RegisterSocialOrganizationInput,
  SocialOrganizationFilter,
} from './social-organization.input.js';
import {
  OrganizationStatus,
  SocialOrganization,
  type SocialOrganizationType,
} from './social-organization.type.js';

/** Pubsub topic of `socialOrganizationRegistered`; the topic id is the region scope. */
export const SOCIAL_ORGANIZATION_REGISTERED = 'SOCIAL_ORGANIZATION_REGISTERED';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Registration and lookup of social organizations; every read is scoped to the viewer's region. */
export class SocialOrganizationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly regions: RegionService,
    private readonly coverageStats: CoverageStatsService,
    private readonly pubSub: PubSub,
    private readonly redis: Redis,
    private readonly eventStream: string,
    private readonly logger: Logger,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(SocialOrganizationEntity);
  }

  async register(input: RegisterSocialOrganizationInput, viewer: Viewer): Promise<SocialOrganization> {
    viewer.require('write:records');
    const uscc = input.uscc.trim().toUpperCase();
    const problem = usccProblem(uscc);
    if (problem)
      throw badInput('input.uscc', `input.uscc: ${problem.message}.`, {
        rule: `USCC_${problem.problem.toUpperCase()}`,
      });
    const name = input.name.trim();
    if (name.length < 2 || name.length > 200) {
      throw badInput('input.name', 'input.name must be 2 to 200 characters.');
    }
    const region = this.regions.get(input.regionCode, 'input.regionCode');
    viewer.requireWithin(region.code);
    if (!DATE.test(input.registeredAt) || Number.isNaN(Date.parse(`${input.registeredAt}T00:00:00Z`))) {
      throw badInput(
        'input.registeredAt',
        `input.registeredAt must be a date YYYY-MM-DD, got "${input.registeredAt}".`,
      );
    }
    if (input.registeredAt > new Date().toISOString().slice(0, 10)) {
      throw badInput('input.registeredAt', 'input.registeredAt cannot be in the future.');
    }
    if (!Number.isInteger(input.staffCount) || input.staffCount < 0) {
      throw badInput('input.staffCount', 'input.staffCount must be a whole number, 0 or more.');
    }
    const existing = await this.repository.findOne({ where: { uscc } });
    if (existing) {
      throw conflict(`USCC ${uscc} is already registered to "${existing.name}" (id ${existing.id}).`, {
        existingId: existing.id,
      });
    }

    const entity = this.repository.create({
      id: randomUUID(),
      uscc,
      name,
      type: input.type,
      regionCode: region.code,
      registeredAt: input.registeredAt,
      registrationAuthority: input.registrationAuthority.trim(),
      supervisingUnit: input.supervisingUnit?.trim() || null,
      staffCount: input.staffCount,
      status: OrganizationStatus.ACTIVE,
    });
    try {
      await this.repository.insert(entity);
    } catch (error) {
      // two registrations of one USCC racing past the check above
      if ((error as { code?: string }).code === 'ER_DUP_ENTRY') {
        throw conflict(`USCC ${uscc} was registered a moment ago by another request.`);
      }
      throw error;
    }
    const organization = toSocialOrganization(entity);
    await this.announce(organization);
    return organization;
  }

  /** Tells the other subgraph and the live subscribers, after the commit. */
  private async announce(organization: SocialOrganization): Promise<void> {
    const event: DomainEvent = {
      type: 'SocialOrganizationChanged',
      aggregateId: organization.id,
      version: 1,
      occurredAt: new Date().toISOString(),
      data: {
        id: organization.id,
        name: organization.name,
        regionCode: organization.regionCode,
        status: organization.status,
      },
    };
    try {
      await publishDomainEvent(this.redis, this.eventStream, event);
    } catch (error) {
      this.logger.error(
        { err: error, organizationId: organization.id },
        'could not publish the registration event',
      );
    }
    for (const scope of enclosingScopes(organization.regionCode)) {
      this.pubSub.publish(SOCIAL_ORGANIZATION_REGISTERED, scopeTopicId(scope), organization);
    }
    await this.coverageStats.changed(organization.regionCode);
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
    const rows = await this.repository.find({ where: { id: In([...ids]) } });
    const byId = new Map(rows.filter((r) => isVisible(r, viewer)).map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      return row ? toSocialOrganization(row) : null;
    });
  }

  async list(
    filter: SocialOrganizationFilter | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<SocialOrganization>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const query = this.repository.createQueryBuilder('o');
    if (scope) query.where('o.region_code LIKE :prefix', { prefix: regionLikePattern(scope) });
    const totalCount = await query.clone().getCount();
    const rows = await query
      .andWhere('o.seq > :after', { after: page.afterSeq })
      .orderBy('o.seq', 'ASC')
      .limit(page.limit + 1)
      .getMany();
    return toConnection(rows, page, totalCount, toSocialOrganization);
  }
}

function isVisible(entity: SocialOrganizationEntity, viewer: Viewer): boolean {
  return isWithinRegion(entity.regionCode, viewer.regionCode);
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
  });
}
