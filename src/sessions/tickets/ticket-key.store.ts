import { Inject, Injectable } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { TicketKeyEntity } from './ticket-key.entity';
import { exportPrivateKeyPem, exportPublicKeyPem, generateTicketKeyPair, importPrivateKeyPem, importPublicKeyPem, keyIdOf, publicKeyOf } from './ticket-keys';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface KeyRotation {
  kid: string;
  retiredKids: string[];
  /** Tickets signed by a retired key verify until then (one TICKET_TTL_SECONDS). */
  retiredKeysValidUntil: Date;
}

/** NOTIFYed (payload: the new kid) when `rcgate keys rotate` commits; API nodes reload their signer. */
export const TICKET_KEYS_CHANNEL = 'rcgate_keys';
const KEY_LOCK = 7_245_003;

/** `keys rotate` under TICKET_SIGNING_KEY: the operator owns that key, rcgate must not replace it. */
export class KeyRotationRefusedError extends Error {
  override readonly name = 'KeyRotationRefusedError';
  constructor() {
    super('TICKET_SIGNING_KEY is set, so the ticket signing key is managed outside rcgate: rotate it there (see SECURITY.md, "Rotating the ticket signing key")');
  }
}

/**
 * Where ticket keys come from: TICKET_SIGNING_KEY, else a key rcgate generated
 * and keeps in the database (replaced by `rcgate keys rotate`). Public keys
 * are always published in the database so relays (which never see a private
 * key, and never select that column) can verify.
 */
@Injectable()
export class TicketKeyStore {
  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async signingKey(): Promise<SigningKey> {
    // Belt and braces: the standalone relay also drops TICKET_SIGNING_KEY from its configuration.
    if (this.config.role === 'relay') throw new Error('a relay never loads the ticket signing key');
    if (this.config.ticketSigningKey) {
      const privateKey = importPrivateKeyPem(this.config.ticketSigningKey);
      const publicKey = publicKeyOf(privateKey);
      const kid = keyIdOf(publicKey);
      await this.publish(kid, null, exportPublicKeyPem(publicKey));
      return { kid, privateKey };
    }
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      const current = await tx.getRepository(TicketKeyEntity).findOne({ where: { retiredAt: IsNull() }, order: { createdAt: 'DESC' } });
      if (current?.privateKeyPem) return { kid: current.kid, privateKey: importPrivateKeyPem(current.privateKeyPem) };
      const pair = generateTicketKeyPair();
      const kid = keyIdOf(pair.publicKey);
      await tx.getRepository(TicketKeyEntity).insert({ kid, privateKeyPem: exportPrivateKeyPem(pair.privateKey), publicKeyPem: exportPublicKeyPem(pair.publicKey), retiredAt: null });
      return { kid, privateKey: pair.privateKey };
    });
  }

  /**
   * A new generated signing key; every key in use is retired now and keeps
   * verifying for one ticket lifetime. Refused under TICKET_SIGNING_KEY,
   * where the operator owns the key.
   */
  async rotate(): Promise<KeyRotation> {
    if (this.config.role === 'relay') throw new Error('a relay never handles the ticket signing key; run `rcgate keys rotate` with an API configuration');
    if (this.config.ticketSigningKey) throw new KeyRotationRefusedError();
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
      const [retired] = (await tx.query('UPDATE ticket_keys SET retired_at = now() WHERE retired_at IS NULL RETURNING kid, retired_at')) as [{ kid: string; retired_at: Date }[], number];
      const pair = generateTicketKeyPair();
      await tx.getRepository(TicketKeyEntity).insert({ kid: pair.kid, privateKeyPem: exportPrivateKeyPem(pair.privateKey), publicKeyPem: exportPublicKeyPem(pair.publicKey), retiredAt: null });
      // Delivered on commit only, so no node reloads before the new key is readable.
      await tx.query('SELECT pg_notify($1, $2)', [TICKET_KEYS_CHANNEL, pair.kid]);
      const [{ now }] = (await tx.query('SELECT now() AS now')) as { now: Date }[];
      return {
        kid: pair.kid,
        retiredKids: retired.map((row) => row.kid),
        retiredKeysValidUntil: new Date(new Date(now).getTime() + this.config.ticketTtlSeconds * 1000),
      };
    });
  }

  /** Keys a relay accepts: TICKET_VERIFY_KEY, or every key not retired longer than one ticket lifetime ago. */
  async verificationKeys(): Promise<Map<string, KeyObject>> {
    if (this.config.ticketVerifyKey) {
      const key = importPublicKeyPem(this.config.ticketVerifyKey);
      return new Map([[keyIdOf(key), key]]);
    }
    const rows = (await this.dataSource.query(
      `SELECT kid, public_key_pem FROM ticket_keys WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1)`,
      [this.config.ticketTtlSeconds],
    )) as { kid: string; public_key_pem: string }[];
    return new Map(rows.map((r) => [r.kid, importPublicKeyPem(r.public_key_pem)]));
  }

  private async publish(kid: string, privateKeyPem: string | null, publicKeyPem: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO ticket_keys (kid, private_key_pem, public_key_pem) VALUES ($1, $2, $3) ON CONFLICT (kid) DO NOTHING',
      [kid, privateKeyPem, publicKeyPem],
    );
  }
}
