import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.loader';

function selfSigned(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

/** The one line main.ts prints for a ConfigError. */
function configErrorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('network configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rcgate-tls-'));
  const pair = selfSigned(dir, 'a');
  const other = selfSigned(dir, 'b');

  it('keeps CORS off by default and takes exactly the listed origins', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://console.contoso.com, http://localhost:3000/' }).corsOrigins).toEqual(['https://console.contoso.com', 'http://localhost:3000']);
  });

  it('reads the certificate and key at start when both are set', () => {
    const tls = loadConfig({ TLS_CERT_FILE: pair.cert, TLS_KEY_FILE: pair.key }).tls;
    expect(tls?.cert).toContain('-----BEGIN CERTIFICATE-----');
    expect(tls?.key).toContain('PRIVATE KEY-----');
  });

  it('wants both files or neither, naming the missing one', () => {
    expect(configErrorOf({ TLS_CERT_FILE: pair.cert })).toMatch(/^TLS_KEY_FILE=.*must be set together with TLS_CERT_FILE$/);
    expect(configErrorOf({ TLS_KEY_FILE: pair.key })).toMatch(/^TLS_CERT_FILE=.*must be set together with TLS_KEY_FILE$/);
  });

  it('names an unreadable file in one line', () => {
    const missing = configErrorOf({ TLS_CERT_FILE: join(dir, 'nope.crt'), TLS_KEY_FILE: pair.key });
    expect(missing).toMatch(/^TLS_CERT_FILE=".*nope\.crt" is invalid: cannot read the file \(ENOENT\)$/);
    expect(missing.split('\n')).toHaveLength(1);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.key');
      writeFileSync(locked, 'x');
      chmodSync(locked, 0o000);
      expect(configErrorOf({ TLS_CERT_FILE: pair.cert, TLS_KEY_FILE: locked })).toMatch(/^TLS_KEY_FILE=.*cannot read the file \(EACCES\)$/);
    }
  });

  it('refuses files that are not PEM of the right kind, and a key that does not fit the certificate', () => {
    expect(configErrorOf({ TLS_CERT_FILE: pair.key, TLS_KEY_FILE: pair.key })).toMatch(/^TLS_CERT_FILE=.*certificate/);
    expect(configErrorOf({ TLS_CERT_FILE: pair.cert, TLS_KEY_FILE: pair.cert })).toMatch(/^TLS_KEY_FILE=.*private key/);
    const mismatch = configErrorOf({ TLS_CERT_FILE: pair.cert, TLS_KEY_FILE: other.key });
    expect(mismatch).toMatch(/^TLS_KEY_FILE=.*cannot be used with the certificate/);
    expect(mismatch).not.toContain('PRIVATE KEY');
  });

  it('trusts X-Forwarded-For from loopback only, by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual(['loopback']);
  });

  it('takes comma-separated addresses, CIDR ranges and named ranges for TRUSTED_PROXIES, and none for no proxy', () => {
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.5, 192.0.2.0/24,fd00::/8 , uniquelocal,10.0.0.5' }).trustedProxies).toEqual(['10.0.0.5', '192.0.2.0/24', 'fd00::/8', 'uniquelocal']);
    expect(loadConfig({ TRUSTED_PROXIES: 'none' }).trustedProxies).toEqual([]);
  });

  it('refuses host names, bad ranges and anything else in TRUSTED_PROXIES, naming the entry', () => {
    expect(configErrorOf({ TRUSTED_PROXIES: 'loopback,caddy' })).toMatch(/^TRUSTED_PROXIES="caddy" is invalid: expected comma-separated IP addresses or CIDR ranges/);
    expect(configErrorOf({ TRUSTED_PROXIES: '10.0.0.0/33' })).toMatch(/^TRUSTED_PROXIES="10\.0\.0\.0\/33" is invalid/);
    expect(configErrorOf({ TRUSTED_PROXIES: '*' })).toMatch(/^TRUSTED_PROXIES="\*" is invalid/);
    expect(configErrorOf({ TRUSTED_PROXIES: ' , ' })).toMatch(/^TRUSTED_PROXIES=" , " is invalid/);
    expect(configErrorOf({ TRUSTED_PROXIES: 'none,10.0.0.1' })).toMatch(/^TRUSTED_PROXIES="none" is invalid/);
  });
});
