/** The Remote Tools group, setting for setting, as Configuration Manager's client settings page has it. */
export const FIREWALL_PROFILES = ['domain', 'private', 'public'] as const;
export const ACCESS_LEVELS = ['noAccess', 'viewOnly', 'fullControl'] as const;
export const PLAY_SOUND = ['never', 'beginningAndEnd', 'repeatedly'] as const;
export const REMOTE_ASSISTANCE_ACCESS = ['none', 'remoteViewing', 'fullControl'] as const;

export type FirewallProfile = (typeof FIREWALL_PROFILES)[number];
export type RemoteControlAccessLevel = (typeof ACCESS_LEVELS)[number];

export interface RemoteToolsSettings {
  enableRemoteControl: boolean;
  firewallExceptionProfiles: FirewallProfile[];
  usersCanChangeSettings: boolean;
  allowUnattendedComputer: boolean;
  promptUserForPermission: boolean;
  promptUserForClipboardPermission: boolean;
  grantPermissionToLocalAdministrators: boolean;
  accessLevel: RemoteControlAccessLevel;
  permittedViewers: string[];
  showNotificationIcon: boolean;
  showConnectionBar: boolean;
  playSound: (typeof PLAY_SOUND)[number];
  manageUnsolicitedRemoteAssistance: boolean;
  manageSolicitedRemoteAssistance: boolean;
  remoteAssistanceAccessLevel: (typeof REMOTE_ASSISTANCE_ACCESS)[number];
  manageRemoteDesktop: boolean;
  allowPermittedViewersRemoteDesktop: boolean;
  requireNetworkLevelAuthentication: boolean;
}

/** The defaults of domain.md; the Default Client Settings object holds exactly these at first. */
export const REMOTE_TOOLS_DEFAULTS: Readonly<RemoteToolsSettings> = Object.freeze({
  enableRemoteControl: false,
  firewallExceptionProfiles: [],
  usersCanChangeSettings: false,
  allowUnattendedComputer: true,
  promptUserForPermission: true,
  promptUserForClipboardPermission: true,
  grantPermissionToLocalAdministrators: true,
  accessLevel: 'fullControl',
  permittedViewers: [],
  showNotificationIcon: true,
  showConnectionBar: true,
  playSound: 'beginningAndEnd',
  manageUnsolicitedRemoteAssistance: false,
  manageSolicitedRemoteAssistance: false,
  remoteAssistanceAccessLevel: 'none',
  manageRemoteDesktop: false,
  allowPermittedViewersRemoteDesktop: false,
  requireNetworkLevelAuthentication: true,
});

export const REMOTE_TOOLS_SETTING_NAMES = Object.keys(REMOTE_TOOLS_DEFAULTS) as (keyof RemoteToolsSettings)[];

/** Fills omitted settings from the defaults (a new object) or from the current group (a partial PATCH). */
export function mergeRemoteTools(base: RemoteToolsSettings, patch: Partial<RemoteToolsSettings>): RemoteToolsSettings {
  const merged = { ...base } as Record<string, unknown>;
  for (const name of REMOTE_TOOLS_SETTING_NAMES) {
    if (patch[name] !== undefined) merged[name] = patch[name];
  }
  const result = merged as unknown as RemoteToolsSettings;
  result.firewallExceptionProfiles = [...new Set(result.firewallExceptionProfiles)].sort() as FirewallProfile[];
  result.permittedViewers = dedupeCaseInsensitive(result.permittedViewers);
  return result;
}

function dedupeCaseInsensitive(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
