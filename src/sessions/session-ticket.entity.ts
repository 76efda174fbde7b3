import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TicketRole } from './tickets/ticket.types';

/** A minted ticket, known only by the hash of its jti; consumed at most once. */
@Entity('session_tickets')
export class SessionTicketEntity {
  @PrimaryColumn({ name: 'jti_hash', type: 'char', length: 64 })
  jtiHash: string;

  @Index('IDX_session_tickets_session')
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ type: 'varchar', length: 16 })
  role: TicketRole;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', precision: 3, nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
