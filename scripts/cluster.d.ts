import type { ChildProcess } from 'node:child_process';

/** Types of scripts/cluster.js, for test/cluster/cluster.spec.ts. */
export type ClusterNodeName = 'database' | 'proxy' | 'api1' | 'api2' | 'relay1' | 'relay2';

export interface ClusterNode {
  name: ClusterNodeName;
  role: 'database' | 'proxy' | 'api' | 'relay';
  /** http://127.0.0.1:<port> (postgres://… for the database) */
  url: string;
  port: number;
  logFile: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  process: ChildProcess | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Starts it (again, after kill/stop: same port, same DATA_DIR) and waits for its ready line. */
  start(timeoutMs?: number): Promise<ClusterNode>;
  /** Signals its PID (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export interface ClusterOptions {
  databaseUrl?: string;
  dataDir?: string;
  proxyPort?: number;
  env?: Record<string, string>;
  caddy?: string;
  log?: (line: string) => void;
}

export interface Cluster {
  /** The proxy: http://127.0.0.1:<port> */
  url: string;
  adminToken: string;
  databaseUrl: string;
  dataDir: string;
  logDir: string;
  embedded: boolean;
  nodes: Partial<Record<ClusterNodeName, ClusterNode>> & Record<'proxy' | 'api1' | 'api2' | 'relay1' | 'relay2', ClusterNode>;
  stop(): Promise<void>;
}

export class ClusterError extends Error {}
export function startCluster(options?: ClusterOptions): Promise<Cluster>;
