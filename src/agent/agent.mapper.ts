import { etagOf } from '../common/etag/etag';
import { EnrollmentKeyEntity } from './enrollment-key.entity';
import { EnrollmentKeyModel, OfferModel } from './models/agent.model';
import { Offer } from './offers.service';

export function toEnrollmentKeyModel(k: EnrollmentKeyEntity): EnrollmentKeyModel {
  return {
    id: k.id,
    name: k.name,
    siteCode: k.siteCode,
    prefix: k.prefix,
    usesLeft: k.usesLeft,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy,
    createdAt: k.createdAt.toISOString(),
    etag: etagOf(k.id, (k.usesLeft ?? 0) + (k.revokedAt ? 1_000_000 : 0)),
  };
}

export function toOfferModel({ session, agentTicket }: Offer): OfferModel {
  return {
    sessionId: session.id,
    type: session.type,
    accessLevel: session.accessLevel,
    viewer: session.viewer,
    reason: session.reason,
    state: session.state,
    endReason: session.endReason,
    consentRequired: session.consentRequired,
    consentDeadline: session.consentDeadline?.toISOString() ?? null,
    relayUrl: session.relayUrl,
    ...(agentTicket ? { agentTicket: agentTicket.ticket, agentTicketExpiresAt: agentTicket.expiresAt.toISOString() } : {}),
  };
}
