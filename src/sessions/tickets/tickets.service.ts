import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock/clock';
import { Notifications } from '../../database/notifications/notifications.service';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { SessionEntity } from '../session.entity';
import { hashJti } from './jti-hash';
import { SigningKeyWatcher } from './signing-key-watcher';
import { TicketKeyStore } from './ticket-key.store';
import { TicketSigner } from './ticket-signer';
import { SignedTicket, TicketRole } from './ticket.types';

/**
 * Mints single-use tickets for a session: signed, recorded by jti hash,
 * audited. A generated key rotated by `rcgate keys rotate` is picked up
 * without a restart (SigningKeyWatcher).
 */
@Injectable()
export class TicketsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private signer?: Promise<TicketSigner>;
  private watcher?: SigningKeyWatcher;

  constructor(
    private readonly keys: TicketKeyStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: Notifications,
  ) {}

  /** Loads (or creates) the signing key at start, never inside a request's transaction. */
  async onApplicationBootstrap(): Promise<void> {
    await this.signerOnce();
    if (!this.config.ticketSigningKey) {
      this.watcher = new SigningKeyWatcher(this.notifications, () => this.reloadSigningKey());
      this.watcher.start();
    }
  }

  onApplicationShutdown(): void {
    this.watcher?.stop();
  }

  /** The key id new tickets are signed with (operations and tests). */
  async signingKeyId(): Promise<string> {
    return (await this.signerOnce()).kid;
  }

  /** Re-reads the current key; until it is loaded, tickets keep being signed with the previous one. */
  async reloadSigningKey(): Promise<void> {
    const next = this.createSigner();
    await next;
    this.signer = next;
  }

  /** Signs and stores a ticket; `extendJoinDeadline` also lets the session wait for its holder until it expires (same statement). */
  async mint(manager: EntityManager, session: SessionEntity, role: TicketRole, actor: string, options: { extendJoinDeadline?: boolean } = {}): Promise<SignedTicket> {
    const signed = await this.sign(session, role);
    await this.record(manager, session, role, signed, actor, options);
    return signed;
  }

  /** Signs a ticket for `session`; it is good for nothing until `record` stores it in the same transaction as the session. */
  async sign(session: Pick<SessionEntity, 'id' | 'deviceId' | 'type' | 'accessLevel'>, role: TicketRole): Promise<SignedTicket> {
    const signer = await this.signerOnce();
    return signer.sign({ sessionId: session.id, role, deviceId: session.deviceId, sessionType: session.type, accessLevel: session.accessLevel });
  }

  /** Stores the ticket by its jti hash (single use) and audits its issue. */
  async record(manager: EntityManager, session: Pick<SessionEntity, 'id' | 'deviceId'>, role: TicketRole, signed: SignedTicket, actor: string, options: { extendJoinDeadline?: boolean } = {}): Promise<void> {
    const jtiHash = hashJti(signed.jti);
    const insert = 'INSERT INTO session_tickets (jti_hash, session_id, role, expires_at) VALUES ($1, $2, $3, $4)';
    await manager.query(
      options.extendJoinDeadline
        ? `WITH ticket AS (${insert} RETURNING session_id, expires_at)
           UPDATE sessions s SET join_deadline = GREATEST(COALESCE(s.join_deadline, ticket.expires_at), ticket.expires_at) FROM ticket WHERE s.id = ticket.session_id`
        : insert,
      [jtiHash, session.id, role, signed.expiresAt],
    );
    await this.audit.record(manager, {
      type: 'ticketIssued',
      actor,
      sessionId: session.id,
      deviceId: session.deviceId,
      details: { role, expiresAt: signed.expiresAt.toISOString(), jtiHashPrefix: jtiHash.slice(0, 12) },
    });
  }

  private signerOnce(): Promise<TicketSigner> {
    this.signer ??= this.createSigner();
    this.signer.catch(() => (this.signer = undefined));
    return this.signer;
  }

  private createSigner(): Promise<TicketSigner> {
    return this.keys.signingKey().then(
      (key) => new TicketSigner({ privateKey: key.privateKey, kid: key.kid, issuer: 'rcgate', ttlSeconds: this.config.ticketTtlSeconds, clock: () => this.clock.now() }),
    );
  }
}
