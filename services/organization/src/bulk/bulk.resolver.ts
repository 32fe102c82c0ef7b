import { ImportFileInput, ImportReport, importUpload } from '@pb/platform/bulk-graphql';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { SocialOrganizationFilter } from '../social-organization/social-organization.input.js';

@Resolver()
export class BulkResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports organizations from a CSV or XLSX file (operators, in their region); idempotent on USCC.',
  })
  importSocialOrganizations(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: OrganizationContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return importUpload(file, (input) => bulk.importOrganizations(input, viewer));
  }

  @Query(() => String, {
    description: 'The organizations of a filter as CSV text (UTF-8 with BOM), in the import columns.',
  })
  exportSocialOrganizations(
    @Arg('filter', () => SocialOrganizationFilter, { nullable: true })
    filter: SocialOrganizationFilter | null,
    @Ctx() { bulk, viewer }: OrganizationContext,
  ): Promise<string> {
    return bulk.exportOrganizations(filter, viewer);
  }
}
