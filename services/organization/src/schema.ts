import { buildFederatedSchema, createLocalPubSub, type PubSub } from '@pb/platform';
import type { GraphQLSchema } from 'graphql';
import { CoverageStatsResolver } from './coverage/coverage-stats.resolver.js';
import { RegionResolver, regionReference } from './region/region.resolver.js';
import {
  SocialOrganizationResolver,
  socialOrganizationReference,
} from './social-organization/social-organization.resolver.js';

/**
 * The organization subgraph's schema. It needs no database, so `pnpm schema:compose` can emit it; the
 * pubsub only carries subscriptions at run time.
 */
export function buildOrganizationSchema(pubSub: PubSub = createLocalPubSub()): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [RegionResolver, SocialOrganizationResolver, CoverageStatsResolver],
      validate: false,
      pubSub,
    },
    { ...regionReference, ...socialOrganizationReference },
  );
}
