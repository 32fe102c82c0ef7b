import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';

/**
 * 教育培训: Party members and Party-affairs staff of a region and every region below it (national when
 * `region` is null) against their yearly minimum of class hours, in one year. `version` only grows.
 */
@ObjectType({
  description:
    '教育培训达标 (training attainment) of a year for a region and every region below it (national when region is null).',
})
export class TrainingStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, { description: 'The calendar year (China time) the hours are of.' })
  year!: number;

  @Field(() => Int, { description: 'Party members (正式 and 预备) on the rolls in scope now.' })
  members!: number;

  @Field(() => Int, {
    description: 'Of those, the ones with at least 32 class hours of training in the year.',
  })
  membersMeetingMinimum!: number;

  @Field(() => Float, { description: 'membersMeetingMinimum ÷ members (0 when there are none).' })
  memberRate!: number;

  @Field(() => Int, {
    description:
      'People holding a current staff post other than reserve talent (书记, 副书记, 委员, 专职/兼职党务工作者): a member once, a post held by no member here as one person.',
  })
  staff!: number;

  @Field(() => Int, {
    description:
      "Of those, the ones with at least their posts' minimum (56 class hours) of training in the year.",
  })
  staffMeetingMinimum!: number;

  @Field(() => Float, { description: 'staffMeetingMinimum ÷ staff (0 when there are none).' })
  staffRate!: number;

  @Field(() => Int, { description: 'Class hours of training recorded in the year, of people in scope.' })
  hours!: number;
}
