import { Field, ID, InputType } from 'type-graphql';
import { StaffRole } from './staff.type.js';

@InputType()
export class AssignStaffInput {
  @Field(() => ID)
  partyOrganizationId!: string;

  @Field(() => StaffRole)
  role!: StaffRole;

  @Field(() => String)
  personName!: string;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => String)
  from!: string;

  @Field(() => String, { nullable: true })
  to?: string | null;
}

@InputType()
export class EndStaffAssignmentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  to!: string;
}
