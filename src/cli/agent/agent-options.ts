import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../client/credentials-store';
import { HostPort, parseHostPort } from '../client/host-port';
import { normalizeServerUrl } from '../client/http-client';
import { ConsentMode, parseConsentMode } from './consent-mode';
import { defaultDeviceName, detectJoin, JoinFacts } from './host-facts';

/** The flags of `rcgate agent`, as commander hands them over (all optional strings). */
export interface AgentFlags {
  server?: string;
  enrollmentKey?: string;
  site?: string;
  name?: string;
  joinType?: string;
  domain?: string;
  workgroup?: string;
  target?: string;
  rdpTarget?: string;
  stateDir?: string;
  user?: string;
  unattended?: boolean;
  consent?: string;
}

export interface AgentOptions {
  /** Undefined only when the state file already names one. */
  server: string | undefined;
  enrollmentKey: string | undefined;
  siteCode: string | undefined;
  name: string;
  join: JoinFacts;
  vncTarget: HostPort;
  rdpTarget: HostPort;
  stateDir: string;
  /** A fixed user, null for "always unattended", undefined to detect with `who` at each heartbeat. */
  user: string | null | undefined;
  consent: ConsentMode;
}

type Env = Record<string, string | undefined>;

export interface OptionDefaults {
  hostname?: string;
  detectJoin?: () => JoinFacts;
}

const pick = (flag: string | undefined, env: Env, name: string): string | undefined => flag ?? (env[name] || undefined);

/** Flags win over RCGATE_* variables, which win over detected defaults. Throws UsageError on bad values. */
export function parseAgentOptions(flags: AgentFlags, env: Env, defaults: OptionDefaults = {}): AgentOptions {
  const server = pick(flags.server, env, 'RCGATE_SERVER');
  const name = (pick(flags.name, env, 'RCGATE_NAME') ?? defaultDeviceName(defaults.hostname)).toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]{0,14}$/.test(name)) throw new UsageError(`--name '${name}' must be 1-15 letters, digits or '-', starting with a letter or digit`);
  const siteCode = pick(flags.site, env, 'RCGATE_SITE')?.toUpperCase();
  if (siteCode !== undefined && !/^[A-Z0-9]{3}$/.test(siteCode)) throw new UsageError(`--site '${siteCode}' must be a three-character site code (e.g. S01)`);
  const unattended = flags.unattended === true || /^(1|true|yes)$/i.test(env.RCGATE_UNATTENDED ?? '');
  const user = unattended ? null : pick(flags.user, env, 'RCGATE_USER');
  return {
    server: server === undefined ? undefined : usage(() => normalizeServerUrl(server)),
    enrollmentKey: pick(flags.enrollmentKey, env, 'RCGATE_ENROLLMENT_KEY'),
    siteCode,
    name,
    join: joinOf(flags, env, defaults.detectJoin ?? detectJoin),
    vncTarget: usage(() => parseHostPort(pick(flags.target, env, 'RCGATE_TARGET') ?? '127.0.0.1:5900', '--target', { defaultHost: '127.0.0.1' })),
    rdpTarget: usage(() => parseHostPort(pick(flags.rdpTarget, env, 'RCGATE_RDP_TARGET') ?? '127.0.0.1:3389', '--rdp-target', { defaultHost: '127.0.0.1' })),
    stateDir: resolve(pick(flags.stateDir, env, 'RCGATE_STATE_DIR') ?? defaultStateDir(env)),
    user,
    consent: usage(() => parseConsentMode(pick(flags.consent, env, 'RCGATE_CONSENT') ?? 'prompt')),
  };
}

export function defaultStateDir(env: Env): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'rcgate-agent');
}

function joinOf(flags: AgentFlags, env: Env, detect: () => JoinFacts): JoinFacts {
  const joinType = pick(flags.joinType, env, 'RCGATE_JOIN_TYPE');
  const domain = pick(flags.domain, env, 'RCGATE_DOMAIN');
  const workgroup = pick(flags.workgroup, env, 'RCGATE_WORKGROUP');
  if (joinType !== undefined && joinType !== 'domain' && joinType !== 'workgroup') throw new UsageError(`--join-type must be domain or workgroup, not '${joinType}'`);
  if (joinType === 'domain' || (joinType === undefined && domain)) {
    if (!domain) throw new UsageError('--join-type domain needs --domain NAME');
    return { joinType: 'domain', domain };
  }
  if (workgroup !== undefined && workgroup.length > 15) throw new UsageError(`--workgroup '${workgroup}' is longer than 15 characters`);
  if (joinType === 'workgroup' || workgroup) return { joinType: 'workgroup', workgroup: workgroup ?? 'WORKGROUP' };
  return detect();
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}
