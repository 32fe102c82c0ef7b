import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { RecordAppraisalInput, RecordTalkInput, RecordTrainingInput } from './member-life.input.js';
import { Appraisal, Talk, TrainingRecord } from './member-life.type.js';

@Resolver()
export class MemberLifeResolver {
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
