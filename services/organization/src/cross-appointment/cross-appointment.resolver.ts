import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { PartyOrganization } from '../party-organization/party-organization.type.js';
import { AppointCrossPostInput, CrossAppointment } from './cross-appointment.type.js';

@Resolver(() => CrossAppointment)
export class CrossAppointmentResolver {
  @Mutation(() => CrossAppointment, { description: '双向进入、交叉任职: records a cross appointment.' })
  appointCrossPost(
    @Arg('input', () => AppointCrossPostInput) input: AppointCrossPostInput,
    @Ctx() { crossAppointments, viewer }: OrganizationContext,
  ): Promise<CrossAppointment> {
    return crossAppointments.appoint(input, viewer);
  }

  @Mutation(() => CrossAppointment, { description: "Sets a cross appointment's last day." })
  endCrossAppointment(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => String, { description: 'YYYY-MM-DD, not before since.' }) until: string,
    @Ctx() { crossAppointments, viewer }: OrganizationContext,
  ): Promise<CrossAppointment> {
    return crossAppointments.end(id, until, viewer);
  }

  @FieldResolver(() => PartyOrganization, { nullable: true, description: 'Where the Party post is held.' })
  partyOrganization(@Root() appointment: CrossAppointment, @Ctx() { loaders }: OrganizationContext) {
    return loaders.partyOrganization.load(appointment.partyOrganizationId);
  }
}
