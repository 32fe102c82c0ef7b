import { Column, Entity, PrimaryColumn } from 'typeorm';

/** This subgraph's copy of a social organization, as the organization subgraph's events describe it. */
@Entity('organization_replica')
export class OrganizationReplicaEntity {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'int' })
  version!: number;
}
