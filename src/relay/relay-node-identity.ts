import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppConfig } from '../config/config.types';
import { RELAY_CONNECT_PATH } from './relay-connect-request';

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
 * The URL viewers and agents open to reach this node, as registered and
 * handed out in sessions' relayUrl: the connect path under RELAY_PUBLIC_URL,
 * else under PUBLIC_URL for a relay embedded in the API, else under the
 * address actually bound.
 */
export function relayPublicUrl(config: AppConfig, bound: AddressInfo | string | null): string {
  return withConnectPath(config.relayPublicUrl ?? relayBaseUrl(config, bound));
}

function relayBaseUrl(config: AppConfig, bound: AddressInfo | string | null): string {
  if (config.role !== 'relay' && config.publicUrl) return config.publicUrl.replace(/^http/, 'ws');
  const port = bound && typeof bound === 'object' ? bound.port : config.role === 'relay' ? config.relayPort : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `${config.tls ? 'wss' : 'ws'}://${host}:${port}`;
}

function withConnectPath(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith(RELAY_CONNECT_PATH) ? trimmed : `${trimmed}${RELAY_CONNECT_PATH}`;
}
