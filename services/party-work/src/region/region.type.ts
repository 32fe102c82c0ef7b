import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organization subgraph's Region, referenced by code; its fields come from there. */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType()
export class Region {
  @Field(() => ID)
  code!: string;
}

export function regionReference(code: string | null): Region | null {
  return code ? Object.assign(new Region(), { code }) : null;
}
