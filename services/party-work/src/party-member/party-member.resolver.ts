import { readPage } from '@pb/platform/pagination';
import { RegionArgs, RegionSubscription } from '@pb/platform/region-subscription';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_ORGANIZATION_FAILS } from '../cross-subgraph.js';
import { Appraisal, Talk, TrainingRecord } from '../member-life/member-life.type.js';
import {
  PartyOrganization,
  partyOrganizationReference,
} from '../party-organization/party-organization.type.js';
import { auditedRequest } from '../personal-data/audited-request.js';
import { SocialOrganization } from '../social-organization/social-organization.type.js';
import {
  AddPartyMemberInput,
  AdvancePartyMemberInput,
  EndMembershipInput,
  ExtendProbationInput,
  PartyMemberFilter,
  SetMemberWorkRoleInput,
  TransferPartyMemberInput,
} from './party-member.input.js';
import { PartyMember, PartyMemberConnection, StageChange } from './party-member.type.js';

@Resolver(() => PartyMember)
export class PartyMemberResolver {
  @Query(() => PartyMember, {
    nullable: true,
    description: 'One member; null when not found in your region.',
  })
  partyMember(
    @Arg('id', () => ID) id: string,
    @Ctx() { memberReads, viewer }: PartyWorkContext,
  ): Promise<PartyMember | null> {
    return memberReads.findById(id, viewer);
  }

  @Query(() => PartyMemberConnection, {
    description: 'Members on the rolls in a region and every region below it.',
  })
  partyMembers(
    @Arg('filter', () => PartyMemberFilter, { nullable: true }) filter: PartyMemberFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' }) first:
      | number
      | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { memberReads, viewer }: PartyWorkContext,
  ) {
    return memberReads.list(filter, readPage(first, after), viewer);
  }

  @Mutation(() => PartyMember, {
    description: 'Records a member at a social organization (operators, in their region).',
  })
  addPartyMember(
    @Arg('input', () => AddPartyMemberInput) input: AddPartyMemberInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.add(input, viewer);
  }

  @Mutation(() => PartyMember, {
    description: 'One step of development, checked against the rules; refused naming the rule.',
  })
  advancePartyMember(
    @Arg('input', () => AdvancePartyMemberInput) input: AdvancePartyMemberInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.advance(input, viewer);
  }

  @Mutation(() => PartyMember, { description: '延长预备期: once, 6 to 12 months.' })
  extendProbation(
    @Arg('input', () => ExtendProbationInput) input: ExtendProbationInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.extendProbation(input, viewer);
  }

  @Mutation(() => PartyMember, { description: 'Cancellation, transfer out of the system, or death.' })
  endPartyMembership(
    @Arg('input', () => EndMembershipInput) input: EndMembershipInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.end(input, viewer);
  }

  @Mutation(() => PartyMember, {
    description: "Marks (or, with null, clears) a member's part in the organization's own work.",
  })
  setMemberWorkRole(
    @Arg('input', () => SetMemberWorkRoleInput) input: SetMemberWorkRoleInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.setWorkRole(input, viewer);
  }

  @Mutation(() => PartyMember, {
    description: 'Transfers a member to another organization and branch (转出 and 转入).',
  })
  transferPartyMember(
    @Arg('input', () => TransferPartyMemberInput) input: TransferPartyMemberInput,
    @Ctx() { partyMembers, viewer }: PartyWorkContext,
  ) {
    return partyMembers.transfer(input, viewer);
  }

  @RegionSubscription(
    () => PartyMember,
    'Each member recorded in the region or below it (your own region when null).',
    (context: PartyWorkContext, args: RegionArgs) =>
      context.memberReads.subscribeAdded(args.regionCode, context.viewer),
  )
  partyMemberAdded(@Root() member: PartyMember, @Args() _args: RegionArgs): PartyMember {
    return member;
  }

  @FieldResolver(() => SocialOrganization, {
    nullable: true,
    description: `Where the member works. ${NULL_WHEN_ORGANIZATION_FAILS}`,
  })
  socialOrganization(@Root() member: PartyMember): SocialOrganization {
    return Object.assign(new SocialOrganization(), { id: member.socialOrganizationId });
  }

  @FieldResolver(() => PartyOrganization, {
    nullable: true,
    description: `The Party branch the member belongs to. ${NULL_WHEN_ORGANIZATION_FAILS}`,
  })
  branch(@Root() member: PartyMember): PartyOrganization | null {
    return member.branchId ? partyOrganizationReference(member.branchId) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      '居民身份证号, masked (110***********1234) unless your role may read personal data; raw reads are audited.',
  })
  idNumber(@Root() member: PartyMember, @Ctx() context: PartyWorkContext, @Info() info: GraphQLResolveInfo) {
    return context.personalData.reveal(member, 'idNumber', context.viewer, auditedRequest(context, info));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Mobile number, masked (138****5678) unless your role may read personal data; raw reads are audited.',
  })
  phone(@Root() member: PartyMember, @Ctx() context: PartyWorkContext, @Info() info: GraphQLResolveInfo) {
    return context.personalData.reveal(member, 'phone', context.viewer, auditedRequest(context, info));
  }

  @FieldResolver(() => [StageChange], { description: 'Every dated change, oldest first.' })
  history(@Root() member: PartyMember, @Ctx() { loaders }: PartyWorkContext) {
    return loaders.histories.load(member.id);
  }

  @FieldResolver(() => [Appraisal], { description: '民主评议 grades by year.' })
  appraisals(@Root() member: PartyMember, @Ctx() { loaders }: PartyWorkContext) {
    return loaders.appraisals.load(member.id);
  }

  @FieldResolver(() => [TrainingRecord])
  trainings(@Root() member: PartyMember, @Ctx() { loaders }: PartyWorkContext) {
    return loaders.trainings.load(member.id);
  }

  @FieldResolver(() => [Talk], { description: '谈心谈话 the member took part in, newest held first.' })
  talks(@Root() member: PartyMember, @Ctx() { loaders }: PartyWorkContext) {
    return loaders.talks.load(member.id);
  }
}
