import { TicketRejectedError } from './ticket.errors';
import {
  MAX_TICKET_LIFETIME_SECONDS,
  TICKET_ACCESS_LEVELS,
  TICKET_AUDIENCE,
  TICKET_ROLES,
  TICKET_SESSION_TYPES,
  TicketClaims,
} from './ticket.types';

/**
 * Narrows a payload whose signature is already verified to TicketClaims.
 * A signed payload of the wrong shape means a signer bug or a key used for
 * something else; either way the ticket is refused, not coerced.
 */
export function parseTicketClaims(payload: unknown): TicketClaims {
  if (typeof payload !== 'object' || payload === null) malformed('claims are not an object');
  const claims = payload as Record<string, unknown>;
  if (claims.aud !== TICKET_AUDIENCE) {
    // jose accepts an audience array that merely contains ours; a ticket names one audience.
    throw new TicketRejectedError('wrongAudience', 'audience must be exactly ' + TICKET_AUDIENCE);
  }
  const iss = nonEmptyString(claims, 'iss');
  const sub = nonEmptyString(claims, 'sub');
  const did = nonEmptyString(claims, 'did');
  const jti = nonEmptyString(claims, 'jti');
  const role = oneOf(claims, 'role', TICKET_ROLES);
  const typ = oneOf(claims, 'typ', TICKET_SESSION_TYPES);
  const lvl = oneOf(claims, 'lvl', TICKET_ACCESS_LEVELS);
  const iat = integer(claims, 'iat');
  const exp = integer(claims, 'exp');
  const lifetime = exp - iat;
  if (lifetime <= 0 || lifetime > MAX_TICKET_LIFETIME_SECONDS) {
    malformed(`lifetime of ${lifetime} s is outside 1..${MAX_TICKET_LIFETIME_SECONDS} s`);
  }
  return { iss, aud: TICKET_AUDIENCE, sub, role, did, typ, lvl, jti, iat, exp };
}

function malformed(detail: string): never {
  throw new TicketRejectedError('malformed', detail);
}

function nonEmptyString(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value.length === 0) malformed(`${name} must be a non-empty string`);
  return value;
}

function oneOf<T extends string>(claims: Record<string, unknown>, name: string, allowed: readonly T[]): T {
  const value = claims[name];
  if (!allowed.includes(value as T)) malformed(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function integer(claims: Record<string, unknown>, name: string): number {
  const value = claims[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) malformed(`${name} must be an integer`);
  return value;
}
