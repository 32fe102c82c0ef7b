// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { createLocalPubSub, type PubSub } from '@pb/platform/pubsub';
import { buildFederatedSchema } from '@pb/platform/subgraph';
import type { GraphQLSchema } from 'graphql';
import { BulkResolver } from './bulk/bulk.resolver.js';
import { CoverageAlertResolver } from './coverage/coverage-alert.resolver.js';
import { CoverageStatsResolver } from './coverage/coverage-stats.resolver.js';
import { CrossAppointmentResolver } from './cross-appointment/cross-appointment.resolver.js';
import { partyOrganizationReference } from './party-organization/party-organization.reference.js';
import {
  PartyCoveragePeriodResolver,
  PartyCoverageResolver,
  PartyOrganizationResolver,
} from './party-organization/party-organization.resolver.js';
import { regionReference } from './region/region.reference.js';
import { RegionResolver } from './region/region.resolver.js';
import { socialOrganizationReference } from './social-organization/social-organization.reference.js';
import { SocialOrganizationResolver } from './social-organization/social-organization.resolver.js';
import { EstablishmentFeedResolver, RegistrationFeedResolver } from './wall-feed/wall-feed.resolver.js';
import { WorkCoverageResolver } from './work-coverage/work-coverage.resolver.js';

/**
 * The organization subgraph's schema. It needs no database, so `pnpm schema:compose` can emit it; the
 * pubsub only carries subscriptions at run time.
 */
export function buildOrganizationSchema(pubSub: PubSub = createLocalPubSub()): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        RegionResolver,
        SocialOrganizationResolver,
        PartyOrganizationResolver,
        PartyCoverageResolver,
        PartyCoveragePeriodResolver,
        WorkCoverageResolver,
        CrossAppointmentResolver,
        CoverageStatsResolver,
        CoverageAlertResolver,
        BulkResolver,
        RegistrationFeedResolver,
        EstablishmentFeedResolver,
      ],
      validate: false,
      pubSub,
    },
    { ...regionReference, ...socialOrganizationReference, ...partyOrganizationReference },
  );
}
