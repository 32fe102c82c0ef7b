import { ImportFileInput, ImportReport, importUpload } from '@pb/platform/bulk-graphql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { PartyWorkContext } from '../context.js';

/** Uploads of members, activities, 民主评议 grades and training (operators, in their region): the same checks as the mutations. */
@Resolver()
export class BulkResolver {
  @Mutation(() => ImportReport, {
    description:
      'Imports Party members from a CSV or XLSX file; a row already there (same ID number) is unchanged.',
  })
  importPartyMembers(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: PartyWorkContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return importUpload(file, (input) => bulk.importMembers(input, viewer));
  }

  @Mutation(() => ImportReport, {
    description:
      'Imports activities from a CSV or XLSX file; a row already there (same branch, type, time and title) is unchanged.',
  })
  importActivities(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: PartyWorkContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return importUpload(file, (input) => bulk.importActivities(input, viewer));
  }

  @Mutation(() => ImportReport, {
    description:
      '民主评议 grades from a CSV or XLSX file (身份证号, 年度, 评议等次, 评议日期); the same grade of a year already there is unchanged.',
  })
  importAppraisals(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: PartyWorkContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return importUpload(file, (input) => bulk.importAppraisals(input, viewer));
  }

  @Mutation(() => ImportReport, {
    description:
      'Imports training records (培训) from a CSV or XLSX file; a row already there (same person, title and date) is unchanged.',
  })
  importTraining(
    @Arg('file', () => ImportFileInput) file: ImportFileInput,
    @Ctx() { bulk, viewer }: PartyWorkContext,
  ): Promise<ImportReport> {
    viewer.require('write:records');
    return importUpload(file, (input) => bulk.importTraining(input, viewer));
  }
}
