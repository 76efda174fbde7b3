import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock/clock';
import { Notifications } from '../../database/notifications/notifications.service';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { SessionEntity } from '../session.entity';
import { SessionTicketEntity } from '../session-ticket.entity';
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

  async mint(manager: EntityManager, session: SessionEntity, role: TicketRole, actor: string): Promise<SignedTicket> {
    const signer = await this.signerOnce();
    const signed = await signer.sign({ sessionId: session.id, role, deviceId: session.deviceId, sessionType: session.type, accessLevel: session.accessLevel });
    await manager.getRepository(SessionTicketEntity).insert({ jtiHash: hashJti(signed.jti), sessionId: session.id, role, expiresAt: signed.expiresAt, consumedAt: null });
    await this.audit.record(manager, {
      type: 'ticketIssued',
      actor,
      sessionId: session.id,
      deviceId: session.deviceId,
      details: { role, expiresAt: signed.expiresAt.toISOString(), jtiHashPrefix: hashJti(signed.jti).slice(0, 12) },
    });
    return signed;
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
