import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { SessionEntity } from '../sessions/session.entity';
import { SessionLifecycleService } from '../sessions/session-lifecycle.service';
import { TicketsService } from '../sessions/tickets/tickets.service';
import type { SignedTicket } from '../sessions/tickets/ticket.types';
import { OfferWaiter } from './offer-waiter';
import { UUID } from '../common/validation/uuid';


/**
 * An agent ticket handed out but not used within this long is offered again
 * with a new ticket: the long poll that took it may have answered a
 * connection that was already gone (a network drop the server had not
 * noticed yet), and the agent would otherwise never hear of the session.
 */
export const REOFFER_AFTER_SECONDS = 10;
/** At most this many agent tickets per session (a first offer and its re-offers). */
export const MAX_AGENT_TICKETS = 3;
/** The agent tickets of session `s` (alias `t`). */
const AGENT_TICKETS = `session_tickets t WHERE t.session_id = s.id AND t.role = 'agent'`;
/** Ready and still waiting for its agent (alias `s`): no agent ticket used, fewer than MAX_AGENT_TICKETS handed out. */
const AWAITING_AGENT = `(s.state = 'ready'
  AND NOT EXISTS (SELECT 1 FROM ${AGENT_TICKETS} AND t.consumed_at IS NOT NULL)
  AND (SELECT count(*) FROM ${AGENT_TICKETS}) < ${MAX_AGENT_TICKETS})`;
/** A session to offer its device's agent now (alias `s`): awaiting consent, or awaiting its agent with no ticket handed out in the last REOFFER_AFTER_SECONDS. */
const OFFERABLE = `(s.state = 'awaitingConsent' OR (${AWAITING_AGENT}
  AND NOT EXISTS (SELECT 1 FROM ${AGENT_TICKETS} AND t.created_at > now() - interval '${REOFFER_AFTER_SECONDS} seconds')))`;
/** An offer now, or one that will be offered (again) later with no NOTIFY to say so (alias `s`). */
const OFFERED_OR_DUE = `(s.state = 'awaitingConsent' OR ${AWAITING_AGENT})`;
/** First and longest pause before looking again at a locked offer (doubling in between). */
const LOCKED_OFFER_RETRY_MS = [50, 1000] as const;

export interface Offer {
  session: SessionEntity;
  agentTicket?: SignedTicket;
}

/** What an agent is offered (sessions awaiting its user, or ready for it to join) and its user's answer. */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly waiter: OfferWaiter,
    private readonly tickets: TicketsService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly audit: AuditService,
  ) {}

  /**
   * `gone` aborts when the agent hung up: a poll nobody waits for any more
   * stops waiting and takes nothing, so it cannot mint (and lose) the agent
   * ticket of an offer meant for the agent's next poll.
   */
  async poll(deviceId: string, waitSeconds: number, gone?: AbortSignal): Promise<Offer[]> {
    if (waitSeconds <= 0) return this.pending(deviceId);
    const waiter = await this.waiter.register(deviceId, waitSeconds * 1000);
    const stop = () => waiter.cancel();
    gone?.addEventListener('abort', stop, { once: true });
    const deadline = Date.now() + waitSeconds * 1000;
    try {
      if (gone?.aborted) return [];
      const now = await this.pendingOnceUnlocked(deviceId, deadline, gone);
      if (now.length) return now;
      await waiter.woken;
      return gone?.aborted ? [] : await this.pendingOnceUnlocked(deviceId, deadline, gone);
    } finally {
      gone?.removeEventListener('abort', stop);
      waiter.cancel();
    }
  }

  /**
   * pending(), looked at again shortly while it skipped an offer locked by
   * another transaction (the viewer consuming its ticket, say): that offer's
   * NOTIFY has already come, so waiting for one would hold the agent back
   * for the whole long poll.
   */
  private async pendingOnceUnlocked(deviceId: string, deadline: number, gone?: AbortSignal): Promise<Offer[]> {
    for (let delay: number = LOCKED_OFFER_RETRY_MS[0]; ; delay = Math.min(delay * 2, LOCKED_OFFER_RETRY_MS[1])) {
      const offers = await this.pending(deviceId);
      if (offers.length || gone?.aborted || Date.now() >= deadline || !(await this.hasOffer(deviceId))) return offers;
      await sleep(delay);
    }
  }

  /** An offer that is there but was locked, or one that will be offered again (REOFFER_AFTER_SECONDS) with no NOTIFY to say so. */
  private async hasOffer(deviceId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM sessions s WHERE s.device_id = $1 AND ${OFFERED_OR_DUE} LIMIT 1`, [deviceId])) as unknown[];
    return rows.length > 0;
  }

  /** Sessions awaiting consent (repeated until answered), and ready sessions whose agent ticket is minted now, once. */
  private pending(deviceId: string): Promise<Offer[]> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx.getRepository(SessionEntity).createQueryBuilder('s')
        .where('s.device_id = :deviceId', { deviceId })
        .andWhere(OFFERABLE)
        .orderBy('s.created_at', 'ASC')
        .setLock('pessimistic_write').setOnLocked('skip_locked')
        .getMany();
      const offers: Offer[] = [];
      for (const session of rows) {
        offers.push(session.state === 'ready' ? { session, agentTicket: await this.agentTicket(tx, session, deviceId) } : { session });
      }
      return offers;
    });
  }

  answer(deviceId: string, sessionId: string, granted: boolean): Promise<Offer> {
    if (!UUID.test(sessionId)) return Promise.reject(new NotFoundError('Session', sessionId));
    return this.dataSource.transaction(async (tx) => {
      const session = await tx.getRepository(SessionEntity).findOne({ where: { id: sessionId, deviceId }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw new NotFoundError('Session', sessionId);
      if (session.state !== 'awaitingConsent') {
        throw new ConflictError(`The session is ${session.state}${session.endReason ? ` (${session.endReason})` : ''}; it is not waiting for consent.`, 'invalidSessionState');
      }
      const actor = session.viewer;
      if (!granted) {
        await this.audit.record(tx, { type: 'consentDenied', actor: `device:${deviceId}`, sessionId, deviceId, details: { viewer: actor } });
        await this.lifecycle.end(sessionId, 'consentDenied', `device:${deviceId}`, undefined, tx);
        return { session: { ...session, state: 'ended', endReason: 'consentDenied' } };
      }
      if (session.consentDeadline && session.consentDeadline.getTime() < Date.now()) {
        await this.lifecycle.end(sessionId, 'consentTimeout', 'system', undefined, tx);
        return { session: { ...session, state: 'ended', endReason: 'consentTimeout' } };
      }
      await tx.query(`UPDATE sessions SET state = 'ready', consented_at = now(), version = version + 1 WHERE id = $1`, [sessionId]);
      await this.audit.record(tx, { type: 'consentGranted', actor: `device:${deviceId}`, sessionId, deviceId, details: { viewer: actor } });
      await this.lifecycle.notify(tx, sessionId, 'ready');
      const ready = { ...session, state: 'ready' as const };
      return { session: ready, agentTicket: await this.agentTicket(tx, ready, deviceId) };
    });
  }

  private agentTicket(tx: EntityManager, session: SessionEntity, deviceId: string): Promise<SignedTicket> {
    return this.tickets.mint(tx, session, 'agent', `device:${deviceId}`, { extendJoinDeadline: true });
  }
}
