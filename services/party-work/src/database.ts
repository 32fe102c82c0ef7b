import { type DataSourceSettings, subgraphDatabaseSettings } from '@pb/platform/database';
import type { PartyWorkConfig } from './config.js';
import { Initial1764201600000 } from './migrations/1764201600000-initial.js';
import { PartyWorkDomain1764288000000 } from './migrations/1764288000000-party-work-domain.js';
import { ActivityAggregates1764374400000 } from './migrations/1764374400000-activity-aggregates.js';
import { Outbox1764460800000 } from './migrations/1764460800000-outbox.js';
import { MemberAggregates1764547200000 } from './migrations/1764547200000-member-aggregates.js';
import { FundingStatsIndex1764633600000 } from './migrations/1764633600000-funding-stats-index.js';
import { ActivityWeeks1764806400000 } from './migrations/1764806400000-activity-weeks.js';
import { KeptWorkAlerts1764892800000 } from './migrations/1764892800000-kept-work-alerts.js';
import { KeptCells1765000000000 } from './migrations/1765000000000-kept-cells.js';
import { AuditTrail1765100000000 } from './migrations/1765100000000-audit-trail.js';
import { PersonalDataKeyCheck1765200000000 } from './migrations/1765200000000-personal-data-key-check.js';
import { MemberWorkRole1765300000000 } from './migrations/1765300000000-member-work-role.js';
import { ActivityPurpose1765400000000 } from './migrations/1765400000000-activity-purpose.js';
import { TalkCoverage1765500000000 } from './migrations/1765500000000-talk-coverage.js';
import { AppraisalFollowUp1765600000000 } from './migrations/1765600000000-appraisal-follow-up.js';
import { TrainingAttainment1765700000000 } from './migrations/1765700000000-training-attainment.js';
import { CommitteeElection1765800000000 } from './migrations/1765800000000-committee-election.js';
import { SecretaryCells1765800000001 } from './migrations/1765800000001-secretary-cells.js';
import { TrainingPeople1766000000000 } from './migrations/1766000000000-training-people.js';
import { OrganizationReplicaEntity } from './organization-replica/organization-replica.entity.js';
import { PartyOrganizationReplicaEntity } from './organization-replica/party-organization-replica.entity.js';
import { PartyMemberEntity } from './party-member/party-member.entity.js';

/** Every table read through an entity, and the migrations that create every table, in order. */
export const entities = [OrganizationReplicaEntity, PartyOrganizationReplicaEntity, PartyMemberEntity];
export const migrations = [
  Initial1764201600000,
  PartyWorkDomain1764288000000,
  ActivityAggregates1764374400000,
  Outbox1764460800000,
  MemberAggregates1764547200000,
  FundingStatsIndex1764633600000,
  ActivityWeeks1764806400000,
  KeptWorkAlerts1764892800000,
  KeptCells1765000000000,
  AuditTrail1765100000000,
  PersonalDataKeyCheck1765200000000,
  MemberWorkRole1765300000000,
  ActivityPurpose1765400000000,
  TalkCoverage1765500000000,
  AppraisalFollowUp1765600000000,
  TrainingAttainment1765700000000,
  CommitteeElection1765800000000,
  SecretaryCells1765800000001,
  TrainingPeople1766000000000,
];

/**
 * How this subgraph opens its database (as MYSQL_URL's account, MYSQL_OWNER_URL's owning it). The service
 * only appends to the audit log of personal-data reads and to the key's check value: with an owner, it may
 * not update, delete or truncate them, whatever a bug or an injected statement tries.
 */
export function databaseSettings(
  config: PartyWorkConfig,
  connectAs?: DataSourceSettings['connectAs'],
): DataSourceSettings {
  const tableAccess = { personal_data_read: 'append-only', personal_data_key_check: 'append-only' } as const;
  return subgraphDatabaseSettings(config, { entities, migrations, tableAccess }, connectAs);
}
