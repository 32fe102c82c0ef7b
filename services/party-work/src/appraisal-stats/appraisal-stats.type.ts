import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { Region } from '../region/region.type.js';

@ObjectType({ description: 'How many Party members on the rolls hold one 民主评议 grade of the year.' })
export class AppraisalGradeCount {
  @Field(() => AppraisalGrade)
  grade!: AppraisalGrade;

  @Field(() => Int)
  members!: number;
}

/**
 * 民主评议党员 of a year, counted: the Party members on the rolls now in a region and every region below
 * it (national when `region` is null), and how many of them hold a grade of the year, by grade.
 * `version` only grows: apply an update only when it is newer.
 */
@ObjectType({
  description:
    '民主评议党员 of a year for a region and every region below it (national when region is null): Party members on the rolls now, and their grades of the year.',
})
export class AppraisalStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, {
    description: 'Party members (full and probationary) on the rolls now, in the region now.',
  })
  members!: number;

  @Field(() => Int, {
    description: 'Of those, the ones with a grade of the year (one grade per member and year).',
  })
  appraised!: number;

  @Field(() => Float, { description: 'appraised ÷ members (0 when there are no members).' })
  appraisalRate!: number;

  @Field(() => [AppraisalGradeCount], {
    description: 'The grades of those members, every grade in the order of the enum (0 included).',
  })
  byGrade!: AppraisalGradeCount[];
}
