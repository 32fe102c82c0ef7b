import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('party_member')
export class PartyMemberEntity {
  /** Insertion order: the cursor of stable pagination. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'char', length: 36, unique: true })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  stage!: string;

  @Column({ name: 'stage_since', type: 'date' })
  stageSince!: string;

  @Column({ name: 'social_organization_id', type: 'char', length: 36 })
  socialOrganizationId!: string;

  /** Copied from the organization's replica when the member is recorded, for region-scoped reads. */
  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;
}
