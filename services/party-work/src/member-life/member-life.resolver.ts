import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import {
  RecordAppraisalInput,
  RecordTalkInput,
  RecordTrainingInput,
  TalkFilter,
} from './member-life.input.js';
import { Appraisal, Talk, TalkConnection, TrainingRecord } from './member-life.type.js';

@Resolver()
export class MemberLifeResolver {
  @Query(() => TalkConnection, {
    description:
      '谈心谈话 in your region (or one below it), in the order recorded: who talked with whom, when, about what. Roles that read records.',
  })
  talks(
    @Arg('filter', () => TalkFilter, { nullable: true }) filter: TalkFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, default 20, at most 500.' }) first:
      | number
      | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { talkReads, viewer }: PartyWorkContext,
  ) {
    return talkReads.list(filter, readPage(first, after), viewer);
  }

  @Mutation(() => Appraisal, { description: '民主评议党员: one grade per member per year.' })
  recordAppraisal(
    @Arg('input', () => RecordAppraisalInput) input: RecordAppraisalInput,
    @Ctx() { memberLife, viewer }: PartyWorkContext,
  ) {
    return memberLife.recordAppraisal(input, viewer);
  }

  @Mutation(() => Talk, { description: '谈心谈话 with one or more members.' })
  recordTalk(
    @Arg('input', () => RecordTalkInput) input: RecordTalkInput,
    @Ctx() { memberLife, viewer }: PartyWorkContext,
  ) {
    return memberLife.recordTalk(input, viewer);
  }

  @Mutation(() => TrainingRecord, { description: 'A training course a member took, in class hours.' })
  recordTraining(
    @Arg('input', () => RecordTrainingInput) input: RecordTrainingInput,
    @Ctx() { memberLife, viewer }: PartyWorkContext,
  ) {
    return memberLife.recordTraining(input, viewer);
  }
}
