import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { Region } from '../region/region.type.js';
import { SocialOrganization } from '../social-organization/social-organization.type.js';
import {
  EstablishPartyOrganizationInput,
  PartyOrganizationFilter,
  UpdatePartyOrganizationInput,
} from './party-organization.input.js';
import {
  PartyCoverage,
  PartyCoveragePeriod,
  PartyOrganization,
  PartyOrganizationConnection,
} from './party-organization.type.js';

@Resolver(() => PartyOrganization)
export class PartyOrganizationResolver {
  @Query(() => PartyOrganization, { nullable: true, description: 'null when not found in your region.' })
  partyOrganization(
    @Arg('id', () => ID) id: string,
    @Ctx() { partyOrganizationQueries, viewer }: OrganizationContext,
  ): Promise<PartyOrganization | null> {
    return partyOrganizationQueries.findById(id, viewer);
  }

  @Query(() => PartyOrganizationConnection, { description: 'Party organizations in a region and below it.' })
  partyOrganizations(
    @Arg('filter', () => PartyOrganizationFilter, { nullable: true }) filter: PartyOrganizationFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { partyOrganizationQueries, viewer }: OrganizationContext,
  ) {
    return partyOrganizationQueries.list(filter, readPage(first, after), viewer);
  }

  @Mutation(() => PartyOrganization, { description: 'Sets up a Party organization, covering organizations.' })
  establishPartyOrganization(
    @Arg('input', () => EstablishPartyOrganizationInput) input: EstablishPartyOrganizationInput,
    @Ctx() { partyOrganizations, viewer }: OrganizationContext,
  ): Promise<PartyOrganization> {
    return partyOrganizations.establish(input, viewer);
  }

  @Mutation(() => PartyOrganization, { description: 'Renames it, changes its type or committee presence.' })
  updatePartyOrganization(
    @Arg('input', () => UpdatePartyOrganizationInput) input: UpdatePartyOrganizationInput,
    @Ctx() { partyOrganizations, viewer }: OrganizationContext,
  ): Promise<PartyOrganization> {
    return partyOrganizations.update(input, viewer);
  }

  @Mutation(() => PartyOrganization, { description: 'Dissolves it; what it covered is uncovered that day.' })
  dissolvePartyOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('dissolvedAt', () => String, { description: 'YYYY-MM-DD, not in the future.' }) dissolvedAt: string,
    @Ctx() { partyOrganizations, viewer }: OrganizationContext,
  ): Promise<PartyOrganization> {
    return partyOrganizations.dissolve(id, dissolvedAt, viewer);
  }

  @Mutation(() => PartyOrganization, {
    description: 'The Party organization covers an organization from a date (at most one active cover each).',
  })
  coverSocialOrganization(
    @Arg('partyOrganizationId', () => ID) partyOrganizationId: string,
    @Arg('socialOrganizationId', () => ID) socialOrganizationId: string,
    @Arg('since', () => String, { description: 'YYYY-MM-DD, not in the future.' }) since: string,
    @Ctx() { partyOrganizations, viewer }: OrganizationContext,
  ): Promise<PartyOrganization> {
    return partyOrganizations.cover(partyOrganizationId, socialOrganizationId, since, viewer);
  }

  @Mutation(() => PartyOrganization, { description: "Ends an organization's active Party cover on a date." })
  uncoverSocialOrganization(
    @Arg('socialOrganizationId', () => ID) socialOrganizationId: string,
    @Arg('until', () => String, { description: 'YYYY-MM-DD, not in the future.' }) until: string,
    @Ctx() { partyOrganizations, viewer }: OrganizationContext,
  ): Promise<PartyOrganization> {
    return partyOrganizations.uncover(socialOrganizationId, until, viewer);
  }

  @FieldResolver(() => Region)
  region(@Root() party: PartyOrganization, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(party.regionCode);
  }

  @FieldResolver(() => PartyOrganization, { nullable: true })
  parent(@Root() party: PartyOrganization, @Ctx() { loaders }: OrganizationContext) {
    return party.parentId ? loaders.partyOrganization.load(party.parentId) : null;
  }

  @FieldResolver(() => [SocialOrganization], {
    description: 'The organizations it covers now (in your region).',
  })
  async coveredOrganizations(@Root() party: PartyOrganization, @Ctx() context: OrganizationContext) {
    const ids = await context.loaders.coveredIds.load(party.id);
    const organizations = await context.socialOrganizationLoader.loadMany(ids);
    return organizations.filter((o): o is SocialOrganization => o !== null && !(o instanceof Error));
  }

  @FieldResolver(() => [PartyCoveragePeriod], { description: 'Every period of cover, oldest first.' })
  coverages(@Root() party: PartyOrganization, @Ctx() { partyOrganizationQueries }: OrganizationContext) {
    return partyOrganizationQueries.coveragePeriods(party.id);
  }
}

@Resolver(() => PartyCoverage)
export class PartyCoverageResolver {
  @FieldResolver(() => PartyOrganization)
  partyOrganization(@Root() cover: PartyCoverage, @Ctx() { loaders }: OrganizationContext) {
    return loaders.partyOrganization.load(cover.partyOrganizationId);
  }
}

@Resolver(() => PartyCoveragePeriod)
export class PartyCoveragePeriodResolver {
  @FieldResolver(() => SocialOrganization, { nullable: true, description: 'null when outside your region.' })
  socialOrganization(
    @Root() period: PartyCoveragePeriod,
    @Ctx() { socialOrganizationLoader }: OrganizationContext,
  ) {
    return socialOrganizationLoader.load(period.socialOrganizationId);
  }
}
