import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { PartyOrganization } from '../party-organization/party-organization.type.js';
import { Region } from '../region/region.type.js';
import { SocialOrganization } from '../social-organization/social-organization.type.js';
import {
  CoverageAlert,
  CoverageAlertConnection,
  CoverageAlertCount,
  CoverageAlertKind,
} from './coverage-alert.type.js';

@Resolver(() => CoverageAlert)
export class CoverageAlertResolver {
  @Query(() => CoverageAlertConnection, {
    description: 'Alerts in a region and below it (your region when null), by kind, in a stable order.',
  })
  coverageAlerts(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('kinds', () => [CoverageAlertKind], { nullable: true }) kinds: CoverageAlertKind[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { coverageAlerts, viewer }: OrganizationContext,
  ) {
    return coverageAlerts.list(regionCode, kinds, readPage(first, after), viewer);
  }

  @Query(() => [CoverageAlertCount], {
    description:
      'How many coverage alerts of each kind (every kind, zeros included) a region and all below it have.',
  })
  coverageAlertCounts(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Ctx() { coverageAlerts, viewer }: OrganizationContext,
  ) {
    return coverageAlerts.counts(regionCode, viewer);
  }

  @FieldResolver(() => Region)
  region(@Root() alert: CoverageAlert, @Ctx() { regions }: OrganizationContext): Region {
    return regions.get(alert.regionCode);
  }

  @FieldResolver(() => SocialOrganization, { nullable: true })
  socialOrganization(@Root() alert: CoverageAlert, @Ctx() { socialOrganizationLoader }: OrganizationContext) {
    return alert.socialOrganizationId ? socialOrganizationLoader.load(alert.socialOrganizationId) : null;
  }

  @FieldResolver(() => PartyOrganization, { nullable: true })
  partyOrganization(@Root() alert: CoverageAlert, @Ctx() { loaders }: OrganizationContext) {
    return alert.partyOrganizationId
      ? loaders.partyOrganizationReference.load(alert.partyOrganizationId)
      : null;
  }
}
