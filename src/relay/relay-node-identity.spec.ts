import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.loader';
import { RELAY_NODE_ID_FILE, relayNodeIdIn, relayPublicUrl } from './relay-node-identity';

describe('relay node identity', () => {
  it('keeps the same id across restarts in DATA_DIR', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rcgate-node-')), 'data');
    const first = relayNodeIdIn(dir);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(relayNodeIdIn(dir)).toBe(first);
    expect(readFileSync(join(dir, RELAY_NODE_ID_FILE), 'utf8').trim()).toBe(first);
  });

  it('replaces a file that does not hold an id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcgate-node-'));
    writeFileSync(join(dir, RELAY_NODE_ID_FILE), 'not an id\n');
    expect(relayNodeIdIn(dir)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('relayPublicUrl', () => {
  const bound = { address: '0.0.0.0', family: 'IPv4', port: 43210 };

  it('uses the address actually bound', () => {
    expect(relayPublicUrl(loadConfig({ PORT: '0' }), bound)).toBe('ws://127.0.0.1:43210/relay/v1/connect');
    expect(relayPublicUrl(loadConfig({ HOST: '::1' }), bound)).toBe('ws://[::1]:43210/relay/v1/connect');
  });

  it('prefers RELAY_PUBLIC_URL, without doubling the path', () => {
    expect(relayPublicUrl(loadConfig({ RELAY_PUBLIC_URL: 'wss://relay.contoso.com' }), bound)).toBe('wss://relay.contoso.com/relay/v1/connect');
    expect(relayPublicUrl(loadConfig({ RELAY_PUBLIC_URL: 'wss://relay.contoso.com/relay/v1/connect' }), bound)).toBe('wss://relay.contoso.com/relay/v1/connect');
  });

  it('puts an embedded relay under the API’s PUBLIC_URL, a standalone one never', () => {
    expect(relayPublicUrl(loadConfig({ PUBLIC_URL: 'https://rcgate.contoso.com' }), bound)).toBe('wss://rcgate.contoso.com/relay/v1/connect');
    expect(relayPublicUrl(loadConfig({ PUBLIC_URL: 'https://rcgate.contoso.com', RCGATE_ROLE: 'relay' }), bound)).toBe('ws://127.0.0.1:43210/relay/v1/connect');
  });
});
