import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { AddWorkCoverageInput, WorkCoverageMeasure } from './work-coverage.type.js';

@Resolver(() => WorkCoverageMeasure)
export class WorkCoverageResolver {
  @Mutation(() => WorkCoverageMeasure, {
    description: 'Sends an instructor or liaison, or records a union or Youth League body.',
  })
  addWorkCoverage(
    @Arg('input', () => AddWorkCoverageInput) input: AddWorkCoverageInput,
    @Ctx() { workCoverage, viewer }: OrganizationContext,
  ): Promise<WorkCoverageMeasure> {
    return workCoverage.add(input, viewer);
  }

  @Mutation(() => WorkCoverageMeasure, { description: "Sets a measure's last day." })
  endWorkCoverage(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => String, { description: 'YYYY-MM-DD, not before since.' }) until: string,
    @Ctx() { workCoverage, viewer }: OrganizationContext,
  ): Promise<WorkCoverageMeasure> {
    return workCoverage.end(id, until, viewer);
  }

  @Mutation(() => WorkCoverageMeasure, { description: 'Records a contact with the instructor or liaison.' })
  recordWorkCoverageContact(
    @Arg('id', () => ID) id: string,
    @Arg('contactedAt', () => String, { description: 'YYYY-MM-DD, not in the future.' }) contactedAt: string,
    @Ctx() { workCoverage, viewer }: OrganizationContext,
  ): Promise<WorkCoverageMeasure> {
    return workCoverage.recordContact(id, contactedAt, viewer);
  }
}
