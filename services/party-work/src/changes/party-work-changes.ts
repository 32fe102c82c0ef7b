import { today } from '@pb/platform/calendar';
import { ChangeCounter, changeCounterKey } from '@pb/platform/change-counter';
import { ChangeWriter } from '@pb/platform/change-writer';
import { type DomainEvent, eventStream } from '@pb/platform/events';
import type { Logger } from '@pb/platform/logger';
import type { OutboxRelay } from '@pb/platform/outbox';
import { type PubSub, scopeTopicId } from '@pb/platform/pubsub';
import { enclosingScopes } from '@pb/platform/region-scope';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { Activity } from '../activity/activity.type.js';
import { fullMemberCountEvents } from '../full-member-count/full-member-count.service.js';
import type { PartyMember } from '../party-member/party-member.type.js';
import { refreshTrainingCells } from '../statistics/training-cells/training-cells.js';
import { WRITE_TRANSACTION } from '../work-alert/work-alert.keeper.js';

/** The topic of the `partyMemberAdded` stream, per region scope. */
export const PARTY_MEMBER_ADDED = 'PARTY_MEMBER_ADDED';
/** The topic of the `activityRecorded` and `activityFeed` streams, per region scope. */
export const ACTIVITY_RECORDED = 'ACTIVITY_RECORDED';

/**
 * What one write of party-work changed. A writer gets one only from the ChangeWriter and marks in it what
 * it changed; the full-member counts it marked become events in the outbox of its transaction, and the
 * rest is announced after the commit.
 */
export class PartyWorkChanges {
  /** Organizations whose full-member counter moved: one `FullMemberCountChanged` each, of its final state. */
  readonly fullMemberCounts = new Set<string>();
  /** Regions whose member figures changed. */
  readonly memberRegions = new Set<string>();
  /**
   * Regions whose 谈心谈话覆盖率 changed by a talk. Its base is the member figures' (member_cell), so the
   * regions in `memberRegions` go out with it too.
   */
  readonly talkRegions = new Set<string>();
  /** Regions whose 民主评议 grades changed (every year's figure; a member's change moves them too). */
  readonly appraisalRegions = new Set<string>();
  /** Regions whose secretary figure changed (书记配备率, reserve talent, staff by role: any post). */
  readonly secretaryRegions = new Set<string>();
  /** The activity figures changed, by region and quarter. */
  readonly activityFigures = new Map<string, { regionCode: string; quarter: string }>();
  /** The funding figures changed, by region and year. */
  readonly fundingFigures = new Map<string, { regionCode: string; year: number }>();
  /**
   * People whose part in the training cells a write may have moved (training-cells: `memberPerson`,
   * `postPerson`): training recorded, a post begun or ended, a member joining or leaving the rolls or
   * moving. Recomputed at the write's end; not a member recorded, nor a step that keeps it on (or off)
   * the rolls, which move no cell.
   */
  readonly trainingPeople = new Set<string>();
  /** Regions all of whose people's parts may have moved (an organization moved, with its people). */
  readonly trainingRegions = new Set<string>();
  /** Regions whose training cells moved, filled at the write's end: their current figure goes out. */
  readonly trainingCellRegions = new Set<string>();
  /** The years of training records written, by region, whose figure goes out beside the current year's. */
  readonly trainingYears = new Map<string, { regionCode: string; year: number }>();
  /** Members added, for the `partyMemberAdded` stream. */
  readonly membersAdded: PartyMember[] = [];
  /** Activities recorded, for the `activityRecorded` and `activityFeed` streams. */
  readonly activitiesRecorded: Activity[] = [];

  activityFigure(regionCode: string, quarter: string): void {
    this.activityFigures.set(`${regionCode}|${quarter}`, { regionCode, quarter });
  }

  /** A training record of `person` in `year`, counted in `regionCode`. */
  trainingRecorded(person: string, regionCode: string, year: number): void {
    this.trainingPeople.add(person);
    this.trainingYears.set(`${regionCode}|${year}`, { regionCode, year });
  }

  fundingFigure(regionCode: string, year: number): void {
    this.fundingFigures.set(`${regionCode}|${year}`, { regionCode, year });
  }
}

/** Where the changes of a committed write are announced: the relay, the live streams and the figures. */
export interface ChangeOutlets {
  relay: Pick<OutboxRelay, 'wake'>;
  pubSub: PubSub;
  memberStats: { changed(regionCode: string): Promise<void> };
  secretaryStats: { changed(regionCode: string): Promise<void> };
  talkStats: { changed(regionCode: string): Promise<void> };
  activityStats: { changed(regionCode: string, quarter: string): Promise<void> };
  fundingStats: { changed(regionCode: string, year: number): Promise<void> };
  appraisalStats: { changedInEveryPeriod(regionCode: string): Promise<void> };
  trainingStats: { changed(regionCode: string, year: number): Promise<void> };
}

export type PartyWorkChangeWriter = ChangeWriter<PartyWorkChanges>;

/**
 * The one way party-work writes a change with its events (the platform's ChangeWriter): every write runs
 * READ COMMITTED, as the work alerts it re-evaluates need (see WorkAlertKeeper), and is retried on a
 * deadlock. `outlets` is asked for only after a commit, as the services that announce also write.
 */
export function createChangeWriter({
  dataSource,
  redis,
  namespace,
  logger,
  outlets,
}: {
  dataSource: DataSource;
  redis: Redis;
  namespace: string;
  logger: Logger;
  outlets: () => ChangeOutlets;
}): PartyWorkChangeWriter {
  return new ChangeWriter<PartyWorkChanges>({
    dataSource,
    stream: eventStream(namespace, 'party-work'),
    logger,
    changeCounter: new ChangeCounter(redis, changeCounterKey(namespace, 'party-work')),
    newChanges: () => new PartyWorkChanges(),
    events: async (manager: EntityManager, changes): Promise<DomainEvent[]> => {
      // the training cells move once per write, at its end, by the parts of the people it marked
      const moved = await refreshTrainingCells(manager, {
        people: changes.trainingPeople,
        regions: changes.trainingRegions,
      });
      for (const region of moved) changes.trainingCellRegions.add(region);
      return fullMemberCountEvents(manager, changes.fullMemberCounts);
    },
    announce: (changes) => announce(changes, outlets()),
    transaction: WRITE_TRANSACTION,
  });
}

async function announce(changes: PartyWorkChanges, outlets: ChangeOutlets): Promise<void> {
  // the relay publishes the counts soon, so they are on the stream when the response goes out
  if (changes.fullMemberCounts.size > 0) outlets.relay.wake();
  for (const member of changes.membersAdded)
    for (const scope of enclosingScopes(member.regionCode))
      outlets.pubSub.publish(PARTY_MEMBER_ADDED, scopeTopicId(scope), member);
  for (const activity of changes.activitiesRecorded)
    for (const scope of enclosingScopes(activity.regionCode))
      outlets.pubSub.publish(ACTIVITY_RECORDED, scopeTopicId(scope), activity);
  for (const region of changes.memberRegions) await outlets.memberStats.changed(region);
  for (const region of changes.secretaryRegions) await outlets.secretaryStats.changed(region);
  for (const region of new Set([...changes.memberRegions, ...changes.talkRegions]))
    await outlets.talkStats.changed(region);
  // a member joining, leaving or moving changes the appraisal figures' base (members now) of every year
  for (const region of new Set([...changes.appraisalRegions, ...changes.memberRegions]))
    await outlets.appraisalStats.changedInEveryPeriod(region);
  for (const { regionCode, quarter } of changes.activityFigures.values())
    await outlets.activityStats.changed(regionCode, quarter);
  for (const { regionCode, year } of changes.fundingFigures.values())
    await outlets.fundingStats.changed(regionCode, year);
  // a member's or a post's change moves the current year's figure (members on the rolls are its base); a
  // record, its own year's too
  const thisYear = Number(today().slice(0, 4));
  for (const region of new Set([...changes.memberRegions, ...changes.trainingCellRegions]))
    await outlets.trainingStats.changed(region, thisYear);
  for (const { regionCode, year } of changes.trainingYears.values())
    if (year !== thisYear) await outlets.trainingStats.changed(regionCode, year);
}
