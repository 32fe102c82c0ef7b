import { type DataSourceSettings, subgraphDatabaseSettings } from '@pb/platform/database';
import type { OrganizationConfig } from './config.js';
import { CrossAppointmentEntity } from './cross-appointment/cross-appointment.entity.js';
import { Initial1764201600000 } from './migrations/1764201600000-initial.js';
import { CoverageDomain1764288000000 } from './migrations/1764288000000-coverage-domain.js';
import { CoverageSummary1764374400000 } from './migrations/1764374400000-coverage-summary.js';
import { Outbox1764460800000 } from './migrations/1764460800000-outbox.js';
import { PartyOrganizationSize1764547200000 } from './migrations/1764547200000-party-organization-size.js';
import { CoverageCells1764633600000 } from './migrations/1764633600000-coverage-cells.js';
import { OutboxSharedShape1764720000000 } from './migrations/1764720000000-outbox-shared-shape.js';
import { WallAggregates1764806400000 } from './migrations/1764806400000-wall-aggregates.js';
import { AlertIndexes1764892800000 } from './migrations/1764892800000-alert-indexes.js';
import { SecretaryInManagement1765900000000 } from './migrations/1765900000000-secretary-in-management.js';
import {
  PartyCoverageEntity,
  PartyOrganizationEntity,
} from './party-organization/party-organization.entity.js';
import { RegionEntity } from './region/region.entity.js';
import { SocialOrganizationEntity } from './social-organization/social-organization.entity.js';
import { SocialOrganizationChangeEntity } from './social-organization/social-organization-change.entity.js';
import { WorkCoverageEntity } from './work-coverage/work-coverage.entity.js';

/** Every table of this subgraph, and the migrations that create them, in order. */
export const entities = [
  RegionEntity,
  SocialOrganizationEntity,
  SocialOrganizationChangeEntity,
  PartyOrganizationEntity,
  PartyCoverageEntity,
  WorkCoverageEntity,
  CrossAppointmentEntity,
];
export const migrations = [
  Initial1764201600000,
  CoverageDomain1764288000000,
  CoverageSummary1764374400000,
  Outbox1764460800000,
  PartyOrganizationSize1764547200000,
  CoverageCells1764633600000,
  OutboxSharedShape1764720000000,
  WallAggregates1764806400000,
  AlertIndexes1764892800000,
  SecretaryInManagement1765900000000,
];

/** How this subgraph opens its database (as MYSQL_URL's account, MYSQL_OWNER_URL's owning it). */
export function databaseSettings(
  config: OrganizationConfig,
  connectAs?: DataSourceSettings['connectAs'],
): DataSourceSettings {
  return subgraphDatabaseSettings(config, { entities, migrations }, connectAs);
}
