/**
 * A stream broke a rule the relay enforces. Thrown by a ChunkTransform; the
 * pump closes both sides with 1008 and `code` as the close reason, which the
 * gateway also records in the audit trail.
 */
export abstract class StreamRuleViolation extends Error {
  abstract readonly code: string;
}
