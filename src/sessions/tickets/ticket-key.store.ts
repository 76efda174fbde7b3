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

const KEY_LOCK = 7_245_003;

/**
 * Where ticket keys come from: TICKET_SIGNING_KEY, else a key rcgate generated
 * once and keeps in the database. Public keys are always published in the
 * database so relays (which never see a private key) can verify.
 */
@Injectable()
export class TicketKeyStore {
  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async signingKey(): Promise<SigningKey> {
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
