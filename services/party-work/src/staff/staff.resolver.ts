import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';
import { AssignStaffInput, EndStaffAssignmentInput } from './staff.input.js';
import { StaffAssignment } from './staff.type.js';

@Resolver()
export class StaffResolver {
  @Mutation(() => StaffAssignment, {
    description: 'Appoints a secretary, deputy, committee member, Party-affairs worker or reserve talent.',
  })
  assignStaff(
    @Arg('input', () => AssignStaffInput) input: AssignStaffInput,
    @Ctx() { staff, viewer }: PartyWorkContext,
  ) {
    return staff.assign(input, viewer);
  }

  @Mutation(() => StaffAssignment, { description: 'Ends an assignment on a date.' })
  endStaffAssignment(
    @Arg('input', () => EndStaffAssignmentInput) input: EndStaffAssignmentInput,
    @Ctx() { staff, viewer }: PartyWorkContext,
  ) {
    return staff.end(input, viewer);
  }
}
