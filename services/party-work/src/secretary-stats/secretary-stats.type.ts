import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.type.js';
import { StaffRole } from '../staff/staff.type.js';

@ObjectType({ description: 'The people holding one post or Party-affairs job today, in a scope.' })
export class StaffRoleCount {
  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => Int, {
    description:
      'People with an assignment of this role begun and not ended today, in Party organizations established and not dissolved; one person (the member when recorded, else the name) counts once per Party organization.',
  })
  people!: number;
}

/**
 * 书记配备率: the Party organizations of a region and every region below it (national when `region` is null)
 * and how many have a secretary today, with the people in post by role (kept per region cell as of the
 * kept day, see statistics/secretary-cells/). `version` only grows: apply an update only when it is newer.
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
    description:
      'Branches with a secretary today. A branch without one raises NO_SECRETARY once the vacancy is older than the grace period (SECRETARY_GRACE_DAYS, 90).',
  })
  branchesWithSecretary!: number;

  @Field(() => Int, {
    description:
      '后备人才: people with a RESERVE_TALENT assignment begun and not ended today, in the Party organizations counted here (once per Party organization); equals staffByRole’s RESERVE_TALENT.',
  })
  reserveTalent!: number;

  @Field(() => Int, { description: 'Of the branches, those with at least one reserve talent today.' })
  branchesWithReserveTalent!: number;

  @Field(() => [StaffRoleCount], {
    description: 'People in post today by role, every role in StaffRole order (zeros included).',
  })
  staffByRole!: StaffRoleCount[];
}
