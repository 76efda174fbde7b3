import { KeyObject } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, ProtectedHeaderParameters } from 'jose';
import { assertEd25519 } from './ticket-keys';
import { InvalidTicketKeyError, TicketRejectedError, TicketRejectionReason } from './ticket.errors';
import { parseTicketClaims } from './ticket-claims.parser';
import { Clock, MAX_TICKET_LIFETIME_SECONDS, TICKET_AUDIENCE, TicketClaims, TicketRole } from './ticket.types';

/** Tickets travel in a query string; anything much longer is not one of ours. */
export const MAX_TICKET_LENGTH = 2048;

export interface TicketVerifierOptions {
  /** Public keys by key id; more than one while a signing key is being rotated. */
  publicKeys: ReadonlyMap<string, KeyObject>;
  clock: Clock;
  /** Allowed skew between the API's clock and the relay's; 0 unless clocks are known to drift. */
  clockToleranceSeconds?: number;
}

/**
 * Checks a relay ticket: signature by one of the known Ed25519 keys, audience,
 * lifetime, expiry and role. Consumption (single use) is the caller's next
 * step, in the database.
 */
export class TicketVerifier {
  private readonly publicKeys: ReadonlyMap<string, KeyObject>;

  constructor(private readonly options: TicketVerifierOptions) {
    if (options.publicKeys.size === 0) throw new InvalidTicketKeyError('no ticket verification key');
    for (const key of options.publicKeys.values()) assertEd25519(key, 'public');
    this.publicKeys = new Map(options.publicKeys);
  }

  async verify(token: string, expectedRole?: TicketRole): Promise<TicketClaims> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TICKET_LENGTH) {
      throw new TicketRejectedError('malformed', 'empty or oversized ticket');
    }
    const key = this.keyFor(readHeader(token));
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ['EdDSA'],
        audience: TICKET_AUDIENCE,
        currentDate: this.options.clock(),
        clockTolerance: this.options.clockToleranceSeconds ?? 0,
        maxTokenAge: MAX_TICKET_LIFETIME_SECONDS,
        requiredClaims: ['iss', 'sub', 'jti', 'iat', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        throw new TicketRejectedError(reasonFor(error), error.message);
      }
      throw error;
    }
    const claims = parseTicketClaims(payload);
    if (expectedRole !== undefined && claims.role !== expectedRole) {
      throw new TicketRejectedError('wrongRole', `expected ${expectedRole}, got ${claims.role}`);
    }
    return claims;
  }

  private keyFor(header: ProtectedHeaderParameters): KeyObject {
    // Checked before the key lookup so that `alg: none` and the HS256-with-public-key
    // trick are named for what they are, whatever `kid` they carry.
    if (header.alg !== 'EdDSA') {
      throw new TicketRejectedError('badSignature', `algorithm ${String(header.alg)} not allowed`);
    }
    if (typeof header.kid !== 'string') throw new TicketRejectedError('malformed', 'no key id');
    const key = this.publicKeys.get(header.kid);
    if (!key) throw new TicketRejectedError('badSignature', 'unknown key id');
    return key;
  }
}

function readHeader(token: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw new TicketRejectedError('malformed', 'unreadable header');
  }
}

function reasonFor(error: errors.JOSEError): TicketRejectionReason {
  switch (error.code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'badSignature';
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return (error as errors.JWTClaimValidationFailed).claim === 'aud' ? 'wrongAudience' : 'malformed';
    default:
      return 'malformed';
  }
}
