import { badInput, UnsupportedFileError } from '@pb/platform';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { SocialOrganizationFilter } from '../social-organization/social-organization.input.js';
import { ImportFileInput, ImportReport } from './bulk.type.js';

@Resolver()
export class BulkResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports organizations from a CSV or XLSX file (operators, in their region); idempotent on USCC.',
  })
  async importSocialOrganizations(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: OrganizationContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    const buffer = Buffer.from(file.contentBase64, 'base64');
    if (buffer.length === 0)
      throw badInput('file.contentBase64', 'file.contentBase64 is empty or not base64.');
    try {
      return await bulk.importOrganizations({ buffer, fileName: file.fileName }, viewer);
    } catch (error) {
      if (error instanceof UnsupportedFileError)
        throw badInput('file.fileName', `file.fileName: ${error.message}.`);
      throw error;
    }
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
