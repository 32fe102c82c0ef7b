import { notFound, readPage } from '@pb/platform';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Activity, ActivityConnection, ComplianceReport } from '../activity/activity.type.js';
import type { PartyWorkContext } from '../context.js';
import { NULL_WHEN_PARTY_WORK_FAILS } from '../cross-subgraph.js';
import { PartyMemberConnection } from '../party-member/party-member.type.js';
import { StaffAssignment, StaffRole } from '../staff/staff.type.js';
import { PartyOrganization } from './party-organization.type.js';

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
    return context.partyMembers.list({ branchId: organization.id }, readPage(first, after), context.viewer);
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
    return context.activities.list(
      { branchId: organization.id, from, to },
      readPage(first, after),
      context.viewer,
    );
  }

  @FieldResolver(() => Activity, {
    nullable: true,
    description: `Its most recently held activity (latest version), if any: how long a branch has been quiet. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async lastActivity(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    return context.lastActivities.load(organization.id);
  }

  @FieldResolver(() => ComplianceReport, {
    nullable: true,
    description: `三会一课 of a quarter (e.g. 2026Q4) against the floors. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  compliance(
    @Root() organization: PartyOrganization,
    @Arg('quarter', () => String) quarter: string,
    @Ctx() { activities, viewer }: PartyWorkContext,
  ) {
    return activities.compliance(organization.id, quarter, viewer);
  }

  @FieldResolver(() => StaffAssignment, {
    nullable: true,
    description: `The current secretary (书记), if any. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async secretary(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    const staff = await context.currentStaff.load(organization.id);
    return staff.find((s) => s.role === StaffRole.SECRETARY) ?? null;
  }

  @FieldResolver(() => [StaffAssignment], {
    nullable: true,
    description: `Everyone currently holding a post or Party-affairs job here. ${NULL_WHEN_PARTY_WORK_FAILS}`,
  })
  async staff(@Root() organization: PartyOrganization, @Ctx() context: PartyWorkContext) {
    context.viewer.require('read:records');
    await requireVisible(organization, context);
    return context.currentStaff.load(organization.id);
  }
}

/** Refuses a Party organization outside the viewer's region (unknown ones have nothing here to show). */
async function requireVisible(
  organization: PartyOrganization,
  { partyOrganizations, viewer }: PartyWorkContext,
) {
  const replica = await partyOrganizations.load(organization.id);
  if (!replica) throw notFound(`No Party organization ${organization.id} is known to party-work yet.`);
  viewer.requireWithin(replica.regionCode);
}

export const partyOrganizationReferenceResolver = {
  PartyOrganization: {
    async __resolveReference(reference: { id: string }, { partyOrganizations }: PartyWorkContext) {
      const replica = await partyOrganizations.load(reference.id);
      return Object.assign(new PartyOrganization(), {
        id: reference.id,
        regionCode: replica?.regionCode ?? null,
        hasCommittee: replica?.hasCommittee ?? false,
      });
    },
  },
};
