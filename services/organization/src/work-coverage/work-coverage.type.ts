import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum WorkCoverageKind {
  INSTRUCTOR = 'INSTRUCTOR',
  LIAISON = 'LIAISON',
  UNION = 'UNION',
  YOUTH_LEAGUE = 'YOUTH_LEAGUE',
}
registerEnumType(WorkCoverageKind, {
  name: 'WorkCoverageKind',
  valuesConfig: {
    INSTRUCTOR: { description: '党建指导员' },
    LIAISON: { description: '联络员' },
    UNION: { description: '工会' },
    YOUTH_LEAGUE: { description: '共青团' },
  },
});

/** 工作覆盖: a measure carrying Party work where no Party organization is (yet). */
@ObjectType({
  description: '工作覆盖: an instructor, liaison, union or Youth League body carrying Party work.',
})
export class WorkCoverageMeasure {
  @Field(() => ID)
  id!: string;

  socialOrganizationId!: string;

  @Field(() => WorkCoverageKind)
  kind!: WorkCoverageKind;

  @Field(() => String, {
    nullable: true,
    description: 'The person (masked unless you may see personal data).',
  })
  personName!: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  since!: string;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD; null while open-ended.' })
  until!: string | null;

  @Field(() => String, { nullable: true, description: 'Last recorded contact, YYYY-MM-DD.' })
  lastContactAt!: string | null;

  @Field(() => Boolean, { description: 'Started, and until is null or not yet passed.' })
  active!: boolean;
}

@InputType()
export class AddWorkCoverageInput {
  @Field(() => ID)
  socialOrganizationId!: string;

  @Field(() => WorkCoverageKind)
  kind!: WorkCoverageKind;

  @Field(() => String, { nullable: true, description: 'Required for INSTRUCTOR and LIAISON.' })
  personName?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future.' })
  since!: string;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD, not before since.' })
  until?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from since to today.' })
  lastContactAt?: string | null;
}
