import { buildFederatedSchema, createLocalPubSub, type PubSub } from '@pb/platform';
import type { GraphQLSchema } from 'graphql';
import { MemberStatsResolver } from './member-stats/member-stats.resolver.js';
import { PartyMemberResolver } from './party-member/party-member.resolver.js';
import {
  SocialOrganizationMembersResolver,
  socialOrganizationReference,
} from './social-organization/social-organization.resolver.js';

/**
 * The party-work subgraph's schema. It needs no database, so `pnpm schema:compose` can emit it; the
 * pubsub only carries subscriptions at run time.
 */
export function buildPartyWorkSchema(pubSub: PubSub = createLocalPubSub()): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [PartyMemberResolver, SocialOrganizationMembersResolver, MemberStatsResolver],
      validate: false,
      pubSub,
    },
    { ...socialOrganizationReference },
  );
}
