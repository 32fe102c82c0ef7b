import { readPage } from '@pb/platform/pagination';
import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { CrossAppointment } from '../cross-appointment/cross-appointment.type.js';
import { PartyCoverage } from '../party-organization/party-organization.type.js';
import { Region } from '../region/region.type.js';
import { WorkCoverageMeasure } from '../work-coverage/work-coverage.type.js';
import {
  RegisterSocialOrganizationInput,
  SocialOrganizationFilter,
  UpdateSocialOrganizationInput,
} from './social-organization.input.js';
import {
  CharterClause,
  OrganizationStatus,
  SocialOrganization,
  SocialOrganizationChange,
  SocialOrganizationConnection,
} from './social-organization.type.js';

@Resolver(() => SocialOrganization)
export class SocialOrganizationResolver {
  @Query(() => SocialOrganization, {
    nullable: true,
    description: 'One organization by id or by USCC (give one of them); null when not found in your region.',
  })
  async socialOrganization(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('uscc', () => String, { nullable: true }) uscc: string | null,
    @Ctx() { socialOrganizationQueries, viewer }: OrganizationContext,
  ): Promise<SocialOrganization | null> {
    if (id) return socialOrganizationQueries.findById(id, viewer);
    if (uscc) return socialOrganizationQueries.findByUscc(uscc, viewer);
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
    @Ctx() { socialOrganizationQueries, viewer }: OrganizationContext,
  ) {
    return socialOrganizationQueries.list(filter, readPage(first, after), viewer);
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

  @Mutation(() => SocialOrganization, { description: 'Changes descriptive fields, dated (kept as history).' })
  updateSocialOrganization(
    @Arg('input', () => UpdateSocialOrganizationInput) input: UpdateSocialOrganizationInput,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization> {
    return socialOrganizations.update(input, viewer);
  }

  @Mutation(() => SocialOrganization, {
    description: '注销: records a deregistration on a date; its Party cover ends that day. Once only.',
  })
  deregisterSocialOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('on', () => String, { description: 'YYYY-MM-DD, not in the future.' }) on: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization> {
    return socialOrganizations.end(id, OrganizationStatus.DEREGISTERED, on, reason, viewer);
  }

  @Mutation(() => SocialOrganization, {
    description: '撤销登记: records a revocation on a date; its Party cover ends that day. Once only.',
  })
  revokeSocialOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('on', () => String, { description: 'YYYY-MM-DD, not in the future.' }) on: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization> {
    return socialOrganizations.end(id, OrganizationStatus.REVOKED, on, reason, viewer);
  }

  @Mutation(() => SocialOrganization, { description: 'Records the charter clause from a date on.' })
  setCharterClause(
    @Arg('socialOrganizationId', () => ID) socialOrganizationId: string,
    @Arg('clause', () => CharterClause) clause: CharterClause,
    @Arg('changedOn', () => String, { description: 'YYYY-MM-DD, not in the future.' }) changedOn: string,
    @Ctx() { socialOrganizations, viewer }: OrganizationContext,
  ): Promise<SocialOrganization> {
    return socialOrganizations.setCharterClause(socialOrganizationId, clause, changedOn, viewer);
  }

  @RegionSubscription(
    () => SocialOrganization,
    'Each organization registered in the region or below it (your own region when null).',
    (context: OrganizationContext, args: RegionArgs) =>
      context.socialOrganizationQueries.subscribeRegistered(args.regionCode, context.viewer),
  )
  socialOrganizationRegistered(
    @Root() organization: SocialOrganization,
    @Args() _args: RegionArgs,
  ): SocialOrganization {
    return organization;
  }

  @FieldResolver(() => Region)
  region(@Root() organization: SocialOrganization, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(organization.regionCode);
  }

  @FieldResolver(() => PartyCoverage, {
    nullable: true,
    description: 'The active covering Party organization.',
  })
  partyCoverage(@Root() organization: SocialOrganization, @Ctx() { loaders }: OrganizationContext) {
    return organization.partyOrganizationId ? loaders.partyCoverage.load(organization.id) : null;
  }

  @FieldResolver(() => [WorkCoverageMeasure], {
    description: 'Every work-coverage measure, past and present.',
  })
  workCoverage(@Root() organization: SocialOrganization, @Ctx() { loaders }: OrganizationContext) {
    return loaders.workCoverage.load(organization.id);
  }

  @FieldResolver(() => [CrossAppointment], { description: 'Every cross appointment, past and present.' })
  crossAppointments(@Root() organization: SocialOrganization, @Ctx() { loaders }: OrganizationContext) {
    return loaders.crossAppointments.load(organization.id);
  }

  @FieldResolver(() => [SocialOrganizationChange], {
    description: 'Registration, changes and end, in order.',
  })
  history(
    @Root() organization: SocialOrganization,
    @Ctx() { socialOrganizationQueries }: OrganizationContext,
  ) {
    return socialOrganizationQueries.history(organization.id);
  }
}
