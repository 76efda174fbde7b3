import { TooManyRequestsError } from '../errors/domain-error';
import { AttemptLimiter } from './attempt-limiter';

/** Throws 429 (with Retry-After) while `key` has used up its failed attempts. */
export function refuseWhileBlocked(limiter: AttemptLimiter, key: string): void {
  const wait = limiter.retryAfter(key);
  if (wait > 0) throw new TooManyRequestsError(`Too many failed authentication attempts from this address; retry after ${wait} s.`, wait);
}
