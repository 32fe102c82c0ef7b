import { Field, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';

/**
 * Coverage figures for a region and every region below it (national when `region` is null).
 * `version` only grows: a client applies an update only when its version is newer than what it shows.
 */
@ObjectType({
  description: 'Coverage figures for a region and every region below it (national when region is null).',
})
export class CoverageStats {
  regionCode!: string | null;

  @Field(() => Region, { nullable: true })
  region?: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, { description: 'Active social organizations in scope (N).' })
  organizations!: number;
}
