import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('work_coverage')
export class WorkCoverageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ name: 'social_organization_id', type: 'char', length: 36 })
  socialOrganizationId!: string;

  /** The organization's region, copied so that regional figures scan measures by region. */
  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ name: 'person_name', type: 'varchar', length: 64, nullable: true })
  personName!: string | null;

  @Column({ type: 'date' })
  since!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ name: 'last_contact_at', type: 'date', nullable: true })
  lastContactAt!: string | null;
}
