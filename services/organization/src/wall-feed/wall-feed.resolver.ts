import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { Region } from '../region/region.type.js';
import type { SocialOrganization } from '../social-organization/social-organization.type.js';
import { EstablishmentFeedItem, RegistrationFeedItem, toRegistrationItem } from './wall-feed.type.js';

@Resolver(() => RegistrationFeedItem)
export class RegistrationFeedResolver {
  @Query(() => [RegistrationFeedItem], {
    description:
      'The latest registrations in the region and below it (yours when null), newest recorded first.',
  })
  recentRegistrations(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 50; 10 when null.' }) first:
      | number
      | null,
    @Ctx() { wallFeed, viewer }: OrganizationContext,
  ): Promise<RegistrationFeedItem[]> {
    return wallFeed.recentRegistrations(regionCode, first, viewer);
  }

  @RegionSubscription(
    () => RegistrationFeedItem,
    'Each registration in the region and below it as it commits; the wall may follow it.',
    (context: OrganizationContext, args: RegionArgs) =>
      context.wallFeed.subscribeRegistrations(args.regionCode, context.viewer),
  )
  registrationFeed(
    @Root() organization: SocialOrganization,
    @Args() _args: RegionArgs,
  ): RegistrationFeedItem {
    // the registrations topic carries the whole record; a wall receives only its public part
    return toRegistrationItem(organization);
  }

  @FieldResolver(() => Region)
  region(@Root() item: RegistrationFeedItem, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(item.regionCode);
  }
}

@Resolver(() => EstablishmentFeedItem)
export class EstablishmentFeedResolver {
  @Query(() => [EstablishmentFeedItem], {
    description:
      'The latest active Party organizations in the region and below it (yours when null), newest recorded first.',
  })
  recentEstablishments(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most 50; 10 when null.' }) first:
      | number
      | null,
    @Ctx() { wallFeed, viewer }: OrganizationContext,
  ): Promise<EstablishmentFeedItem[]> {
    return wallFeed.recentEstablishments(regionCode, first, viewer);
  }

  @RegionSubscription(
    () => EstablishmentFeedItem,
    'Each Party organization established in the region and below it, as it commits.',
    (context: OrganizationContext, args: RegionArgs) =>
      context.wallFeed.subscribeEstablishments(args.regionCode, context.viewer),
  )
  establishmentFeed(@Root() item: EstablishmentFeedItem, @Args() _args: RegionArgs): EstablishmentFeedItem {
    return item;
  }

  @FieldResolver(() => Region)
  region(@Root() item: EstablishmentFeedItem, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(item.regionCode);
  }
}
