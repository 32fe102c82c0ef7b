import type { EntityManager } from 'typeorm';
import { trainingHoursOfMembers } from './training-hours.rule.js';
import { DEVELOPMENT_STAGES, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WORK_ALERT_RULES } from './work-alert.rules.js';

type Queryable = Pick<EntityManager, 'query'>;

/** Subjects re-evaluated per transaction when every subject is (the day changed, a bulk load). */
export const CHUNK = 1000;

const BRANCH_RULES = WORK_ALERT_RULES.filter((rule) => rule.subject === 'BRANCH');
const MEMBER_RULES = WORK_ALERT_RULES.filter((rule) => rule.subject === 'MEMBER');
const STAFF_RULES = WORK_ALERT_RULES.filter((rule) => rule.subject === 'STAFF');
/**
 * The member rules of deadlines on some members (development stages, 不合格 grades), walked over those
 * members only; training's rule is of every member and has a pass of its own.
 */
const DEVELOPMENT_RULES = MEMBER_RULES.filter((rule) => rule !== trainingHoursOfMembers);
export const kindsOf = (rules: WorkAlertRule[]) => rules.flatMap((rule) => rule.kinds);
/**
 * The members some member rule can raise an alert on (SQL on `m`): on the rolls, and at a development
 * stage or of the subjects a rule names (`members`), e.g. Party members graded 不合格.
 */
const MEMBER_SUBJECT = `m.status = 'ACTIVE' AND (${[
  ...new Set(
    DEVELOPMENT_RULES.map(
      (rule) => rule.members ?? `m.stage IN (${DEVELOPMENT_STAGES.map((s) => `'${s}'`).join(', ')})`,
    ),
  ),
]
  .map((where) => `(${where})`)
  .join(' OR ')})`;

/** How `reconcile` walks one kind of subject. */
interface SubjectPass {
  name: string;
  rules: WorkAlertRule[];
  /** One chunk of the subjects after `after`, in id order. */
  page(q: Queryable, after: string): Promise<string[]>;
  /** Subjects whose alerts outlived them as subjects of these rules. */
  stale(q: Queryable): Promise<string[]>;
  /** A chunk as the branches, members and staff posts `evaluate` takes. */
  subjects(chunk: string[]): { branches: string[]; members: string[]; staff: string[] };
}

export const SUBJECT_PASSES: SubjectPass[] = [
  {
    name: 'branches',
    rules: BRANCH_RULES,
    page: async (q, after) =>
      ids(
        await q.query(
          `SELECT id FROM party_organization_replica WHERE type = 'BRANCH' AND id > ? ORDER BY id LIMIT ${CHUNK}`,
          [after],
        ),
      ),
    // alerts of what is no longer a branch (its type changed, or its copy went)
    stale: async (q) =>
      ids(
        await q.query(
          `SELECT DISTINCT w.subject_id AS id FROM work_alert w
           LEFT JOIN party_organization_replica b ON b.id = w.subject_id
           WHERE w.kind IN (?) AND (b.id IS NULL OR b.type <> 'BRANCH')`,
          [kindsOf(BRANCH_RULES)],
        ),
      ),
    subjects: (chunk) => ({ branches: chunk, members: [], staff: [] }),
  },
  {
    name: 'members',
    rules: DEVELOPMENT_RULES,
    page: async (q, after) =>
      ids(
        await q.query(
          `SELECT m.id FROM party_member m WHERE m.id > ? AND ${MEMBER_SUBJECT} ORDER BY m.id LIMIT ${CHUNK}`,
          [after],
        ),
      ),
    // alerts of members no longer subjects of any member rule (off the rolls, past the stages)
    stale: async (q) =>
      ids(
        await q.query(
          `SELECT DISTINCT w.subject_id AS id FROM work_alert w LEFT JOIN party_member m ON m.id = w.subject_id
           WHERE w.kind IN (?) AND (m.id IS NULL OR NOT (${MEMBER_SUBJECT}))`,
          [kindsOf(DEVELOPMENT_RULES)],
        ),
      ),
    subjects: (chunk) => ({ branches: [], members: chunk, staff: [] }),
  },
  {
    // every member: a Party member on the rolls or a holder of a post, whatever the stage
    name: 'members in training',
    rules: [trainingHoursOfMembers],
    page: async (q, after) =>
      ids(await q.query(`SELECT id FROM party_member WHERE id > ? ORDER BY id LIMIT ${CHUNK}`, [after])),
    stale: async (q) =>
      ids(
        await q.query(
          `SELECT DISTINCT w.subject_id AS id FROM work_alert w LEFT JOIN party_member m ON m.id = w.subject_id
           WHERE w.kind IN (?) AND w.member_id IS NOT NULL AND m.id IS NULL`,
          [kindsOf([trainingHoursOfMembers])],
        ),
      ),
    subjects: (chunk) => ({ branches: [], members: chunk, staff: [] }),
  },
  {
    // posts held by no member here (a member's posts alert on the member)
    name: 'staff posts',
    rules: STAFF_RULES,
    page: async (q, after) =>
      ids(
        await q.query(
          `SELECT id FROM staff_assignment WHERE id > ? AND member_id IS NULL ORDER BY id LIMIT ${CHUNK}`,
          [after],
        ),
      ),
    stale: async (q) =>
      ids(
        await q.query(
          `SELECT DISTINCT w.subject_id AS id FROM work_alert w LEFT JOIN staff_assignment s ON s.id = w.subject_id
           WHERE w.kind IN (?) AND w.member_id IS NULL AND (s.id IS NULL OR s.member_id IS NOT NULL)`,
          [kindsOf(STAFF_RULES)],
        ),
      ),
    subjects: (chunk) => ({ branches: [], members: [], staff: chunk }),
  },
];

function ids(rows: Array<{ id: string }>): string[] {
  return rows.map((r) => r.id);
}
