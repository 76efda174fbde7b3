import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock/clock';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { SessionEntity } from '../session.entity';
import { SessionTicketEntity } from '../session-ticket.entity';
import { hashJti } from './jti-hash';
import { TicketKeyStore } from './ticket-key.store';
import { TicketSigner } from './ticket-signer';
import { SignedTicket, TicketRole } from './ticket.types';

/** Mints single-use tickets for a session: signed, recorded by jti hash, audited. */
@Injectable()
export class TicketsService implements OnApplicationBootstrap {
  private signer?: Promise<TicketSigner>;

  constructor(
    private readonly keys: TicketKeyStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Loads (or creates) the signing key at start, never inside a request's transaction. */
  async onApplicationBootstrap(): Promise<void> {
    await this.signerOnce();
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
    this.signer ??= this.keys.signingKey().then(
      (key) => new TicketSigner({ privateKey: key.privateKey, kid: key.kid, issuer: 'rcgate', ttlSeconds: this.config.ticketTtlSeconds, clock: () => this.clock.now() }),
    );
    this.signer.catch(() => (this.signer = undefined));
    return this.signer;
  }
}
