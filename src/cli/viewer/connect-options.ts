import { AccessLevel, SESSION_TYPES, SessionType } from '../client/api.types';
import { resolveOperator, StoredCredentials, UsageError } from '../client/credentials-store';
import { HostPort, parseHostPort } from '../client/host-port';

/** The flags of `rcgate connect`, as commander hands them over. */
export interface ConnectFlags {
  type?: string;
  viewOnly?: boolean;
  reason?: string;
  listen?: string;
  exec?: string;
  server?: string;
  token?: string;
}

export interface ConnectOptions {
  device: string;
  type: SessionType;
  accessLevel: AccessLevel;
  reason: string | undefined;
  listen: HostPort;
  exec: string | undefined;
  credentials: StoredCredentials;
}

type Env = Record<string, string | undefined>;

export function parseConnectOptions(device: string, flags: ConnectFlags, env: Env): ConnectOptions {
  const type = (flags.type ?? 'remoteControl') as SessionType;
  if (!SESSION_TYPES.includes(type)) throw new UsageError(`--type must be one of ${SESSION_TYPES.join(', ')}, not '${flags.type}'`);
  if (!device.trim()) throw new UsageError('name the device: rcgate connect PC-01');
  let listen: HostPort;
  try {
    listen = parseHostPort(flags.listen ?? '127.0.0.1:0', '--listen', { defaultHost: '127.0.0.1', allowZero: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (flags.reason !== undefined && flags.reason.length > 1000) throw new UsageError('--reason is limited to 1000 characters');
  return {
    device,
    type,
    accessLevel: flags.viewOnly ? 'viewOnly' : 'fullControl',
    reason: flags.reason,
    listen,
    exec: flags.exec,
    credentials: resolveOperator({ server: flags.server, token: flags.token }, env),
  };
}

/** `vncviewer {host}::{port}` → `vncviewer 127.0.0.1::5901`. */
export function substituteExec(template: string, address: HostPort): string {
  return template.replace(/\{host\}/g, address.host).replace(/\{port\}/g, String(address.port));
}

/** What kind of client to point at the local port. */
export const clientKind = (type: SessionType): string => (type === 'remoteDesktop' ? 'RDP client' : 'VNC viewer');
