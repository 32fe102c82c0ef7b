// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { createLocalPubSub, type PubSub } from '@pb/platform/pubsub';
import { buildFederatedSchema } from '@pb/platform/subgraph';
import type { GraphQLSchema } from 'graphql';
import { activityReferenceResolver } from './activity/activity.reference.js';
import { ActivityResolver } from './activity/activity.resolver.js';
import { ActivityFeedResolver } from './activity-feed/activity-feed.resolver.js';
import { AppraisalStatsResolver } from './appraisal-stats/appraisal-stats.resolver.js';
import { BulkResolver } from './bulk/bulk.resolver.js';
import { CommitteeResolver } from './committee/committee.resolver.js';
import { FullMemberCountResolver } from './full-member-count/full-member-count.resolver.js';
import { FundingResolver } from './funding/funding.resolver.js';
import { AppraisalResolver, MemberLifeResolver } from './member-life/member-life.resolver.js';
import { MemberStatsResolver } from './member-stats/member-stats.resolver.js';
import { partyMemberReferenceResolver } from './party-member/party-member.reference.js';
import { PartyMemberResolver } from './party-member/party-member.resolver.js';
import { partyOrganizationReferenceResolver } from './party-organization/party-organization.reference.js';
import { PartyOrganizationResolver } from './party-organization/party-organization.resolver.js';
import { PersonalDataReadResolver } from './personal-data/personal-data-read.resolver.js';
import { SecretaryStatsResolver } from './secretary-stats/secretary-stats.resolver.js';
import { socialOrganizationReferenceResolver } from './social-organization/social-organization.reference.js';
import { SocialOrganizationMembersResolver } from './social-organization/social-organization.resolver.js';
import { StaffResolver } from './staff/staff.resolver.js';
import { TalkStatsResolver } from './talk-stats/talk-stats.resolver.js';
import { TrainingStatsResolver } from './training-stats/training-stats.resolver.js';
import { WorkAlertResolver } from './work-alert/work-alert.resolver.js';

/**
 * The party-work subgraph's schema. It needs no database, so `pnpm schema:compose` can emit it; the
 * pubsub only carries subscriptions at run time.
 */
export function buildPartyWorkSchema(pubSub: PubSub = createLocalPubSub()): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        PartyMemberResolver,
        SocialOrganizationMembersResolver,
        PartyOrganizationResolver,
        MemberStatsResolver,
        SecretaryStatsResolver,
        TalkStatsResolver,
        ActivityResolver,
        ActivityFeedResolver,
        MemberLifeResolver,
        AppraisalResolver,
        AppraisalStatsResolver,
        FundingResolver,
        TrainingStatsResolver,
        FullMemberCountResolver,
        StaffResolver,
        CommitteeResolver,
        WorkAlertResolver,
        BulkResolver,
        PersonalDataReadResolver,
      ],
      validate: false,
      pubSub,
    },
    // every entity this subgraph resolves by reference, each beside its type
    {
      ...socialOrganizationReferenceResolver,
      ...partyOrganizationReferenceResolver,
      ...partyMemberReferenceResolver,
      ...activityReferenceResolver,
    },
  );
}
