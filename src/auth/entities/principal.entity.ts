import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '../../common/authz/roles';

@Entity('principals')
export class PrincipalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 256 })
  name: string;

  /** Lower-cased name: principal names are unique regardless of case. */
  @Index('UQ_principals_name_key', { unique: true })
  @Column({ name: 'name_key', type: 'varchar', length: 256 })
  nameKey: string;

  @Column({ name: 'display_name', type: 'varchar', length: 256, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 64 })
  role: Role;

  @Column({ name: 'scope_collection_ids', type: 'text', array: true, default: () => "'{}'" })
  scopeCollectionIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  groups: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}
