import { regionLikePattern } from '@pb/platform/region-scope';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * 民主评议党员 of a year from the raw rows: the Party members on the rolls now (stage and status from each
 * member's last history entry, region from the organization replica), and the grades of the year that
 * they hold.
 */
export async function oracleAppraisalStats(db: SqlRunner, scope: string | null, year: number) {
  const members = await rows<{ stage: string; kind: string; grade: string | null }>(
    db,
    `SELECT s.to_stage AS stage, s.kind, a.grade FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id
     JOIN organization_replica o ON o.id = m.social_organization_id
     LEFT JOIN appraisal a ON a.member_id = m.id AND a.year = ?
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  const party = members.filter(
    (r) =>
      !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind) &&
      (r.stage === 'FULL' || r.stage === 'PROBATIONARY'),
  );
  const appraised = party.filter((r) => r.grade !== null).length;
  return {
    members: party.length,
    appraised,
    appraisalRate: party.length ? appraised / party.length : 0,
    byGrade: Object.values(AppraisalGrade).map((grade) => ({
      grade,
      members: party.filter((r) => r.grade === grade).length,
    })),
  };
}
