import { readPage } from '@pb/platform/pagination';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { auditedRequest } from './audited-request.js';
import { PersonalDataReadFilter } from './personal-data-read.input.js';
import { PersonalDataRead, PersonalDataReadConnection } from './personal-data-read.type.js';

@Resolver(() => PersonalDataRead)
export class PersonalDataReadResolver {
  @Query(() => PersonalDataReadConnection, {
    description:
      "The audit log of personal data, newest first: who read which member's ID number or phone, when, and through which request, within your region (auditor and admin). Each call is itself recorded in the log.",
  })
  personalDataReads(
    @Arg('filter', () => PersonalDataReadFilter, { nullable: true }) filter: PersonalDataReadFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' }) first:
      | number
      | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PartyWorkContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return context.personalDataReads.list(
      filter,
      readPage(first, after),
      context.viewer,
      auditedRequest(context, info),
    );
  }
}
