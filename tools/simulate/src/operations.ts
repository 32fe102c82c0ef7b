import type { GraphQLOutcome } from '@pb/platform/graphql-client';
import { recordActivity } from './activity-operations.js';
import { electCommittee, staffPost } from './cadre-operations.js';
import { recordFunding } from './funding-operations.js';
import { appraise, recordTalk, recordTraining } from './member-life-operations.js';
import { advanceMember, applyToJoin, markWorkRole, transferIn } from './member-operations.js';
import { type Operation, type OperationContext, weighted } from './operation-kit.js';
import {
  addWorkCoverage,
  establishPartyOrganization,
  registerOrganization,
  writeCharterClause,
} from './organization-operations.js';

export type { Operation, OperationContext } from './operation-kit.js';

/**
 * The operations the simulator sends, each the way an operator would do it and within the domain's
 * rules (docs/domain.md), so that almost none is refused: an operation picks a record it may
 * act on from the world's pools, or says it has nothing to do (`null`) and another is drawn.
 * Weights: how often each is drawn; activities dominate, as they do in the Party-affairs staff's week.
 */

/** Every operation of the mix, with its weight. */
export const OPERATIONS: readonly Operation[] = [
  recordActivity,
  applyToJoin,
  transferIn,
  advanceMember,
  markWorkRole,
  recordTalk,
  appraise,
  registerOrganization,
  establishPartyOrganization,
  addWorkCoverage,
  writeCharterClause,
  recordFunding,
  staffPost,
  electCommittee,
  recordTraining,
];

/** Draws an operation by weight; when it has nothing to do, another, and at last an activity. */
export async function runOne(
  context: OperationContext,
  operations: readonly Operation[] = OPERATIONS,
): Promise<{ name: string; outcome: GraphQLOutcome<unknown> } | null> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const operation = weighted(
      context.random,
      operations.map((o) => [o, o.weight] as const),
    );
    const outcome = await operation.run(context);
    if (outcome) return { name: operation.name, outcome };
  }
  const outcome = await recordActivity.run(context);
  return outcome ? { name: recordActivity.name, outcome } : null;
}
