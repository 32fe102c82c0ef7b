import type { DomainEvent } from '@pb/platform';
import type { DataSource } from 'typeorm';
import { OrganizationReplicaEntity } from './organization-replica.entity.js';

export interface OrganizationSnapshot {
  id: string;
  name: string;
  regionCode: string;
  status: string;
}

/**
 * Keeps the local copy of social organizations. Applying is idempotent and ordered per organization:
 * a duplicate or an older version leaves the row as it is.
 */
export class OrganizationReplicaService {
  constructor(private readonly dataSource: DataSource) {}

  async apply(snapshot: OrganizationSnapshot, version: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO organization_replica (id, name, region_code, status, version) VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         name = IF(VALUES(version) > version, VALUES(name), name),
         region_code = IF(VALUES(version) > version, VALUES(region_code), region_code),
         status = IF(VALUES(version) > version, VALUES(status), status),
         version = GREATEST(version, VALUES(version))`,
      [snapshot.id, snapshot.name, snapshot.regionCode, snapshot.status, version],
    );
  }

  /** Handles an event from the organization subgraph's stream. */
  async onEvent(event: DomainEvent): Promise<void> {
    if (event.type === 'SocialOrganizationChanged') {
      await this.apply(event.data as unknown as OrganizationSnapshot, event.version);
    }
  }

  find(id: string): Promise<OrganizationReplicaEntity | null> {
    return this.dataSource.getRepository(OrganizationReplicaEntity).findOne({ where: { id } });
  }
}
