import { today } from '@pb/platform/calendar';
import { regionLikePattern } from '@pb/platform/region-scope';
import { STAGE_ORDER } from '../party-member/party-member.type.js';
import { rows } from './oracle-sql.test-helper.js';
import type { SqlRunner } from './statistics-oracle.test-helper.js';

export async function oracleMemberStats(db: SqlRunner, scope: string | null, day = today()) {
  // stage and status from the last history entry of each member; region from the organization replica
  const members = await rows<{ stage: string; kind: string; work_role: string | null }>(
    db,
    `SELECT s.to_stage AS stage, s.kind, m.work_role FROM stage_change s
     JOIN (SELECT member_id, MAX(seq) AS seq FROM stage_change GROUP BY member_id) last ON last.seq = s.seq
     JOIN party_member m ON m.id = s.member_id
     JOIN organization_replica o ON o.id = m.social_organization_id
     ${scope ? 'WHERE o.region_code LIKE ?' : ''}`,
    scope ? [regionLikePattern(scope)] : [],
  );
  const active = members.filter((r) => !['CANCELLED', 'TRANSFERRED_OUT', 'DECEASED'].includes(r.kind));
  const year = day.slice(0, 4);
  const changes = await rows<{ to_stage: string }>(
    db,
    `SELECT to_stage FROM stage_change WHERE kind = 'ADVANCED' AND LEFT(effective_on, 4) = ? ${scope ? 'AND region_code LIKE ?' : ''}`,
    scope ? [year, regionLikePattern(scope)] : [year],
  );
  return {
    fullMembers: active.filter((r) => r.stage === 'FULL').length,
    probationaryMembers: active.filter((r) => r.stage === 'PROBATIONARY').length,
    byStage: STAGE_ORDER.map((stage) => ({ stage, count: active.filter((r) => r.stage === stage).length })),
    developedThisYear: changes.filter((c) => c.to_stage === 'PROBATIONARY').length,
    convertedThisYear: changes.filter((c) => c.to_stage === 'FULL').length,
    ...membersByWorkRole(active),
  };
}

/** Party members (正式 and 预备) on the rolls by the part they are marked with, from the members' rows. */
function membersByWorkRole(active: Array<{ stage: string; work_role: string | null }>) {
  const party = active.filter((r) => r.stage === 'FULL' || r.stage === 'PROBATIONARY');
  return {
    businessBackbone: party.filter((r) => r.work_role === 'BUSINESS_BACKBONE').length,
    management: party.filter((r) => r.work_role === 'MANAGEMENT').length,
  };
}
