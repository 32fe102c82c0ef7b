import type { EntityManager } from 'typeorm';
import { ACTIVE_PARTY_ORGANIZATION } from '../secretary-stats/staff-posts.sql.js';
import type { WorkAlertKind } from './work-alert.type.js';

/**
 * What every work-alert rule shares: the alert as kept, the rule's shape, the branches a branch rule is
 * given and the helpers that build an alert. Each rule lives in its own `<topic>.rule.ts`, which imports
 * this; work-alert.rules.ts lists the rules.
 */

type Queryable = Pick<EntityManager, 'query'>;

/** One alert as kept: a subject may raise several of one kind, told apart by `ruleKey` (e.g. per type). */
export interface KeptWorkAlert {
  kind: WorkAlertKind;
  subjectId: string;
  ruleKey: string;
  regionCode: string;
  branchId: string | null;
  memberId: string | null;
  rule: string;
  message: string;
  /** Since when (YYYY-MM-DD) the deadline passed, where one did. */
  dueOn: string | null;
}

/** A staff subject is a post held by no member here (a member's posts alert on the member). */
export type WorkAlertSubject = 'BRANCH' | 'MEMBER' | 'STAFF';

export interface BranchRow {
  id: string;
  name: string;
  region_code: string;
  has_committee: number;
  established_at: string;
}

export interface MemberRow {
  id: string;
  name: string;
  region_code: string;
  branch_id: string | null;
  since: string;
}

export interface WorkAlertRule {
  kinds: WorkAlertKind[];
  subject: WorkAlertSubject;
  /**
   * A member rule's subjects: the members on the rolls it can raise an alert on, as SQL on `m`
   * (party_member), which the keeper walks when the day changes; those at a development stage when absent.
   */
  members?: string;
  /**
   * A member rule's stages: it raises alerts only on members at one of these (a check its SQL makes too),
   * so a write that knows its members' stages skips its read for the others (a member recorded as 正式
   * has no applicant's, activist's or probation deadline to look up).
   */
  stages?: readonly string[];
  /**
   * The alerts of these kinds that the given subjects raise on `day`. Branch rules get the branches that
   * are active that day (an inactive one raises nothing); member rules get member ids; staff rules get
   * staff assignment ids.
   */
  evaluate(
    q: Queryable,
    subjects: { branches: BranchRow[]; memberIds: string[]; staffIds: string[] },
    day: string,
  ): Promise<KeptWorkAlert[]>;
}

/** The active branches among `ids` on `day`, with what the branch rules need. */
export async function activeBranches(q: Queryable, ids: string[], day: string): Promise<BranchRow[]> {
  if (ids.length === 0) return [];
  return (await q.query(
    `SELECT id, name, region_code, has_committee, DATE_FORMAT(established_at, '%Y-%m-%d') AS established_at
     FROM party_organization_replica b
     WHERE b.id IN (?) AND b.type = 'BRANCH' AND ${ACTIVE_PARTY_ORGANIZATION('b')}`,
    [ids, day, day],
  )) as BranchRow[];
}

export function branchAlert(
  kind: WorkAlertKind,
  b: BranchRow,
  ruleKey: string,
  rule: string,
  message: string,
  dueOn: string | null,
): KeptWorkAlert {
  return {
    kind,
    subjectId: b.id,
    ruleKey,
    regionCode: b.region_code,
    branchId: b.id,
    memberId: null,
    rule,
    message,
    dueOn,
  };
}

export function memberAlert(
  kind: WorkAlertKind,
  m: MemberRow,
  rule: string,
  message: string,
  dueOn: string | null,
): KeptWorkAlert {
  return {
    kind,
    subjectId: m.id,
    ruleKey: '',
    regionCode: m.region_code,
    branchId: m.branch_id,
    memberId: m.id,
    rule,
    message,
    dueOn,
  };
}

/** The member stages a development deadline can fall on: the only members a member rule looks at. */
export const DEVELOPMENT_STAGES = ['APPLICANT', 'ACTIVIST', 'PROBATIONARY'];
