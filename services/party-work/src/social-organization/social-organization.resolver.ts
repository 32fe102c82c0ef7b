import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_PARTY_WORK_FAILS } from '../cross-subgraph.js';
import { MemberStage, PartyMemberConnection } from '../party-member/party-member.type.js';
import { SocialOrganization } from './social-organization.type.js';

/**
 * What party-work adds to the organization subgraph's SocialOrganization. Each field is nullable, so
 * that while party-work is down the gateway nulls only these and the organization's own fields answer.
 */
@Resolver(() => SocialOrganization)
export class SocialOrganizationMembersResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: `正式党员: full Party members on the rolls working there. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  fullMemberCount(@Root() organization: SocialOrganization, @Ctx() { viewer, loaders }: PartyWorkContext) {
    viewer.require('read:aggregates');
    return loaders.fullMemberCounts.load(organization.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: `预备党员: probationary members on the rolls working there. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  probationaryMemberCount(
    @Root() organization: SocialOrganization,
    @Ctx() { viewer, loaders }: PartyWorkContext,
  ) {
    viewer.require('read:aggregates');
    return loaders.probationaryMemberCounts.load(organization.id);
  }

  @FieldResolver(() => PartyMemberConnection, {
    nullable: true,
    description: `Members on the rolls working there, in your region. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  partyMembers(
    @Root() organization: SocialOrganization,
    @Arg('stage', () => MemberStage, { nullable: true }) stage: MemberStage | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { memberReads, viewer }: PartyWorkContext,
  ) {
    return memberReads.list({ socialOrganizationId: organization.id, stage }, readPage(first, after), viewer);
  }
}
