import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dated change of a social organization's record: its history, never rewritten. */
@Entity('social_organization_change')
export class SocialOrganizationChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'social_organization_id', type: 'char', length: 36 })
  socialOrganizationId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn!: string;

  /** JSON: the fields that changed, with their new values. */
  @Column({ type: 'text', nullable: true })
  details!: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3, insert: false, update: false })
  recordedAt!: Date;
}
