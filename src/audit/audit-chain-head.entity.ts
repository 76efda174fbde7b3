import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The single row every append locks, so concurrent appends form one chain, never a fork. */
@Entity('audit_chain_head')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
