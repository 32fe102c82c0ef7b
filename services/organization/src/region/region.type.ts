import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  PREFECTURE = 'PREFECTURE',
  COUNTY = 'COUNTY',
}
registerEnumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of an administrative division: 省级, 地级, 县级.',
});

/** An administrative division (行政区划), keyed by its 6-digit GB/T 2260 code. */
@Directive('@key(fields: "code")')
@ObjectType({ description: 'An administrative division (行政区划), keyed by its 6-digit GB/T 2260 code.' })
export class Region {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;

  parentCode!: string | null;
}
