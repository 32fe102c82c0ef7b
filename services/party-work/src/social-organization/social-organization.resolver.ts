import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { SocialOrganization } from './social-organization.type.js';

/** What party-work adds to the organization subgraph's SocialOrganization. */
@Resolver(() => SocialOrganization)
export class SocialOrganizationMembersResolver {
  @FieldResolver(() => Int, { description: '正式党员: full Party members working there.' })
  fullMemberCount(
    @Root() organization: SocialOrganization,
    @Ctx() { viewer, fullMemberCounts }: PartyWorkContext,
  ) {
    viewer.require('read:aggregates');
    return fullMemberCounts.load(organization.id);
  }
}

export const socialOrganizationReference = {
  SocialOrganization: {
    __resolveReference(reference: { id: string }): SocialOrganization {
      return Object.assign(new SocialOrganization(), { id: reference.id });
    },
  },
};
