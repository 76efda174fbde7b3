import { createHash } from 'node:crypto';

/**
 * The database keeps only this hash, so a leaked table cannot be replayed
 * against the relay before the tickets expire.
 */
export function hashJti(jti: string): string {
  return createHash('sha256').update(jti, 'utf8').digest('hex');
}
