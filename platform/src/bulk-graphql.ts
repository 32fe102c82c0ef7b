// type-graphql's decorators need the polyfill before the first decorated class is defined
import 'reflect-metadata';
import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { type ImportResult, type TableInput, UnsupportedFileError } from './bulk.js';
import { badInput } from './errors.js';

/**
 * The GraphQL face of bulk import, the same in every subgraph: an operator uploads a file (base64 in a
 * mutation) and gets back the report. The report types are shareable: each subgraph returns them.
 */

/** Largest upload through GraphQL; bigger files go through the command line. */
const MAX_UPLOAD_BYTES = 3_500_000;

@InputType({ description: 'A CSV or XLSX file, as uploaded by an operator.' })
export class ImportFileInput {
  @Field(() => String, { description: 'The file name; its extension (.csv or .xlsx) says how to read it.' })
  fileName!: string;

  @Field(() => String, { description: 'The file content, base64 (at most about 3.5 MB).' })
  contentBase64!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'A row of an imported file that was not imported, and why.' })
export class ImportProblem {
  @Field(() => Int, { description: 'Line in the file, counting the header as 1.' })
  line!: number;

  @Field(() => String, { nullable: true, description: 'The column at fault, if one is.' })
  field?: string;

  @Field(() => String)
  message!: string;
}

@Directive('@shareable')
@ObjectType({
  description: 'What an import did: every row is imported, unchanged or rejected with a reason.',
})
export class ImportReport {
  @Field(() => Int, { description: 'Data rows read.' })
  total!: number;

  @Field(() => Int, { description: 'Rows that created or changed a record.' })
  imported!: number;

  @Field(() => Int, { description: 'Rows whose record was already there as given.' })
  unchanged!: number;

  @Field(() => [ImportProblem])
  rejected!: ImportProblem[];
}

/** Decodes an upload and runs an import of it; a bad upload is BAD_USER_INPUT naming the field. */
export async function importUpload(
  file: ImportFileInput,
  run: (input: TableInput) => Promise<ImportResult>,
): Promise<ImportResult> {
  const buffer = Buffer.from(file.contentBase64, 'base64');
  if (buffer.length === 0) throw badInput('file.contentBase64', 'file.contentBase64 is empty or not base64.');
  if (buffer.length > MAX_UPLOAD_BYTES) {
    throw badInput(
      'file.contentBase64',
      `file.contentBase64: the file has ${buffer.length} bytes, over ${MAX_UPLOAD_BYTES}; split it or use pnpm run import.`,
    );
  }
  try {
    return await run({ buffer, fileName: file.fileName });
  } catch (error) {
    if (error instanceof UnsupportedFileError)
      throw badInput('file.fileName', `file.fileName: ${error.message}.`);
    throw error;
  }
}
