import { resolve } from 'node:path';
import { ConfigError } from './config.error';
import { corsOrigins, tlsFiles, trustedProxies } from './config.network';
import { AppConfig, LogLevel, NodeRole } from './config.types';

export { ConfigError } from './config.error';

type Env = Record<string, string | undefined>;
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const ROLES: NodeRole[] = ['all', 'api', 'relay'];

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `expected an integer from ${min} to ${max}`, raw);
  }
  return Number(raw);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(name, `expected one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `expected a URL (${protocols.join(' or ')})`, name === 'DATABASE_URL' ? '<redacted>' : raw);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a URL (${protocols.join(' or ')})`, parsed.protocol);
  }
  return raw.replace(/\/$/, '');
}

function host(env: Env): string {
  const raw = text(env, 'HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(raw)) throw new ConfigError('HOST', 'expected a host name or IP address', raw);
  return raw;
}

function bootstrapToken(env: Env): string | undefined {
  const raw = text(env, 'BOOTSTRAP_ADMIN_TOKEN');
  if (raw !== undefined && !/^[A-Za-z0-9_\-.~]{32,256}$/.test(raw)) {
    // Never echo a secret back, even a bad one.
    throw new ConfigError('BOOTSTRAP_ADMIN_TOKEN', 'expected 32 to 256 URL-safe characters', '<redacted>');
  }
  return raw;
}

function pem(env: Env, name: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  const normalized = raw.replace(/\\n/g, '\n');
  if (!normalized.includes(`-----BEGIN ${kind}-----`)) {
    throw new ConfigError(name, `expected a PEM ${kind === 'PRIVATE KEY' ? 'PKCS8 private' : 'SPKI public'} key`, '<redacted>');
  }
  return normalized;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const embeddedPort = text(env, 'EMBEDDED_POSTGRES_PORT');
  return {
    host: host(env),
    port: integer(env, 'PORT', 8080, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(text(env, 'DATA_DIR') ?? './data'),
    bootstrapAdminToken: bootstrapToken(env),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    role: oneOf(env, 'RCGATE_ROLE', ROLES, 'all'),
    publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:']),
    agentOfflineAfterSeconds: integer(env, 'AGENT_OFFLINE_AFTER_SECONDS', 90, 10, 86400),
    consentTimeoutSeconds: integer(env, 'CONSENT_TIMEOUT_SECONDS', 60, 5, 600),
    ticketTtlSeconds: integer(env, 'TICKET_TTL_SECONDS', 60, 5, 300),
    sessionMaxSeconds: integer(env, 'SESSION_MAX_SECONDS', 28800, 60, 604800),
    ticketSigningKey: pem(env, 'TICKET_SIGNING_KEY', 'PRIVATE KEY'),
    ticketVerifyKey: pem(env, 'TICKET_VERIFY_KEY', 'PUBLIC KEY'),
    relayPublicUrl: url(env, 'RELAY_PUBLIC_URL', ['ws:', 'wss:']),
    relayNodeTimeoutSeconds: integer(env, 'RELAY_NODE_TIMEOUT_SECONDS', 15, 3, 3600),
    relayPort: integer(env, 'RELAY_PORT', 8081, 0, 65535),
    embeddedPostgresPort: embeddedPort === undefined ? undefined : integer(env, 'EMBEDDED_POSTGRES_PORT', 0, 1, 65535),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    rateLimitAnonPerMinute: integer(env, 'RATE_LIMIT_ANON_PER_MINUTE', 120, 1, 1_000_000),
    authFailuresPerMinute: integer(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1, 1_000_000),
    ticketFailuresPerMinute: integer(env, 'TICKET_FAILURES_PER_MINUTE', 10, 1, 1_000_000),
    wsConnectionsPerAddress: integer(env, 'WS_CONNECTIONS_PER_ADDRESS', 256, 1, 1_000_000),
    requestTimeoutSeconds: integer(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 3600),
    keepAliveSeconds: integer(env, 'HTTP_KEEP_ALIVE_SECONDS', 65, 1, 3600),
    minFreeDiskMb: integer(env, 'MIN_FREE_DISK_MB', 256, 0, 16_777_216),
    corsOrigins: corsOrigins(env),
    trustedProxies: trustedProxies(env),
    tls: tlsFiles(env),
  };
}
