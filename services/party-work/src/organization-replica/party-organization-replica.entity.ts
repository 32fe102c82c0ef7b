import { Column, Entity, PrimaryColumn } from 'typeorm';

/** This subgraph's copy of a Party organization, as the organization subgraph's events describe it. */
@Entity('party_organization_replica')
export class PartyOrganizationReplicaEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** COMMITTEE, GENERAL_BRANCH or BRANCH. */
  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ name: 'formation_mode', type: 'varchar', length: 16 })
  formationMode!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ name: 'parent_id', type: 'char', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ name: 'established_at', type: 'date' })
  establishedAt!: string;

  @Column({ name: 'dissolved_at', type: 'date', nullable: true })
  dissolvedAt!: string | null;

  @Column({ name: 'has_committee', type: 'boolean' })
  hasCommittee!: boolean;

  /** JSON array of social organization ids. */
  @Column({ name: 'covered_organization_ids', type: 'text' })
  coveredOrganizationIds!: string;

  @Column({ type: 'int' })
  version!: number;
}
