import { Field, ID, ObjectType } from 'type-graphql';
import { ActivityMode, ActivityType } from '../activity/activity.type.js';
import { NULL_WHEN_ORGANIZATION_FAILS } from '../cross-subgraph.js';
import { Region } from '../region/region.type.js';

/**
 * An activity as a wall's feed shows it: its kind, mode and time, and the branch that held it by name.
 * No title (free text that may name people) and no attendance, so the `wall` role may follow it.
 */
@ObjectType({ description: "An activity on the wall's feed: kind, mode, time and branch name only." })
export class ActivityFeedItem {
  @Field(() => ID, { description: 'The activity.' })
  id!: string;

  @Field(() => ActivityType)
  type!: ActivityType;

  @Field(() => ActivityMode)
  mode!: ActivityMode;

  @Field(() => String, { description: 'ISO-8601 UTC.' })
  heldAt!: string;

  @Field(() => String, { description: 'The branch (党支部 …) that held it.' })
  branchName!: string;

  @Field(() => Region, {
    nullable: true,
    description: `The branch's region. ${NULL_WHEN_ORGANIZATION_FAILS}`,
  })
  region!: Region;
}
