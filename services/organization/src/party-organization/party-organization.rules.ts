import { badInput, conflict } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import type { EntityManager } from 'typeorm';
import { STRUCTURE_LIMITS } from '../coverage/coverage.rules.js';
import { notBefore } from '../dates.js';
import type { SocialOrganizationEntity } from '../social-organization/social-organization.entity.js';
import { ELIGIBILITY_THRESHOLD } from '../social-organization/social-organization.rules.js';
import type { PartyOrganizationEntity } from './party-organization.entity.js';
import {
  FormationMode,
  PartyOrganizationType,
  STANDALONE_NEEDS_THREE_FULL_MEMBERS,
} from './party-organization.type.js';

/** Units one joint branch may cover: domain.md's limit, refused above it. */
export const JOINT_BRANCH_MAX_UNITS = STRUCTURE_LIMITS.jointBranchUnits;

/**
 * Party organizations and what they cover over time.
 *
 * Hard rules (refused with a stable code, the field and the rule in the message):
 * - one organization is covered by at most one active Party organization (CONFLICT, `ONE_ACTIVE_COVER`;
 *   also a unique key of the database);
 * - a STANDALONE (单独组建) Party organization covers exactly its own organization, so at most one
 *   (`STANDALONE_COVERS_ONE`), and only one with at least 3 full members as party-work last reported
 *   (`STANDALONE_NEEDS_3_FULL_MEMBERS`; fewer join a joint branch); a standalone branch whose organization
 *   dropped below 3 after it was set up raises the STANDALONE_BELOW_THRESHOLD alert instead;
 * - it covers only active organizations in its own region or below (`COVER_OUTSIDE_REGION`);
 * - a parent is an active committee or general branch whose region contains the child's (`PARENT_TYPE`,
 *   `PARENT_REGION`, `PARENT_DISSOLVED`); a Party organization with active children is not dissolved
 *   (`HAS_ACTIVE_CHILDREN`);
 * - dates in order: established ≥ the parent's; a cover from ≥ the establishment and the registration;
 *   until ≥ since; dissolved ≥ established and ≥ every active cover's start; none in the future; a
 *   dissolved Party organization changes no more (`ALREADY_DISSOLVED`).
 *
 * - a joint branch (联合党支部) covers at most JOINT_BRANCH_MAX_UNITS units (`JOINT_BRANCH_LIMIT`); one over
 *   the limit from before (an import of older records) still raises its STRUCTURE alert.
 *
 * Advice of domain.md, raised as STRUCTURE alerts and never refused (see CoverageAlertService and coverage.rules.ts): ≥ 7 full
 * members without a committee; a branch over 50 members; ≥ 50 members not a
 * general branch (or committee); ≥ 100 members not a committee. Upgrading needs the higher organization's
 * approval, which happens outside this system, so the type a user records is accepted.
 */

/** A parent is an active committee or general branch whose region contains the child's, established first. */
export function checkParent(
  parent: PartyOrganizationEntity,
  regionCode: string,
  establishedAt: string,
): void {
  if (parent.dissolvedAt) {
    throw conflict(`input.parentId: "${parent.name}" was dissolved on ${parent.dissolvedAt}.`, {
      rule: 'PARENT_DISSOLVED',
    });
  }
  if (parent.type === PartyOrganizationType.BRANCH) {
    throw badInput(
      'input.parentId',
      `input.parentId: "${parent.name}" is a branch; only a committee or general branch has Party organizations under it.`,
      { rule: 'PARENT_TYPE' },
    );
  }
  if (!isWithinRegion(regionCode, parent.regionCode)) {
    throw badInput(
      'input.parentId',
      `input.parentId: "${parent.name}" is in region ${parent.regionCode}, which does not contain ${regionCode}.`,
      { rule: 'PARENT_REGION' },
    );
  }
  notBefore('input.establishedAt', establishedAt, "the parent's establishment", parent.establishedAt);
}

/** A branch has no Party organization under it: changing one with active children into a branch is refused. */
export async function checkBranchHasNoChildren(
  manager: EntityManager,
  party: PartyOrganizationEntity,
): Promise<void> {
  const child = await activeChild(manager, party.id);
  if (child) {
    throw badInput(
      'input.type',
      `input.type: a branch has no Party organizations under it, and "${child.name}" is.`,
      {
        rule: 'PARENT_TYPE',
      },
    );
  }
}

/** A Party organization with active children is not dissolved. */
export async function checkNoActiveChildren(
  manager: EntityManager,
  party: PartyOrganizationEntity,
): Promise<void> {
  const child = await activeChild(manager, party.id);
  if (child) {
    throw conflict(
      `id: "${party.name}" still has the active Party organization "${child.name}" under it; dissolve or move it first.`,
      {
        rule: 'HAS_ACTIVE_CHILDREN',
      },
    );
  }
}

/**
 * Whether `party` may cover `organization` (both locked) from `since`: the rules of a cover, refused with
 * `field` and the rule named.
 */
export async function checkCover(
  manager: EntityManager,
  party: PartyOrganizationEntity,
  organization: SocialOrganizationEntity,
  since: string,
  field: string,
): Promise<void> {
  if (organization.partyOrganizationId) {
    const [current] = await manager.query('SELECT name FROM party_organization WHERE id = ?', [
      organization.partyOrganizationId,
    ]);
    throw conflict(
      `${field}: "${organization.name}" is already covered by "${current?.name}" since ${organization.coveredSince}; one organization has at most one active Party organization — uncover it first.`,
      { rule: 'ONE_ACTIVE_COVER', partyOrganizationId: organization.partyOrganizationId },
    );
  }
  if (!isWithinRegion(organization.regionCode, party.regionCode)) {
    throw badInput(
      field,
      `${field}: "${organization.name}" (region ${organization.regionCode}) lies outside the Party organization's region ${party.regionCode}.`,
      { rule: 'COVER_OUTSIDE_REGION' },
    );
  }
  if (party.formationMode === FormationMode.JOINT) {
    const n = await activeCovers(manager, party.id);
    if (n >= JOINT_BRANCH_MAX_UNITS) {
      throw badInput(
        field,
        `${field}: "${party.name}" is a joint branch (联合党支部) already covering ${n} units, the most one may cover (${JOINT_BRANCH_MAX_UNITS}); set up another joint branch for "${organization.name}".`,
        { rule: 'JOINT_BRANCH_LIMIT' },
      );
    }
  }
  if (party.formationMode === FormationMode.STANDALONE) {
    const n = await activeCovers(manager, party.id);
    if (n > 0) {
      throw badInput(
        field,
        `${field}: "${party.name}" is STANDALONE (单独组建) and already covers its own organization; use a joint branch for several.`,
        { rule: 'STANDALONE_COVERS_ONE' },
      );
    }
    if (organization.fullMemberCount < ELIGIBILITY_THRESHOLD) {
      throw badInput(
        field,
        `${field}: "${organization.name}" has ${organization.fullMemberCount} full members (正式党员), and a STANDALONE (单独组建) branch needs at least ${ELIGIBILITY_THRESHOLD} (rule ${STANDALONE_NEEDS_THREE_FULL_MEMBERS}); a unit with fewer joins a joint branch (联合党支部): set one up with formationMode JOINT, or cover it by an existing one.`,
        { rule: STANDALONE_NEEDS_THREE_FULL_MEMBERS },
      );
    }
  }
  notBefore('since', since, "the Party organization's establishment", party.establishedAt);
  notBefore('since', since, "the organization's registration", organization.registeredAt);
}

/** How many organizations a Party organization covers now. */
async function activeCovers(manager: EntityManager, partyOrganizationId: string): Promise<number> {
  const [{ n }] = await manager.query(
    'SELECT COUNT(*) AS n FROM party_coverage WHERE party_organization_id = ? AND until IS NULL',
    [partyOrganizationId],
  );
  return Number(n);
}

/** One active Party organization under it, if any. */
async function activeChild(
  manager: EntityManager,
  partyOrganizationId: string,
): Promise<{ name: string } | undefined> {
  const [child] = (await manager.query(
    'SELECT name FROM party_organization WHERE parent_id = ? AND dissolved_at IS NULL LIMIT 1',
    [partyOrganizationId],
  )) as Array<{ name: string }>;
  return child;
}
