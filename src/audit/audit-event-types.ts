/** Every audit event type, declared in one place (domain.md "Audit event types"). */
export const AUDIT_EVENT_TYPES = [
  'principalCreated',
  'principalChanged',
  'principalDeleted',
  'tokenCreated',
  'tokenRevoked',
  'authenticationFailed',
  'enrolmentKeyCreated',
  'enrolmentKeyRevoked',
  'deviceEnrolled',
  'deviceChanged',
  'deviceDeleted',
  'siteChanged',
  'collectionChanged',
  'clientSettingsChanged',
  'clientSettingsDeployed',
  'clientSettingsUndeployed',
  'sessionRequested',
  'sessionDenied',
  'consentGranted',
  'consentDenied',
  'ticketIssued',
  'ticketRejected',
  'sessionStarted',
  'sessionEnded',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** What a caller hands to AuditService.append. */
export interface AuditEvent {
  type: AuditEventType;
  actor: string;
  sessionId?: string | null;
  deviceId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
