import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('social_organization')
export class SocialOrganizationEntity {
  /** Insertion order: the cursor of stable pagination. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ type: 'char', length: 18, unique: true })
  uscc!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ name: 'registered_at', type: 'date' })
  registeredAt!: string;

  @Column({ name: 'registration_authority', type: 'varchar', length: 100 })
  registrationAuthority!: string;

  @Column({ name: 'supervising_unit', type: 'varchar', length: 100, nullable: true })
  supervisingUnit!: string | null;

  @Column({ name: 'staff_count', type: 'int' })
  staffCount!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: string;
}
