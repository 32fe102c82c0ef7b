import { readQuarter } from '@pb/platform/calendar';
import { notFound } from '@pb/platform/errors';
import { readPage, toConnection } from '@pb/platform/pagination';
import { isWithinRegion } from '@pb/platform/region-scope';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Activity, ActivityConnection, ComplianceReport } from '../activity/activity.type.js';
import { CommitteeTerm } from '../committee/committee.type.js';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_PARTY_WORK_FAILS } from '../cross-subgraph.js';
import { type PartyMember, PartyMemberConnection } from '../party-member/party-member.type.js';
import { StaffAssignment, StaffRole } from '../staff/staff.type.js';
import { PartyOrganization } from './party-organization.type.js';
import { perRequest } from './per-request.js';

/**
 * What party-work adds to the organization subgraph's PartyOrganization. Each field is nullable, so
 * that while party-work is down the gateway nulls only these and the organization's own fields answer.
 */
@Resolver(() => PartyOrganization)
export class PartyOrganizationResolver {
  @FieldResolver(() => PartyMemberConnection, {
    nullable: true,
    description: `Members on the rolls of this branch. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async members(
    @Root() organization: PartyOrganization,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PartyWorkContext,
  ) {
    await requireVisible(organization, context);
    const page = readPage(first, after);
    const roll = await perRequest(context, 'members', page, (ids) =>
      context.memberStats.branchRolls(ids, page, context.viewer),
    ).load(organization.id);
    const members = await context.loaders.members.loadMany(roll.members.map((m) => m.id));
    const byId = new Map(roll.members.map((m, i) => [m.id, members[i]]));
    return toConnection(roll.members, page, roll.totalCount, (m) => byId.get(m.id) as PartyMember);
  }

  @FieldResolver(() => ActivityConnection, {
    nullable: true,
    description: `Its activities (latest versions), held from/to (YYYY-MM-DD). ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async activities(
    @Root() organization: PartyOrganization,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PartyWorkContext,
  ) {
    await requireVisible(organization, context);
    const page = readPage(first, after);
    return perRequest(context, 'activities', { from, to, page }, (ids) =>
      context.activityReads.listByBranches(ids, { from, to }, page, context.viewer),
    ).load(organization.id);
  }

  @FieldResolver(() => Activity, {
    nullable: true,
    description: `Its most recently held activity (latest version), if any: how long a branch has been quiet. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async lastActivity(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    return context.loaders.lastActivities.load(organization.id);
  }

  @FieldResolver(() => ComplianceReport, {
    nullable: true,
    description: `三会一课 of a quarter (e.g. 2026Q4) against the floors. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async compliance(
    @Root() organization: PartyOrganization,
    @Arg('quarter', () => String) quarter: string,
    @Ctx() context: PartyWorkContext,
  ) {
    context.viewer.require('read:aggregates');
    const chosen = readQuarter(quarter);
    await requireVisible(organization, context);
    return perRequest(context, 'compliance', chosen, async (ids) => {
      // already loaded by requireVisible: no query
      const replicas = await context.loaders.partyOrganizations.loadMany(ids);
      return context.compliance.complianceOf(
        ids.map((id, i) => ({
          id,
          hasCommittee: Boolean((replicas[i] as { hasCommittee?: boolean } | null)?.hasCommittee),
        })),
        chosen,
      );
    }).load(organization.id);
  }

  @FieldResolver(() => StaffAssignment, {
    nullable: true,
    description: `The current secretary (书记), if any. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async secretary(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    const staff = await context.loaders.currentStaff.load(organization.id);
    return staff.find((s) => s.role === StaffRole.SECRETARY) ?? null;
  }

  @FieldResolver(() => [StaffAssignment], {
    nullable: true,
    description: `Everyone currently holding a post or Party-affairs job here. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async staff(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    return context.loaders.currentStaff.load(organization.id);
  }

  @FieldResolver(() => [CommitteeTerm], {
    nullable: true,
    description: `换届: its committee's elections, newest first, each with its term and the day it ends. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async committeeTerms(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    return context.loaders.committeeTerms.load(organization.id);
  }
}

/**
 * Refuses a Party organization outside the viewer's region exactly as one that does not exist, so that
 * asking about any id (an `_entities` lookup) tells nothing of where it is.
 */
async function requireVisible(organization: PartyOrganization, { loaders, viewer }: PartyWorkContext) {
  const replica = await loaders.partyOrganizations.load(organization.id);
  if (!replica || !isWithinRegion(replica.regionCode, viewer.regionCode)) {
    throw notFound(`No Party organization ${organization.id} in your region is known to party-work.`);
  }
}
