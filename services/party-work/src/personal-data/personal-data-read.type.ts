import { connectionTypes } from '@pb/platform/pagination';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a read of the audit log was about: one of a member's personal fields, or the log itself. */
export enum PersonalDataReadField {
  ID_NUMBER = 'idNumber',
  PHONE = 'phone',
  AUDIT_LOG = 'audit-log',
}
registerEnumType(PersonalDataReadField, {
  name: 'PersonalDataReadField',
  description: 'Which personal data a recorded read revealed.',
  valuesConfig: {
    ID_NUMBER: { description: "A member's 居民身份证号, raw." },
    PHONE: { description: "A member's mobile number, raw." },
    AUDIT_LOG: { description: 'The audit log itself (personalDataReads); `filter` says what was asked.' },
  },
});

@ObjectType({
  description:
    'One recorded read of personal data: who read which field of whose record, when, and through which request. The value read is never here.',
})
export class PersonalDataRead {
  @Field(() => ID, { description: 'The entry, in the order entries were written.' })
  id!: string;

  @Field(() => String, { description: 'When it was read, ISO-8601 UTC.' })
  readAt!: string;

  @Field(() => String, { description: "The reader: the token's subject." })
  readerSubject!: string;

  @Field(() => [String], { description: 'The roles the reader held at the read.' })
  readerRoles!: string[];

  @Field(() => PersonalDataReadField)
  field!: PersonalDataReadField;

  @Field(() => ID, { nullable: true, description: 'Whose data was read; null for a read of the log.' })
  memberId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The member's region at the read; for a read of the log the region it was limited to (null: national).",
  })
  regionCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The GraphQL operation it was read through, when it had a name.',
  })
  operationName!: string | null;

  @Field(() => String, {
    description: "The request id the platform gave the request; the servers' logs carry it too.",
  })
  requestId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The client's own x-request-id, when it sent a well-formed one (up to 64 of A-Z a-z 0-9 . _ : -); never trusted as the request id.",
  })
  clientRequestId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a read of the log: the filter and page it asked for, as JSON.',
  })
  filter!: string | null;
}

export const { Connection: PersonalDataReadConnection } = connectionTypes(
  PersonalDataRead,
  'PersonalDataRead',
);
