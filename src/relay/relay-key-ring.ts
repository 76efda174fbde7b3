import { Injectable, Logger } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import { Clock } from '../common/clock/clock';
import { TicketKeyStore } from '../sessions/tickets/ticket-key.store';
import { TicketRejectedError } from '../sessions/tickets/ticket.errors';
import { TicketClaims } from '../sessions/tickets/ticket.types';
import { MAX_TICKET_LENGTH, TicketVerifier } from '../sessions/tickets/ticket-verifier';

const REFRESH_MS = 30_000;
/** However many unknown key ids arrive, the key table is read at most this often. */
const MIN_FORCED_REFRESH_MS = 2_000;

/**
 * The public keys this relay accepts tickets from, reloaded every 30 s and
 * early when a ticket names a key id not seen yet (a rotated signing key).
 * Only public keys: TICKET_VERIFY_KEY or ticket_keys.public_key_pem.
 */
@Injectable()
export class RelayKeyRing {
  private readonly logger = new Logger('RelayKeyRing');
  private keys = new Map<string, KeyObject>();
  private verifier: TicketVerifier | undefined;
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(private readonly store: TicketKeyStore, private readonly clock: Clock) {}

  /** Checks signature, audience and expiry; throws TicketRejectedError. */
  async verify(ticket: string): Promise<TicketClaims> {
    const now = Date.now();
    const kid = keyIdOf(ticket);
    const stale = now - this.loadedAt > REFRESH_MS;
    if (this.verifier && kid !== undefined && this.keys.has(kid)) {
      // A key we hold: verify now and refresh in the background, so no connection waits on the key table
      // (the keys in hand are at most one refresh old either way).
      if (stale) void this.reload();
    } else if (stale || (kid !== undefined && now - this.loadedAt > MIN_FORCED_REFRESH_MS)) await this.reload();
    if (!this.verifier) throw new TicketRejectedError('badSignature', 'no ticket verification key is published yet');
    return this.verifier.verify(ticket);
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const keys = await this.store.verificationKeys();
      this.keys = keys;
      this.verifier = keys.size > 0 ? new TicketVerifier({ publicKeys: keys, clock: () => this.clock.now() }) : undefined;
    } catch (error) {
      // Keep verifying with the keys we have; the next ticket tries again.
      this.logger.warn({ err: error }, 'could not reload ticket verification keys');
    } finally {
      this.loadedAt = Date.now();
    }
  }
}

function keyIdOf(ticket: string): string | undefined {
  if (ticket.length > MAX_TICKET_LENGTH) return undefined;
  try {
    const { kid } = decodeProtectedHeader(ticket);
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}
