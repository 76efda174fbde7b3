import { homedir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile, writeSecretJson } from './secure-file';

export interface StoredCredentials {
  server: string;
  token: string;
}

export type Env = Record<string, string | undefined>;

/** $XDG_CONFIG_HOME/rcgate/credentials.json, or ~/.config/rcgate/credentials.json. */
export function credentialsPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rcgate', 'credentials.json');
}

export function saveCredentials(credentials: StoredCredentials, env: Env): string {
  const path = credentialsPath(env);
  writeSecretJson(path, credentials);
  return path;
}

export function loadCredentials(env: Env): StoredCredentials | undefined {
  const stored = readJsonFile<Partial<StoredCredentials>>(credentialsPath(env));
  if (!stored || typeof stored.server !== 'string' || typeof stored.token !== 'string') return undefined;
  return { server: stored.server, token: stored.token };
}

export interface OperatorFlags {
  server?: string;
  token?: string;
}

/**
 * Where an operator command connects, first match wins per value:
 * flags, then RCGATE_SERVER / RCGATE_TOKEN, then the stored login.
 */
export function resolveOperator(flags: OperatorFlags, env: Env): StoredCredentials {
  const stored = loadCredentials(env);
  const server = flags.server ?? (env.RCGATE_SERVER || undefined) ?? stored?.server;
  const token = flags.token ?? (env.RCGATE_TOKEN || undefined) ?? stored?.token;
  if (!server) throw new UsageError('no server: pass --server, set RCGATE_SERVER, or run `rcgate login`');
  if (!token) throw new UsageError('no token: pass --token, set RCGATE_TOKEN, or run `rcgate login`');
  return { server, token };
}

/** Bad flags or missing settings: exit code 1 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}
