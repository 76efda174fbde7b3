import { KeyObject, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
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
    const ticket = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    return { ticket, jti, expiresAt: new Date(exp * 1000) };
  }
}
