import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('cross_appointment')
export class CrossAppointmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ name: 'social_organization_id', type: 'char', length: 36 })
  socialOrganizationId!: string;

  @Column({ name: 'party_organization_id', type: 'char', length: 36 })
  partyOrganizationId!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ name: 'person_name', type: 'varchar', length: 64 })
  personName!: string;

  @Column({ name: 'party_post', type: 'varchar', length: 16 })
  partyPost!: string;

  @Column({ name: 'management_post', type: 'varchar', length: 16 })
  managementPost!: string;

  @Column({ type: 'varchar', length: 24 })
  direction!: string;

  @Column({ type: 'date' })
  since!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;
}
