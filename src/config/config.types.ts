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
  /** Requests per minute per API or device token (memory store: per node). */
  rateLimitPerMinute: number;
  /** Requests per minute per source address on routes that need no token. */
  rateLimitAnonPerMinute: number;
  /** Failed authentications per minute per source address before every attempt from it gets 429. */
  authFailuresPerMinute: number;
  /** Refused relay tickets per minute per source address before the relay answers upgrades with 429. */
  ticketFailuresPerMinute: number;
  /** WebSocket connections (relay and GraphQL subscriptions) open at once per source address; past it upgrades get 429. */
  wsConnectionsPerAddress: number;
  /** Node's requestTimeout (receiving a whole request); answers and WebSockets are not bounded by it. */
  requestTimeoutSeconds: number;
  /** Node's keepAliveTimeout: idle keep-alive connections stay open this long (longer than clients' and proxies' own idle timeouts). */
  keepAliveSeconds: number;
  /** Browser origins allowed by CORS; empty: no CORS headers at all. */
  corsOrigins: string[];
  /** Free space (MiB) below which the volume of DATA_DIR is reported full: /readyz red, warnings in the log. 0: no check. */
  minFreeDiskMb: number;
  /**
   * Peers whose X-Forwarded-For is believed (addresses, CIDR ranges, or
   * loopback/linklocal/uniquelocal); empty trusts no one. Used by Express's
   * `trust proxy` and by the WebSocket upgrade handlers alike.
   */
  trustedProxies: string[];
  /** Serve HTTPS with this certificate and key (read at start). */
  tls: TlsFiles | undefined;
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** PEM contents; never logged. */
  cert: string;
  key: string;
}
