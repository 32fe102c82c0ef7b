import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: 'PROVINCE' | 'PREFECTURE' | 'COUNTY';

  @Column({ name: 'parent_code', type: 'char', length: 6, nullable: true })
  parentCode!: string | null;
}
