import { KeyObject, randomBytes, sign } from 'node:crypto';
import { assertEd25519 } from './ticket-keys';
import { InvalidTicketKeyError } from './ticket.errors';
import {
  Clock,
  MAX_TICKET_LIFETIME_SECONDS,
  SignedTicket,
  TICKET_AUDIENCE,
  TicketClaims,
  TicketRequest,
} from './ticket.types';

export interface TicketSignerOptions {
  privateKey: KeyObject;
  /** Key id put in the JWS header, so relays can pick the key during rotation. */
  kid: string;
  issuer: string;
  ttlSeconds: number;
  clock: Clock;
}

/** Mints relay tickets. Lives in the API only; relays hold public keys. */
export class TicketSigner {
  constructor(private readonly options: TicketSignerOptions) {
    assertEd25519(options.privateKey, 'private');
    const { ttlSeconds } = options;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TICKET_LIFETIME_SECONDS) {
      // A verifier refuses longer lifetimes, so such a signer could only mint useless tickets.
      throw new InvalidTicketKeyError(
        `ticket TTL must be an integer from 1 to ${MAX_TICKET_LIFETIME_SECONDS} seconds, got ${ttlSeconds}`,
      );
    }
    if (options.kid.length === 0) throw new InvalidTicketKeyError('ticket key id must not be empty');
  }

  /** The key id every ticket from this signer carries. */
  get kid(): string {
    return this.options.kid;
  }

  async sign(request: TicketRequest): Promise<SignedTicket> {
    const { privateKey, kid, issuer, ttlSeconds, clock } = this.options;
    const iat = Math.floor(clock().getTime() / 1000);
    const exp = iat + ttlSeconds;
    const jti = randomBytes(32).toString('base64url');
    const claims: TicketClaims = {
      iss: issuer,
      aud: TICKET_AUDIENCE,
      sub: request.sessionId,
      role: request.role,
      did: request.deviceId,
      typ: request.sessionType,
      lvl: request.accessLevel,
      jti,
      iat,
      exp,
    };
    // A compact JWS, as jose's SignJWT writes it, signed by node:crypto directly: jose goes through
    // WebCrypto, which costs a thread-pool job per ticket on the request path.
    const signingInput = `${base64url({ alg: 'EdDSA', kid })}.${base64url(claims)}`;
    const ticket = `${signingInput}.${sign(null, Buffer.from(signingInput), privateKey).toString('base64url')}`;
    return { ticket, jti, expiresAt: new Date(exp * 1000) };
  }
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
