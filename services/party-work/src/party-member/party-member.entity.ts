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

  /** ACTIVE, or how membership ended here: CANCELLED, TRANSFERRED_OUT, DECEASED. */
  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status!: string;

  @Column({ name: 'branch_id', type: 'char', length: 36, nullable: true })
  branchId!: string | null;

  @Column({ name: 'applied_on', type: 'date', nullable: true })
  appliedOn!: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate!: string | null;

  /** AES-256-GCM: nonce ‖ tag ‖ ciphertext. */
  @Column({ name: 'id_number_enc', type: 'varbinary', length: 128, nullable: true })
  idNumberEnc!: Buffer | null;

  @Column({ name: 'id_number_hash', type: 'binary', length: 32, nullable: true })
  idNumberHash!: Buffer | null;

  @Column({ name: 'phone_enc', type: 'varbinary', length: 128, nullable: true })
  phoneEnc!: Buffer | null;

  @Column({ name: 'phone_hash', type: 'binary', length: 32, nullable: true })
  phoneHash!: Buffer | null;

  @Column({ name: 'probation_extended_months', type: 'int', default: 0 })
  probationExtendedMonths!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  introducers!: string | null;

  /** MemberWorkRole, or null when none is marked. */
  @Column({ name: 'work_role', type: 'varchar', length: 24, nullable: true })
  workRole!: string | null;
}
