export type TicketRejectionReason =
  | 'badSignature'
  | 'expired'
  | 'wrongAudience'
  | 'wrongRole'
  | 'malformed';

/** A ticket the relay must refuse; `reason` goes into the `ticketRejected` audit record. */
export class TicketRejectedError extends Error {
  override readonly name = 'TicketRejectedError';

  constructor(
    readonly reason: TicketRejectionReason,
    detail?: string,
  ) {
    super(detail ? `ticket rejected (${reason}): ${detail}` : `ticket rejected (${reason})`);
  }
}

/** A key that cannot sign or verify tickets: a configuration error, not a bad ticket. */
export class InvalidTicketKeyError extends Error {
  override readonly name = 'InvalidTicketKeyError';
}
