import { ConfigError, loadConfig } from './config.loader';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: undefined, logLevel: 'info' });
    expect(config.agentOfflineAfterSeconds).toBe(90);
    expect(config.ticketTtlSeconds).toBe(60);
    expect(config.relayPort).toBe(8081);
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config).toMatchObject({ rateLimitPerMinute: 600, rateLimitAnonPerMinute: 120, authFailuresPerMinute: 10, ticketFailuresPerMinute: 10, wsConnectionsPerAddress: 256, requestTimeoutSeconds: 30, keepAliveSeconds: 65, corsOrigins: [], tls: undefined });
    expect(config.minFreeDiskMb).toBe(256);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://x'],
    ['TICKET_TTL_SECONDS', '301'],
    ['BOOTSTRAP_ADMIN_TOKEN', 'short'],
    ['HOST', 'bad host'],
    ['RELAY_PORT', '70000'],
    ['RELAY_PORT', 'relay'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['RATE_LIMIT_ANON_PER_MINUTE', 'lots'],
    ['AUTH_FAILURES_PER_MINUTE', '-1'],
    ['TICKET_FAILURES_PER_MINUTE', '1.5'],
    ['WS_CONNECTIONS_PER_ADDRESS', '0'],
    ['WS_CONNECTIONS_PER_ADDRESS', 'many'],
    ['REQUEST_TIMEOUT_SECONDS', '0'],
    ['REQUEST_TIMEOUT_SECONDS', '3601'],
    ['HTTP_KEEP_ALIVE_SECONDS', '0'],
    ['HTTP_KEEP_ALIVE_SECONDS', 'forever'],
    ['MIN_FREE_DISK_MB', '-5'],
    ['MIN_FREE_DISK_MB', 'lots'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://console.contoso.com/app'],
    ['CORS_ORIGINS', 'console.contoso.com'],
  ])('names %s when its value %s is bad', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}=`));
  });

  it('never repeats a bad secret in its message', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_TOKEN: 'sekrit' })).toThrow(/<redacted>/);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_TOKEN: 'sekrit' })).not.toThrow(/sekrit/);
  });
});
