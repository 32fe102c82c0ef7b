import { branchAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { WorkAlertKind } from './work-alert.type.js';

/** Members a branch normally has at most (split above). */
export const BRANCH_MAX_MEMBERS = 50;
/**
 * A branch's size, the one measure everywhere (domain.md, structure): its full and probationary members.
 * Applicants, activists and candidates are not yet members. This alert is the only one on branch size;
 * organization, which knows only full-member counts, raises none.
 */
export const IN_BRANCH_SIZE = "m.stage IN ('FULL', 'PROBATIONARY')";

/** A branch over 50 full and probationary members (split). */
export const branchSize: WorkAlertRule = {
  kinds: [WorkAlertKind.BRANCH_TOO_LARGE],
  subject: 'BRANCH',
  async evaluate(q, { branches }) {
    if (branches.length === 0) return [];
    const rows = (await q.query(
      `SELECT m.branch_id, COUNT(*) AS n FROM party_member m
       WHERE m.branch_id IN (?) AND m.status = 'ACTIVE' AND ${IN_BRANCH_SIZE}
       GROUP BY m.branch_id HAVING COUNT(*) > ?`,
      [branches.map((b) => b.id), BRANCH_MAX_MEMBERS],
    )) as Array<{ branch_id: string; n: string }>;
    const size = new Map(rows.map((r) => [r.branch_id, Number(r.n)]));
    return branches
      .filter((b) => size.has(b.id))
      .map((b) =>
        branchAlert(
          WorkAlertKind.BRANCH_TOO_LARGE,
          b,
          '',
          `a branch has at most ${BRANCH_MAX_MEMBERS} members`,
          `${b.name} has ${size.get(b.id)} full and probationary members; split it or set up a general branch.`,
          null,
        ),
      );
  },
};
