export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type NodeRole = 'all' | 'api' | 'relay';

/** The one typed view of the environment; nothing else reads process.env. */
export interface AppConfig {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  bootstrapAdminToken: string | undefined;
  logLevel: LogLevel;
  role: NodeRole;
  publicUrl: string | undefined;
  agentOfflineAfterSeconds: number;
  consentTimeoutSeconds: number;
  ticketTtlSeconds: number;
  sessionMaxSeconds: number;
  ticketSigningKey: string | undefined;
  ticketVerifyKey: string | undefined;
  relayPublicUrl: string | undefined;
  relayNodeTimeoutSeconds: number;
  /** Port of the standalone relay (`rcgate relay`, RCGATE_ROLE=relay); the embedded relay shares PORT. */
  relayPort: number;
  embeddedPostgresPort: number | undefined;
}
