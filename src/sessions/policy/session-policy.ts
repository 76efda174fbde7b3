import type { RemoteToolsSettings } from '../../client-settings/remote-tools.settings';
import { DenialReason, PolicyCaller, PolicyDevice, PolicyRequest, PolicyVerdict, RuleResult } from './policy.types';

interface Rule {
  rule: string;
  reason: DenialReason;
  check(c: PolicyCaller, d: PolicyDevice, s: RemoteToolsSettings, r: PolicyRequest): [boolean, string];
}

const lower = (names: string[]) => new Set(names.map((n) => n.toLowerCase()));
const identities = (c: PolicyCaller) => [c.name, ...c.groups].map((n) => n.toLowerCase());

/** domain.md's policy table, rules 2–11 in order (rule 1, existence and scope, is a 404 before this). */
const RULES: Rule[] = [
  { rule: 'roleMayStartSessions', reason: 'roleNotAllowed', check: (c) => [c.mayStartSessions, c.mayStartSessions ? 'your role may start sessions' : 'your role may not start sessions'] },
  { rule: 'remoteControlEnabled', reason: 'remoteControlDisabled', check: (_, __, s) => [s.enableRemoteControl, `enableRemoteControl is ${s.enableRemoteControl}`] },
  {
    rule: 'permittedViewer',
    reason: 'viewerNotPermitted',
    check: (c, d, s) => {
      const listed = identities(c).find((n) => lower(s.permittedViewers).has(n));
      if (listed) return [true, `'${listed}' is a permitted viewer`];
      const admin = s.grantPermissionToLocalAdministrators ? identities(c).find((n) => lower(d.localAdministrators).has(n)) : undefined;
      if (admin) return [true, `'${admin}' is in the device's local Administrators group`];
      return [false, `neither you nor your groups are in permittedViewers${s.grantPermissionToLocalAdministrators ? ' or the local Administrators group' : ''}`];
    },
  },
  {
    rule: 'remoteAssistanceDomainOnly',
    reason: 'remoteAssistanceRequiresDomain',
    check: (_, d, __, r) => (r.type !== 'remoteAssistance' ? [true, 'not a Remote Assistance request'] : [d.joinType === 'domain', `the device is ${d.joinType}-joined`]),
  },
  {
    rule: 'remoteAssistanceAllowed',
    reason: 'remoteAssistanceNotAllowed',
    check: (_, __, s, r) => {
      if (r.type !== 'remoteAssistance') return [true, 'not a Remote Assistance request'];
      const managed = s.manageSolicitedRemoteAssistance || s.manageUnsolicitedRemoteAssistance;
      const level = s.remoteAssistanceAccessLevel;
      const ok = managed && level !== 'none' && (r.accessLevel === 'viewOnly' || level === 'fullControl');
      return [ok, `Remote Assistance managed: ${managed}, remoteAssistanceAccessLevel: ${level}, requested: ${r.accessLevel}`];
    },
  },
  {
    rule: 'remoteDesktopAllowed',
    reason: 'remoteDesktopNotAllowed',
    check: (_, __, s, r) => {
      if (r.type !== 'remoteDesktop') return [true, 'not a Remote Desktop request'];
      const ok = s.manageRemoteDesktop && s.allowPermittedViewersRemoteDesktop;
      return [ok, `manageRemoteDesktop: ${s.manageRemoteDesktop}, allowPermittedViewersRemoteDesktop: ${s.allowPermittedViewersRemoteDesktop}`];
    },
  },
  {
    rule: 'accessLevelAllowed',
    reason: 'accessLevelNotAllowed',
    check: (_, __, s, r) => {
      // The relay can enforce view-only only on RFB (VNC) streams, not on RDP.
      if (r.type === 'remoteDesktop') return [r.accessLevel === 'fullControl', r.accessLevel === 'fullControl' ? 'Remote Desktop is full control' : 'Remote Desktop cannot be view-only'];
      if (r.type !== 'remoteControl') return [true, 'not a Remote Control request'];
      const ok = s.accessLevel !== 'noAccess' && (r.accessLevel === 'viewOnly' || s.accessLevel === 'fullControl');
      return [ok, `accessLevel setting: ${s.accessLevel}, requested: ${r.accessLevel}`];
    },
  },
  { rule: 'deviceOnline', reason: 'deviceOffline', check: (_, d) => [d.online, d.online ? 'the agent heart-beat recently' : 'no recent agent heartbeat'] },
  {
    rule: 'unattendedAllowed',
    reason: 'unattendedNotAllowed',
    check: (_, d, s) => (d.currentUser ? [true, `'${d.currentUser}' is logged on`] : [s.allowUnattendedComputer, `nobody is logged on; allowUnattendedComputer is ${s.allowUnattendedComputer}`]),
  },
  {
    rule: 'deviceNotBusy',
    reason: 'deviceBusy',
    check: (_, d, __, r) => (r.accessLevel === 'viewOnly' ? [true, 'view-only may join alongside'] : [!d.hasFullControlSession, d.hasFullControlSession ? 'another full-control session is open' : 'no other full-control session']),
  },
];

const CONFLICT_REASONS: ReadonlySet<DenialReason> = new Set(['deviceOffline', 'deviceBusy']);

/** Evaluates every rule (for the trace); the first failure is the verdict. */
export function evaluateSessionPolicy(caller: PolicyCaller, device: PolicyDevice, settings: RemoteToolsSettings, request: PolicyRequest): PolicyVerdict {
  const rules: RuleResult[] = [];
  let reason: DenialReason | null = null;
  for (const rule of RULES) {
    const [passed, detail] = rule.check(caller, device, settings, request);
    rules.push({ rule: rule.rule, passed, detail });
    if (!passed && reason === null) reason = rule.reason;
  }
  return {
    allowed: reason === null,
    reason,
    status: reason === null ? 201 : CONFLICT_REASONS.has(reason) ? 409 : 403,
    rules,
    consentRequired: settings.promptUserForPermission && device.currentUser !== null,
    settings,
  };
}
