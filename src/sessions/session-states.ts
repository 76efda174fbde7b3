/** Session vocabulary of domain.md, in one place. */
export const SESSION_TYPES = ['remoteControl', 'remoteAssistance', 'remoteDesktop'] as const;
export const SESSION_ACCESS_LEVELS = ['viewOnly', 'fullControl'] as const;
export const SESSION_STATES = ['awaitingConsent', 'ready', 'active', 'ended'] as const;
export const END_REASONS = [
  'viewerClosed',
  'agentClosed',
  'endedByAdministrator',
  'consentDenied',
  'consentTimeout',
  'ticketExpired',
  'maxDurationReached',
  'relayLost',
  'deviceDeleted',
] as const;

export type SessionType = (typeof SESSION_TYPES)[number];
export type SessionAccessLevel = (typeof SESSION_ACCESS_LEVELS)[number];
export type SessionState = (typeof SESSION_STATES)[number];
export type EndReason = (typeof END_REASONS)[number];

/** Cross-node signals, over PostgreSQL LISTEN/NOTIFY. */
export const SESSION_CHANNEL = 'rcgate_session';

/** NOTIFY payload: a device id whose agent has a new offer waiting. */
export const OFFER_CHANNEL = 'rcgate_offer';
