import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config.types';
import { KeyRotation, KeyRotationRefusedError, TicketKeyStore } from '../../sessions/tickets/ticket-key.store';
import { withAppContext } from './app-context';

/**
 * `rcgate keys rotate`: a new generated ticket signing key. API nodes switch
 * to it within seconds (NOTIFY rcgate_keys); tickets signed by the retired
 * key keep verifying for one TICKET_TTL_SECONDS. The private key is never
 * printed.
 */
export async function runKeysRotate(config: AppConfig): Promise<KeyRotation> {
  // Checked before touching the database: under TICKET_SIGNING_KEY the operator owns the key.
  if (config.ticketSigningKey) throw new KeyRotationRefusedError();
  return withAppContext(config, async (context) => {
    const rotation = await new TicketKeyStore(context.get(DataSource), config).rotate();
    const retired = rotation.retiredKids.length
      ? `retired ${rotation.retiredKids.join(', ')} (still accepted until ${rotation.retiredKeysValidUntil.toISOString()})`
      : 'no previous key';
    process.stdout.write(`rcgate: new ticket signing key ${rotation.kid}; ${retired}\n`);
    return rotation;
  }, { databaseOnly: true });
}
