import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { compile as compileProxyTrust } from 'proxy-addr';
import { ConfigError } from './config.error';
import { TlsFiles } from './config.types';

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** CORS_ORIGINS: comma-separated origins (scheme://host[:port]); none means CORS stays off. */
export function corsOrigins(env: Env): string[] {
  const raw = text(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const origins = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    // An origin is exactly scheme://host[:port]: no path, query, wildcard or credentials.
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError('CORS_ORIGINS', 'expected comma-separated origins such as https://console.contoso.com (no paths, no wildcards)', origin);
    }
  }
  return [...new Set(origins.map((origin) => origin.replace(/\/$/, '')))];
}

/**
 * TLS_CERT_FILE and TLS_KEY_FILE: both or neither. Read once at start, so an
 * unreadable or mismatched pair stops the process with one line naming it.
 */
export function tlsFiles(env: Env): TlsFiles | undefined {
  const certFile = text(env, 'TLS_CERT_FILE');
  const keyFile = text(env, 'TLS_KEY_FILE');
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined) throw new ConfigError('TLS_CERT_FILE', 'must be set together with TLS_KEY_FILE', '');
  if (keyFile === undefined) throw new ConfigError('TLS_KEY_FILE', 'must be set together with TLS_CERT_FILE', '');
  const cert = readPem('TLS_CERT_FILE', certFile, 'CERTIFICATE');
  const key = readPem('TLS_KEY_FILE', keyFile, 'PRIVATE KEY');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError('TLS_KEY_FILE', `the key cannot be used with the certificate in TLS_CERT_FILE (${(error as Error).message})`, keyFile);
  }
  return { certFile: resolve(certFile), keyFile: resolve(keyFile), cert, key };
}

function readPem(variable: string, file: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(variable, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, file);
  }
  // "PRIVATE KEY" also matches "RSA PRIVATE KEY" and "EC PRIVATE KEY".
  if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(content)) {
    throw new ConfigError(variable, `expected a PEM file holding a ${kind === 'CERTIFICATE' ? 'certificate (chain)' : 'private key'}`, file);
  }
  return content;
}

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (or loopback,
 * linklocal, uniquelocal) of the reverse proxies in front of this node;
 * `none` trusts no one. X-Forwarded-For is honoured only when the socket peer
 * is one of them, so limits key by the real client and a client cannot pick
 * its own address. Default: loopback (a proxy on the same host).
 */
export function trustedProxies(env: Env): string[] {
  const raw = text(env, 'TRUSTED_PROXIES');
  if (raw === undefined) return ['loopback'];
  const entries = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (entries.length === 1 && entries[0].toLowerCase() === 'none') return [];
  if (entries.length === 0) throw new ConfigError('TRUSTED_PROXIES', PROXIES_EXPECTED, raw);
  for (const entry of entries) {
    try {
      // The very parser Express and the upgrade handlers use, so what passes here means the same there.
      compileProxyTrust([entry]);
    } catch {
      throw new ConfigError('TRUSTED_PROXIES', PROXIES_EXPECTED, entry);
    }
  }
  return [...new Set(entries)];
}

const PROXIES_EXPECTED = 'expected comma-separated IP addresses or CIDR ranges such as 10.0.0.5,192.0.2.0/24 (or loopback, linklocal, uniquelocal; none to trust no proxy)';
