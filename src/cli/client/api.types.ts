/** Wire shapes of the REST API parts the CLI uses (see openapi.yaml). */

export type SessionType = 'remoteControl' | 'remoteAssistance' | 'remoteDesktop';
export type AccessLevel = 'viewOnly' | 'fullControl';
export type SessionState = 'requested' | 'awaitingConsent' | 'ready' | 'active' | 'ended';
export type JoinType = 'domain' | 'workgroup';

export const SESSION_TYPES: readonly SessionType[] = ['remoteControl', 'remoteAssistance', 'remoteDesktop'];

export interface List<T> {
  value: T[];
  nextLink?: string;
}

export interface Session {
  id: string;
  deviceId: string;
  type: SessionType;
  accessLevel: AccessLevel;
  viewer: string;
  state: SessionState;
  endReason: string | null;
  reason: string | null;
  consentRequired?: boolean;
  consentDeadline: string | null;
  relayUrl: string | null;
  createdAt: string;
  startedAt?: string | null;
  endedAt?: string | null;
  bytesFromViewer: number;
  bytesFromAgent: number;
}

export interface StartedSession extends Session {
  viewerTicket?: string;
  viewerTicketExpiresAt?: string;
  viewerUrl?: string;
}

export interface ViewerTicket {
  sessionId: string;
  viewerTicket: string;
  viewerTicketExpiresAt: string;
  relayUrl: string;
  viewerUrl: string;
}

export interface StartSessionBody {
  deviceId: string;
  type: SessionType;
  accessLevel: AccessLevel;
  reason?: string;
}

export interface SessionCheck {
  allowed: boolean;
  reason: string | null;
  status: number;
  consentRequired: boolean;
  rules: { rule: string; passed: boolean; detail: string }[];
}

export interface Device {
  id: string;
  name: string;
  siteCode: string;
  online?: boolean;
}

export interface Me {
  name: string;
  role: string;
}

export interface EnrollBody {
  enrollmentKey: string;
  name: string;
  siteCode?: string;
  joinType: JoinType;
  domain?: string;
  workgroup?: string;
  osName?: string;
  osVersion?: string;
  clientVersion?: string;
}

export interface Enrollment {
  deviceId: string;
  deviceToken: string;
}

export interface HeartbeatBody {
  currentUser: string | null;
  ipAddresses?: string[];
  localAdministrators?: string[];
  osVersion?: string;
  clientVersion?: string;
}

export interface HeartbeatResult {
  resultantSettings: Record<string, unknown>;
  etag?: string;
  sourceClientSettingsId?: string;
  heartbeatIntervalSeconds?: number;
}

export interface Offer {
  sessionId: string;
  type: SessionType;
  accessLevel: AccessLevel;
  viewer: string;
  reason: string | null;
  consentRequired: boolean;
  consentDeadline: string | null;
  relayUrl: string;
  agentTicket?: string;
  agentTicketExpiresAt?: string;
}

export interface ConsentResult {
  sessionId: string;
  state: SessionState;
  agentTicket?: string;
  agentTicketExpiresAt?: string;
  relayUrl?: string;
}
