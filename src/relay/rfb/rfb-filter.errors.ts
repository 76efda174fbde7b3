import { StreamRuleViolation } from '../stream-rule-violation';

/**
 * The byte stream is outside what the view-only filter can prove harmless.
 * The relay ends the session: a stream it cannot parse is a stream it cannot
 * police.
 */
export class RfbFilterError extends StreamRuleViolation {
  override readonly name = 'RfbFilterError';
  /** Close reason and audit detail for the relay. */
  readonly code = 'unsupportedRfb';
}
