import type { RemoteToolsSettings } from '../../client-settings/remote-tools.settings';
import type { SessionAccessLevel, SessionType } from '../session-states';

/** The stable reasons of domain.md's policy table. */
export type DenialReason =
  | 'roleNotAllowed'
  | 'remoteControlDisabled'
  | 'viewerNotPermitted'
  | 'remoteAssistanceRequiresDomain'
  | 'remoteAssistanceNotAllowed'
  | 'remoteDesktopNotAllowed'
  | 'accessLevelNotAllowed'
  | 'deviceOffline'
  | 'unattendedNotAllowed'
  | 'deviceBusy';

export interface PolicyRequest {
  type: SessionType;
  accessLevel: SessionAccessLevel;
}

export interface PolicyCaller {
  name: string;
  groups: string[];
  mayStartSessions: boolean;
}

export interface PolicyDevice {
  joinType: 'domain' | 'workgroup';
  currentUser: string | null;
  localAdministrators: string[];
  online: boolean;
  /** Another unfinished full-control session exists on the device. */
  hasFullControlSession: boolean;
}

export interface RuleResult {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface PolicyVerdict {
  allowed: boolean;
  reason: DenialReason | null;
  /** 403 for policy, 409 for device state (offline, busy). */
  status: 201 | 403 | 409;
  rules: RuleResult[];
  consentRequired: boolean;
  settings: RemoteToolsSettings;
}
