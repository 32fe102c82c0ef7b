import { readPage } from '@pb/platform/pagination';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import {
  RecordAppraisalFollowUpInput,
  RecordAppraisalInput,
  RecordTalkInput,
  RecordTrainingInput,
  TalkFilter,
} from './member-life.input.js';
import { Appraisal, AppraisalFollowUp, Talk, TalkConnection, TrainingRecord } from './member-life.type.js';

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

  @Mutation(() => Appraisal, {
    description:
      '民主评议: what the branch decided of a 不合格 grade (限期改正 with its correctBy, 劝其退党, 除名); once per grade. Returns the grade with its followUp.',
  })
  recordAppraisalFollowUp(
    @Arg('input', () => RecordAppraisalFollowUpInput) input: RecordAppraisalFollowUpInput,
    @Ctx() { memberLife, viewer }: PartyWorkContext,
  ) {
    return memberLife.recordFollowUp(input, viewer);
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

@Resolver(() => Appraisal)
export class AppraisalResolver {
  @FieldResolver(() => AppraisalFollowUp, {
    nullable: true,
    description:
      'What the branch decided of a 不合格 grade; null when nothing is recorded. Roles that read records, in their region.',
  })
  followUp(@Root() appraisal: Appraisal, @Ctx() { viewer }: PartyWorkContext): AppraisalFollowUp | null {
    viewer.require('read:records');
    viewer.requireWithin(appraisal.regionCode);
    return appraisal.followUp;
  }
}
