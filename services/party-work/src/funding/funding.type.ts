import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Region } from '../region/region.type.js';

export enum FundingSource {
  DUES_ALLOCATION = 'DUES_ALLOCATION',
  SOCIAL_CONSTRUCTION_FUND = 'SOCIAL_CONSTRUCTION_FUND',
  REWARD_IN_LIEU = 'REWARD_IN_LIEU',
  PROJECT = 'PROJECT',
  FISCAL_SPECIAL = 'FISCAL_SPECIAL',
  SELF_RAISED = 'SELF_RAISED',
}
registerEnumType(FundingSource, {
  name: 'FundingSource',
  valuesConfig: {
    DUES_ALLOCATION: { description: '党费下拨' },
    SOCIAL_CONSTRUCTION_FUND: { description: '社会建设专项资金' },
    REWARD_IN_LIEU: { description: '以奖代补' },
    PROJECT: { description: '项目化运作' },
    FISCAL_SPECIAL: { description: '财政党建专项' },
    SELF_RAISED: { description: '自筹' },
  },
});

@ObjectType({ description: 'Money received for Party work, in fen.' })
export class FundingRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => FundingSource)
  source!: FundingSource;

  @Field(() => Int, { description: 'Integer fen (分); up to 21 474 836.47 yuan per record.' })
  amountFen!: number;

  @Field(() => String)
  receivedOn!: string;

  @Field(() => ID, { nullable: true })
  partyOrganizationId!: string | null;

  @Field(() => ID, { nullable: true })
  socialOrganizationId!: string | null;

  @Field(() => String, { nullable: true })
  project!: string | null;
}

@ObjectType()
export class FundingSourceTotal {
  @Field(() => FundingSource)
  source!: FundingSource;

  @Field(() => Int)
  records!: number;

  @Field(() => String, { description: 'Sum in fen, as a decimal string (may exceed 2^31).' })
  amountFen!: string;
}

@ObjectType()
export class FundingQuarterTotal {
  @Field(() => String)
  quarter!: string;

  @Field(() => String, { description: 'Sum in fen, as a decimal string.' })
  amountFen!: string;
}

@ObjectType({ description: 'Funding of a year for a region and all below it.' })
export class FundingStats {
  @Field(() => Region, { nullable: true })
  region!: Region | null;

  @Field(() => String, { description: 'Grows with every change; compare as an integer.' })
  version!: string;

  @Field(() => String, { description: 'When the figure was computed, ISO-8601 UTC.' })
  updatedAt!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  records!: number;

  @Field(() => String, { description: 'Sum in fen, as a decimal string.' })
  totalFen!: string;

  @Field(() => [FundingSourceTotal], { description: 'Every source, in the order of the enum.' })
  bySource!: FundingSourceTotal[];

  @Field(() => [FundingQuarterTotal], { description: 'The four quarters of the year.' })
  byQuarter!: FundingQuarterTotal[];
}
