/** WebSocket close codes the relay sends, in one place so agent, viewer and relay agree. */
export const RelayCloseCode = {
  /** The peer closed, or the session ended normally. */
  Normal: 1000,
  /** The relay is shutting down. */
  GoingAway: 1001,
  /** A text frame: the relay carries binary streams only. */
  UnsupportedData: 1003,
  /** The stream broke a rule the relay enforces (e.g. the view-only RFB filter). */
  PolicyViolation: 1008,
  /** A frame over the relay's maxPayload (sent by ws itself) or too much data before pairing. */
  MessageTooBig: 1009,
  InternalError: 1011,
  /** The database could not be reached to check the ticket; it was not spent, so the same ticket may be tried again shortly. */
  TryAgainLater: 1013,
  /** The session ended (administrator, maximum duration, relay lost...); the close reason is its endReason. */
  SessionEnded: 4000,
  /** The ticket was refused; the close reason is the audited rejection reason. */
  TicketRejected: 4401,
  /** The session already has a viewer or an agent (or both). */
  AlreadyJoined: 4409,
} as const;

/** Close reasons the relay sends; short ASCII words, as close reasons are capped at 123 bytes. */
export const RelayCloseReason = {
  viewerClosed: 'viewerClosed',
  agentClosed: 'agentClosed',
  binaryFramesOnly: 'binaryFramesOnly',
  alreadyJoined: 'alreadyJoined',
  earlyDataTooLarge: 'earlyDataTooLarge',
  internalError: 'internalError',
  databaseUnavailable: 'databaseUnavailable',
  relayShuttingDown: 'relayShuttingDown',
} as const;

/**
 * A code received from one side that may be passed on to the other. 1005,
 * 1006 and 1015 describe what happened locally and may not be sent; the
 * other 1xxx codes describe the sender's own connection.
 */
export function closeCodeToForward(received: number): number {
  return received >= 3000 && received <= 4999 ? received : RelayCloseCode.Normal;
}
