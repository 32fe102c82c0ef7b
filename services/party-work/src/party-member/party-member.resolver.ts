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
import type { PartyWorkContext } from '../context.js';
import { SocialOrganization } from '../social-organization/social-organization.type.js';
import { AddPartyMemberInput, PartyMemberFilter } from './party-member.input.js';
import { PartyMember, PartyMemberConnection } from './party-member.type.js';

@Resolver(() => PartyMember)
export class PartyMemberResolver {
  @Query(() => PartyMember, {
    nullable: true,
    description: 'One member; null when not found in your region.',
  })
  partyMember(
    @Arg('id', () => ID) id: string,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ): Promise<PartyMember | null> {
    return partyMembers.findById(id, viewer);
  }

  @Query(() => PartyMemberConnection, { description: 'Members in a region and every region below it.' })
  partyMembers(
    @Arg('filter', () => PartyMemberFilter, { nullable: true }) filter: PartyMemberFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.list(filter, readPage(first, after), viewer);
  }

  @Mutation(() => PartyMember, {
    description: 'Records a member at a social organization (operators, in their region).',
  })
  addPartyMember(
    @Arg('input', () => AddPartyMemberInput) input: AddPartyMemberInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ): Promise<PartyMember> {
    return partyMembers.add(input, viewer);
  }

  @Subscription(() => PartyMember, {
    description: 'Each member recorded in the region or below it (your own region when null).',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { regionCode?: string | null }, PartyWorkContext>) =>
      context.partyMembers.subscribeAdded(args.regionCode, context.viewer),
  })
  partyMemberAdded(
    @Root() member: PartyMember,
    @Arg('regionCode', () => ID, { nullable: true }) _regionCode: string | null,
  ): PartyMember {
    return member;
  }

  @FieldResolver(() => SocialOrganization)
  socialOrganization(@Root() member: PartyMember): SocialOrganization {
    return Object.assign(new SocialOrganization(), { id: member.socialOrganizationId });
  }
}
