import { Field, Int, ObjectType } from 'type-graphql';
import { MemberStage } from '../party-member/party-member.type.js';
import { Region } from '../region/region.type.js';

@ObjectType()
export class MemberStageCount {
  @Field(() => MemberStage)
  stage!: MemberStage;

  @Field(() => Int)
  count!: number;
}

/**
 * Member figures for a region and every region below it (national when `region` is null), counting
 * members on the rolls (status ACTIVE). `version` only grows: apply an update only when it is newer.
 */
@ObjectType({
  description: 'Member figures for a region and every region below it (national when region is null).',
})
export class MemberStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int, { description: '正式党员.' })
  fullMembers!: number;

  @Field(() => Int, { description: '预备党员.' })
  probationaryMembers!: number;

  @Field(() => [MemberStageCount], { description: 'Every stage, in development order.' })
  byStage!: MemberStageCount[];

  @Field(() => Int, { description: 'The year the next two figures count (calendar year, China time).' })
  year!: number;

  @Field(() => Int, {
    description: '发展党员: admitted as probationary members this year (by the date of the branch vote).',
  })
  developedThisYear!: number;

  @Field(() => Int, { description: '按期转正: probationary members converted to full members this year.' })
  convertedThisYear!: number;

  @Field(() => Int, {
    description:
      "Party members (正式 and 预备) on the rolls marked 业务骨干, a backbone of their organization's business.",
  })
  businessBackbone!: number;

  @Field(() => Int, {
    description:
      "Party members (正式 and 预备) on the rolls marked 管理层, in their organization's management.",
  })
  management!: number;
}
