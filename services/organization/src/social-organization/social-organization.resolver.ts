import { readPage } from '@pb/platform';
import type { SubscribeResolverData } from 'type-graphql';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { Region } from '../region/region.type.js';
import { RegisterSocialOrganizationInput, SocialOrganizationFilter } from './social-organization.input.js';
import { SocialOrganization, SocialOrganizationConnection } from './social-organization.type.js';

@Resolver(() => SocialOrganization)
export class SocialOrganizationResolver {
  @Query(() => SocialOrganization, {
    nullable: true,
    description: 'One organization by id or by USCC (give one of them); null when not found in your region.',
  })
  async socialOrganization(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('uscc', () => String, { nullable: true }) uscc: string | null,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization | null> {
    if (id) return socialOrganizations.findById(id, viewer);
    if (uscc) return socialOrganizations.findByUscc(uscc, viewer);
    return null;
  }

  @Query(() => SocialOrganizationConnection, {
    description: 'Organizations in a region and every region below it.',
  })
  socialOrganizations(
    @Arg('filter', () => SocialOrganizationFilter, { nullable: true })
    filter: SocialOrganizationFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ) {
    return socialOrganizations.list(filter, readPage(first, after), viewer);
  }

  @Mutation(() => SocialOrganization, {
    description: 'Records a newly registered organization (operators, in their region).',
  })
  registerSocialOrganization(
    @Arg('input', () => RegisterSocialOrganizationInput) input: RegisterSocialOrganizationInput,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization> {
    return socialOrganizations.register(input, viewer);
  }

  @Subscription(() => SocialOrganization, {
    description: 'Each organization registered in the region or below it (your own region when null).',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, OrganizationContext>) =>
      context.socialOrganizations.subscribeRegistered(args.regionCode, context.viewer),
  })
  socialOrganizationRegistered(
    @Root() organization: SocialOrganization,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): SocialOrganization {
    return organization;
  }

  @FieldResolver(() => Region)
  region(@Root() organization: SocialOrganization, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(organization.regionCode);
  }
}

export const socialOrganizationReference = {
  SocialOrganization: {
    __resolveReference(reference: { id: string }, context: OrganizationContext) {
      return context.socialOrganizationLoader.load(reference.id);
    },
  },
};
