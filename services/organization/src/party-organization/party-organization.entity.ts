import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('party_organization')
export class PartyOrganizationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

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

  @Column({ name: 'has_committee', type: 'tinyint' })
  hasCommittee!: number;

  /** Grows with every change; the version of `PartyOrganizationChanged` events. */
  @Column({ type: 'int' })
  version!: number;
}

/** A Party organization covering a social organization from `since` until `until` (null: still active). */
@Entity('party_coverage')
export class PartyCoverageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ name: 'party_organization_id', type: 'char', length: 36 })
  partyOrganizationId!: string;

  @Column({ name: 'social_organization_id', type: 'char', length: 36 })
  socialOrganizationId!: string;

  @Column({ type: 'date' })
  since!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;
}
