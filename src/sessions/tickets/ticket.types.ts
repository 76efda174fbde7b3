/** The only audience a ticket is good for: a relay, never the API. */
export const TICKET_AUDIENCE = 'rcgate-relay';

/**
 * Upper bound on a ticket's lifetime (exp − iat). The configured TTL is
 * 60 s; anything longer was not minted by a correctly configured signer.
 */
export const MAX_TICKET_LIFETIME_SECONDS = 300;

export const TICKET_ROLES = ['viewer', 'agent'] as const;
export type TicketRole = (typeof TICKET_ROLES)[number];

export const TICKET_SESSION_TYPES = ['remoteControl', 'remoteAssistance', 'remoteDesktop'] as const;
export type TicketSessionType = (typeof TICKET_SESSION_TYPES)[number];

export const TICKET_ACCESS_LEVELS = ['viewOnly', 'fullControl'] as const;
export type TicketAccessLevel = (typeof TICKET_ACCESS_LEVELS)[number];

/** The JWT claims set of a relay ticket, as signed and as verified. */
export interface TicketClaims {
  iss: string;
  aud: typeof TICKET_AUDIENCE;
  /** Session id. */
  sub: string;
  role: TicketRole;
  /** Device id. */
  did: string;
  /** Session type. */
  typ: TicketSessionType;
  /** Access level. */
  lvl: TicketAccessLevel;
  jti: string;
  iat: number;
  exp: number;
}

/** What the sessions service knows when it asks for a ticket. */
export interface TicketRequest {
  sessionId: string;
  role: TicketRole;
  deviceId: string;
  sessionType: TicketSessionType;
  accessLevel: TicketAccessLevel;
}

export interface SignedTicket {
  /** Compact JWS; give it to the holder once, never store or log it. */
  ticket: string;
  /** Store only `hashJti(jti)`. */
  jti: string;
  expiresAt: Date;
}

export type Clock = () => Date;
