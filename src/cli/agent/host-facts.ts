import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces, release, type } from 'node:os';

/** What the agent reports about the machine it runs on; each reader is forgiving (a fact it cannot read is left out). */

/** NetBIOS-style: the host name's first label, upper case, at most 15 characters. */
export function defaultDeviceName(host = hostname()): string {
  const label = host.split('.')[0].toUpperCase().replace(/[^A-Z0-9-]/g, '-').replace(/^-+/, '');
  return label.slice(0, 15) || 'RCGATE-AGENT';
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `key = value` from an ini-like file (first match, comments skipped). */
export function iniValue(text: string | undefined, key: string): string | undefined {
  if (!text) return undefined;
  const pattern = new RegExp(`^\\s*${key}\\s*=\\s*([^#;\\s,]+)`, 'im');
  return pattern.exec(text)?.[1];
}

export interface JoinFacts {
  joinType: 'domain' | 'workgroup';
  domain?: string;
  workgroup?: string;
}

/** A domain from SSSD or Kerberos configuration means domain-joined; otherwise Samba's workgroup or WORKGROUP. */
export function detectJoin(read: (path: string) => string | undefined = readText): JoinFacts {
  const domain = iniValue(read('/etc/sssd/sssd.conf'), 'domains') ?? iniValue(read('/etc/krb5.conf'), 'default_realm');
  if (domain) return { joinType: 'domain', domain: domain.toUpperCase().slice(0, 255) };
  return { joinType: 'workgroup', workgroup: (iniValue(read('/etc/samba/smb.conf'), 'workgroup') ?? 'WORKGROUP').toUpperCase().slice(0, 15) };
}

/** Non-loopback, non-link-local addresses of every interface. */
export function ipAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((address) => !address.internal && !address.address.startsWith('fe80:'))
    .map((address) => address.address)
    .slice(0, 64);
}

/** The first user with a session per `who`, preferring one on the console (:0 or tty1); null means unattended. */
export function loggedOnUser(run: () => string = () => execFileSync('who', { encoding: 'utf8', timeout: 2000 })): string | null {
  let output: string;
  try {
    output = run();
  } catch {
    return null;
  }
  const sessions = output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[0]);
  const onConsole = sessions.find((fields) => /^(:\d+|tty1|console|seat\d+)$/.test(fields[1] ?? '') || /\(:\d+\)/.test(fields.join(' ')));
  return (onConsole ?? sessions[0])?.[0] ?? null;
}

/** Members of the groups that administer a Linux host (sudo, wheel, admin). */
export function localAdministrators(groupFile = readText('/etc/group')): string[] {
  const members = new Set<string>(['root']);
  for (const line of (groupFile ?? '').split('\n')) {
    const [name, , , list] = line.split(':');
    if (['sudo', 'wheel', 'admin'].includes(name) && list) list.split(',').filter(Boolean).forEach((member) => members.add(member.trim()));
  }
  return [...members].slice(0, 256);
}

export function osFacts(): { osName: string; osVersion: string } {
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readText('/etc/os-release') ?? '')?.[1];
  return { osName: type(), osVersion: (pretty ? `${pretty} (${release()})` : release()).slice(0, 64) };
}

export function clientVersion(): string {
  try {
    return (JSON.parse(readFileSync(`${__dirname}/../../../package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
