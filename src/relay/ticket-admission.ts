import { Injectable } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { SessionLifecycleService, TicketConsumption } from '../sessions/session-lifecycle.service';
import { SessionEntity } from '../sessions/session.entity';
import { hashJti } from '../sessions/tickets/jti-hash';
import { TicketRejectedError, TicketRejectionReason } from '../sessions/tickets/ticket.errors';
import { TicketRole } from '../sessions/tickets/ticket.types';
import { ConnectRequest } from './relay-connect-request';
import { RelayKeyRing } from './relay-key-ring';

export type RejectionReason = TicketRejectionReason | Extract<TicketConsumption, { ok: false }>['reason'] | 'peerAlreadyConnected';

export interface Rejection {
  reason: RejectionReason;
  /** Only from a ticket whose signature checked out: the ids are then ours, not the caller's invention. */
  sessionId?: string;
  deviceId?: string;
  role?: TicketRole;
}

export type Admission = { admitted: true; session: SessionEntity; role: TicketRole } | { admitted: false; rejection: Rejection };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** jose checks these claims only after the signature, so the payload they came with is authentic. */
const REASONS_AFTER_SIGNATURE = new Set<TicketRejectionReason>(['expired', 'wrongAudience']);

/** Lets a connection in when its ticket verifies and is consumed now, for the first and only time. */
@Injectable()
export class TicketAdmission {
  constructor(private readonly keyRing: RelayKeyRing, private readonly lifecycle: SessionLifecycleService) {}

  async admit(request: ConnectRequest): Promise<Admission> {
    const { ticket, declaredRole } = request;
    if (!ticket || declaredRole === 'invalid') return refused({ reason: 'malformed' });
    let claims;
    try {
      claims = await this.keyRing.verify(ticket);
    } catch (error) {
      if (!(error instanceof TicketRejectedError)) throw error;
      return refused({ reason: error.reason, ...(REASONS_AFTER_SIGNATURE.has(error.reason) ? idsIn(ticket) : {}) });
    }
    if (!UUID.test(claims.sub) || !UUID.test(claims.did)) return refused({ reason: 'malformed' });
    const ids = { sessionId: claims.sub, deviceId: claims.did, role: claims.role };
    // Checked before consumption, so a ticket presented on the wrong side stays usable on the right one.
    if (declaredRole !== undefined && declaredRole !== claims.role) return refused({ reason: 'wrongRole', ...ids });
    const consumed = await this.lifecycle.consumeTicket(hashJti(claims.jti), claims.sub, claims.role);
    if (!consumed.ok) return refused({ reason: consumed.reason, ...ids });
    return { admitted: true, session: consumed.session, role: claims.role };
  }
}

function refused(rejection: Rejection): Admission {
  return { admitted: false, rejection };
}

function idsIn(ticket: string): Omit<Rejection, 'reason'> {
  try {
    const { sub, did, role } = decodeJwt(ticket);
    return {
      sessionId: typeof sub === 'string' && UUID.test(sub) ? sub : undefined,
      deviceId: typeof did === 'string' && UUID.test(did) ? did : undefined,
      role: role === 'viewer' || role === 'agent' ? role : undefined,
    };
  } catch {
    return {};
  }
}
