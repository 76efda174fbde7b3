import type { Request } from 'express';
import { createHash } from 'node:crypto';
import type { CurrentPrincipal } from '../authz/current-principal';
import { sourceAddressOf } from './source-address';

export type RateLimitSubjectKind = 'token' | 'device' | 'address';

/** Whose budget a request spends. */
export interface RateLimitSubject {
  kind: RateLimitSubjectKind;
  key: string;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * A principal's requests count against its token (AuthGuard ran first and
 * set req.user); agent routes against the device token presented (its hash:
 * the device guard runs later, and a bad one is refused there and counted as
 * an authentication failure); everything else against the source address.
 */
export function rateLimitSubjectOf(req: Request & { user?: unknown }, agentRoute: boolean): RateLimitSubject {
  const tokenId = (req.user as CurrentPrincipal | undefined)?.tokenId;
  if (tokenId) return { kind: 'token', key: `token:${tokenId}` };
  if (agentRoute) {
    const match = BEARER.exec(String(req.headers?.authorization ?? ''));
    if (match) return { kind: 'device', key: `device:${createHash('sha256').update(match[1]).digest('hex').slice(0, 32)}` };
  }
  return { kind: 'address', key: `address:${sourceAddressOf(req)}` };
}
