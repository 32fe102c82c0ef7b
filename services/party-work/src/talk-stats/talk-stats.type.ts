import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';

/**
 * 谈心谈话覆盖率 of a year for a region and every region below it (national when `region` is null): of the
 * Party members on the rolls now, how many took part in a talk held in that year. `version` only grows:
 * apply an update only when it is newer.
 */
@ObjectType({
  description:
    '谈心谈话覆盖率 (talk coverage) of a year for a region and every region below it (national when region is null).',
})
export class TalkStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, { description: 'The calendar year (China time) whose talks are counted.' })
  year!: number;

  @Field(() => Int, {
    description: 'Party members (正式 and 预备) on the rolls now: everyone owed a talk once a year.',
  })
  members!: number;

  @Field(() => Int, {
    description: 'Of those members, the ones who took part in at least one talk (谈心谈话) held in the year.',
  })
  talkedWith!: number;

  @Field(() => Float, {
    description:
      '谈心谈话覆盖率: talkedWith ÷ members (0 when there are none). Counts people talked with, never talks per person.',
  })
  talkCoverageRate!: number;
}
