import { ConfigError, loadConfig } from './config.loader';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: undefined, logLevel: 'info' });
    expect(config.agentOfflineAfterSeconds).toBe(90);
    expect(config.ticketTtlSeconds).toBe(60);
    expect(config.relayPort).toBe(8081);
    expect(config.dataDir.endsWith('/data')).toBe(true);
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
  ])('names %s when its value %s is bad', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}=`));
  });

  it('never repeats a bad secret in its message', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_TOKEN: 'sekrit' })).toThrow(/<redacted>/);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_TOKEN: 'sekrit' })).not.toThrow(/sekrit/);
  });
});
