import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';

/**
 * 书记配备率: the Party organizations of a region and every region below it (national when `region` is null)
 * and how many have a secretary today. `version` only grows: apply an update only when it is newer.
 */
@ObjectType({
  description:
    '书记配备率 (secretary rate) for a region and every region below it (national when region is null).',
})
export class SecretaryStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, {
    description: 'Party organizations (党委, 党总支, 党支部) established by today and not dissolved.',
  })
  partyOrganizations!: number;

  @Field(() => Int, {
    description: 'Of those, the ones with a secretary (书记) today: an assignment begun and not ended.',
  })
  withSecretary!: number;

  @Field(() => Float, {
    description: '书记配备率: withSecretary ÷ partyOrganizations (0 when there are none).',
  })
  secretaryRate!: number;

  @Field(() => Int, { description: 'Of the Party organizations, the branches (党支部).' })
  branches!: number;

  @Field(() => Int, {
    description: 'Branches with a secretary today; branches − this is the count of NO_SECRETARY work alerts.',
  })
  branchesWithSecretary!: number;
}
