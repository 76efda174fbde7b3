import { REMOTE_TOOLS_DEFAULTS, RemoteToolsSettings } from '../../client-settings/remote-tools.settings';
import { evaluateSessionPolicy } from './session-policy';
import { PolicyCaller, PolicyDevice, PolicyRequest } from './policy.types';

const operator: PolicyCaller = { name: 'CONTOSO\\alice', groups: ['CONTOSO\\Helpdesk'], mayStartSessions: true };
const device: PolicyDevice = { joinType: 'domain', currentUser: 'CONTOSO\\bob', localAdministrators: [], online: true, hasFullControlSession: false };
const enabled: RemoteToolsSettings = {
  ...REMOTE_TOOLS_DEFAULTS,
  enableRemoteControl: true,
  permittedViewers: ['contoso\\helpdesk'],
  manageSolicitedRemoteAssistance: true,
  remoteAssistanceAccessLevel: 'fullControl',
  manageRemoteDesktop: true,
  allowPermittedViewersRemoteDesktop: true,
};
const control: PolicyRequest = { type: 'remoteControl', accessLevel: 'fullControl' };

function verdict(over: { caller?: Partial<PolicyCaller>; device?: Partial<PolicyDevice>; settings?: Partial<RemoteToolsSettings>; request?: Partial<PolicyRequest> } = {}) {
  return evaluateSessionPolicy({ ...operator, ...over.caller }, { ...device, ...over.device }, { ...enabled, ...over.settings }, { ...control, ...over.request });
}

describe('session policy (domain.md, rules 2–11)', () => {
  it('allows a permitted viewer (through a group, case-insensitively) and asks the logged-on user', () => {
    const v = verdict();
    expect(v).toMatchObject({ allowed: true, reason: null, status: 201, consentRequired: true });
    expect(v.rules.every((r) => r.passed)).toBe(true);
  });

  it.each([
    ['a role that may not start sessions', { caller: { mayStartSessions: false } }, 'roleNotAllowed', 403],
    ['remote control disabled', { settings: { enableRemoteControl: false } }, 'remoteControlDisabled', 403],
    ['a viewer not in permittedViewers', { settings: { permittedViewers: ['CONTOSO\\Other'] } }, 'viewerNotPermitted', 403],
    ['Remote Assistance to a workgroup device', { device: { joinType: 'workgroup' as const }, request: { type: 'remoteAssistance' as const } }, 'remoteAssistanceRequiresDomain', 403],
    ['Remote Assistance that is not managed', { settings: { manageSolicitedRemoteAssistance: false }, request: { type: 'remoteAssistance' as const } }, 'remoteAssistanceNotAllowed', 403],
    ['full-control Remote Assistance with remoteViewing only', { settings: { remoteAssistanceAccessLevel: 'remoteViewing' as const }, request: { type: 'remoteAssistance' as const } }, 'remoteAssistanceNotAllowed', 403],
    ['Remote Desktop not allowed for viewers', { settings: { allowPermittedViewersRemoteDesktop: false }, request: { type: 'remoteDesktop' as const } }, 'remoteDesktopNotAllowed', 403],
    ['full control when only view-only is allowed', { settings: { accessLevel: 'viewOnly' as const } }, 'accessLevelNotAllowed', 403],
    ['any control when the access level is noAccess', { settings: { accessLevel: 'noAccess' as const }, request: { accessLevel: 'viewOnly' as const } }, 'accessLevelNotAllowed', 403],
    ['an offline device', { device: { online: false } }, 'deviceOffline', 409],
    ['an unattended device when that is not allowed', { device: { currentUser: null }, settings: { allowUnattendedComputer: false } }, 'unattendedNotAllowed', 403],
    ['a second full-control session', { device: { hasFullControlSession: true } }, 'deviceBusy', 409],
  ])('denies %s', (_, over, reason, status) => {
    const v = verdict(over);
    expect(v).toMatchObject({ allowed: false, reason, status });
    expect(v.rules.find((r) => !r.passed)?.detail).toBeTruthy();
  });

  it('lets a view-only session join alongside a full-control one', () => {
    expect(verdict({ device: { hasFullControlSession: true }, request: { accessLevel: 'viewOnly' } }).allowed).toBe(true);
  });

  it('admits a local administrator when grantPermissionToLocalAdministrators is on, and not when it is off', () => {
    const admins = { device: { localAdministrators: ['CONTOSO\\alice'] }, settings: { permittedViewers: [] } };
    expect(verdict(admins).allowed).toBe(true);
    expect(verdict({ ...admins, settings: { permittedViewers: [], grantPermissionToLocalAdministrators: false } }).reason).toBe('viewerNotPermitted');
  });

  it('reports the first failing rule when several fail, and still traces them all', () => {
    const v = verdict({ settings: { enableRemoteControl: false }, device: { online: false } });
    expect(v.reason).toBe('remoteControlDisabled');
    expect(v.rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['remoteControlEnabled', 'deviceOnline']);
    expect(v.rules).toHaveLength(10);
  });

  it('does not ask for consent on an unattended device, nor when prompting is off', () => {
    expect(verdict({ device: { currentUser: null } }).consentRequired).toBe(false);
    expect(verdict({ settings: { promptUserForPermission: false } }).consentRequired).toBe(false);
  });

  it('refuses view-only Remote Desktop, which the relay cannot enforce', () => {
    expect(verdict({ request: { type: 'remoteDesktop', accessLevel: 'viewOnly' } }).reason).toBe('accessLevelNotAllowed');
  });
});
