import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../config/config.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const RELAY_NODE_ID_FILE = 'relay-node-id';

/**
 * This node's id, kept in DATA_DIR so that a restarted relay is recognised
 * and can end the sessions its previous run left behind.
 */
export function relayNodeIdIn(dataDir: string): string {
  const file = join(dataDir, RELAY_NODE_ID_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (UUID.test(stored)) return stored.toLowerCase();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

/**
 * The base URL viewers and agents reach this node at (they append
 * /relay/v1/connect): RELAY_PUBLIC_URL, else PUBLIC_URL for a relay embedded
 * in the API, else the address actually bound.
 */
export function relayPublicUrl(config: AppConfig, bound: AddressInfo | string | null): string {
  if (config.relayPublicUrl) return config.relayPublicUrl;
  if (config.role !== 'relay' && config.publicUrl) return config.publicUrl.replace(/^http/, 'ws');
  const port = bound && typeof bound === 'object' ? bound.port : config.role === 'relay' ? config.relayPort : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `ws://${host}:${port}`;
}
