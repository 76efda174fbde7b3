export type RelaySide = 'viewer' | 'agent';

/**
 * Rewrites or inspects one chunk on its way through the relay. Returns the
 * bytes to forward (null or empty: forward nothing). Throwing a
 * StreamRuleViolation ends the session with 1008; any other error with 1011.
 */
export type ChunkTransform = (chunk: Buffer) => Buffer | null;
