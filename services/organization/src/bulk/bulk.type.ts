import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'A CSV or XLSX file of organizations, as uploaded by an operator.' })
export class ImportFileInput {
  @Field(() => String, { description: 'The file name; its extension (.csv or .xlsx) says how to read it.' })
  fileName!: string;

  @Field(() => String, { description: 'The file content, base64 (at most about 3.5 MB).' })
  contentBase64!: string;
}

@ObjectType({ description: 'A row of an imported file that was not imported, and why.' })
export class ImportProblem {
  @Field(() => Int, { description: 'Line in the file, counting the header as 1.' })
  line!: number;

  @Field(() => String, { nullable: true, description: 'The column at fault, if one is.' })
  field?: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({
  description: 'What an import did: every row is imported, unchanged or rejected with a reason.',
})
export class ImportReport {
  @Field(() => Int, { description: 'Data rows read.' })
  total!: number;

  @Field(() => Int, { description: 'Rows that created or changed an organization.' })
  imported!: number;

  @Field(() => Int, { description: 'Rows whose organization was already there as given.' })
  unchanged!: number;

  @Field(() => [ImportProblem])
  rejected!: ImportProblem[];
}
