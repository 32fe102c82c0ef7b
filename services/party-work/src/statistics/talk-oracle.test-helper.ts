import { regionLikePattern } from '@pb/platform/region-scope';
import { rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

/**
 * 谈心谈话覆盖率 of a year from the raw rows: the Party members on the rolls (stage and status from each
 * member's last history entry, region from the organization replica) and those of them in a talk held in
 * the year (by the talk's own date).
 */
export async function oracleTalkStats(db: SqlRunner, scope: string | null, year: number) {
  const members = await rows<{ kind: string; stage: string; talked: string | number }>(
    db,
    `SELECT s.kind, s.to_stage AS stage,
            EXISTS (SELECT 1 FROM talk_participant p JOIN talk t ON t.id = p.talk_id
                    WHERE p.member_id = s.member_id AND YEAR(t.held_on) = ?) AS talked
     FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id JOIN organization_replica o ON o.id = m.social_organization_id
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  const party = members.filter(
    (r) =>
      !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind) &&
      (r.stage === 'FULL' || r.stage === 'PROBATIONARY'),
  );
  const talkedWith = party.filter((r) => Number(r.talked) === 1).length;
  return {
    year,
    members: party.length,
    talkedWith,
    talkCoverageRate: party.length ? talkedWith / party.length : 0,
  };
}
