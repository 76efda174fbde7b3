import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { INestApplication, LoggerService } from '@nestjs/common';
import WebSocket from 'ws';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../src/audit/audit.service';
import { Clock } from '../../../src/common/clock/clock';
import { loadConfig } from '../../../src/config/config.loader';
import { Notifications } from '../../../src/database/notifications/notifications.service';
import { AppConfig } from '../../../src/config/config.types';
import { RelayNode } from '../../../src/relay/relay-node.service';
import { RunningRelay, startRelayServer } from '../../../src/relay/standalone/start-relay-server';
import { startRelayNode } from '../../../src/relay/start-relay-node';
import { SessionEntity } from '../../../src/sessions/session.entity';
import { TicketKeyStore } from '../../../src/sessions/tickets/ticket-key.store';
import { TicketsService } from '../../../src/sessions/tickets/tickets.service';
import { bearer, startTestApp, TestApp } from '../../support/test-app';

/** Anything that runs a relay: the API with its embedded relay, or a standalone relay. */
export interface RelayHost {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  nodeId: string;
  /** ws://127.0.0.1:<port>/relay/v1/connect */
  relayUrl: string;
}

export type RelayTestApp = TestApp & RelayHost;

/** The API with its embedded relay, listening on 127.0.0.1 and registered as a relay node. */
export async function startRelayTestApp(env: Record<string, string> = {}): Promise<RelayTestApp> {
  const t = await startTestApp({ RELAY_NODE_TIMEOUT_SECONDS: '3', ...env });
  await t.app.listen(0, '127.0.0.1');
  await startRelayNode(t.app, t.config);
  return { ...t, nodeId: t.app.get(RelayNode).id, relayUrl: relayUrlOf(t.app) };
}

/** A standalone relay (RCGATE_ROLE=relay) on the database of `api`. */
export async function startStandaloneRelay(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningRelay & RelayHost> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rcgate-relay-')),
    LOG_LEVEL: 'silent',
    RELAY_PORT: '0',
    RELAY_NODE_TIMEOUT_SECONDS: '3',
    ...env,
  });
  const relay = await startRelayServer(config);
  return { ...relay, dataSource: relay.app.get(DataSource), nodeId: relay.app.get(RelayNode).id, relayUrl: relayUrlOf(relay.app) };
}

function relayUrlOf(app: INestApplication): string {
  return `ws://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/relay/v1/connect`;
}

/** A `ready` session assigned to `host`'s relay node, as POST /sessions would leave it. */
export async function createSession(host: RelayHost, values: Partial<SessionEntity> = {}): Promise<SessionEntity> {
  const repository = host.dataSource.getRepository(SessionEntity);
  return repository.save(
    repository.create({
      deviceId: randomUUID(),
      type: 'remoteControl',
      accessLevel: 'fullControl',
      viewer: 'admin',
      viewerPrincipalId: randomUUID(),
      state: 'ready',
      endReason: null,
      reason: null,
      consentRequired: false,
      consentDeadline: null,
      joinDeadline: null,
      maxEndAt: new Date(Date.now() + 3_600_000),
      relayNodeId: host.nodeId,
      relayUrl: host.relayUrl,
      ...values,
    }),
  );
}

/** Mints tickets the way the sessions service does (signed by the API's key, recorded by jti hash, audited). */
export async function mintTicket(api: TestApp, session: SessionEntity, role: 'viewer' | 'agent'): Promise<string> {
  const tickets = new TicketsService(api.app.get(TicketKeyStore), api.app.get(AuditService), api.app.get(Clock), api.config, api.app.get(Notifications));
  const signed = await api.dataSource.transaction((tx) => tickets.mint(tx, session, role, role === 'viewer' ? session.viewer : 'system'));
  return signed.ticket;
}

export async function sessionRow(host: { dataSource: DataSource }, id: string): Promise<SessionEntity> {
  return host.dataSource.getRepository(SessionEntity).findOneByOrFail({ id });
}

export interface Closed {
  code: number;
  reason: string;
}

/** A viewer or agent talking to the relay: what it received, and how it was closed. */
export interface RelayClient {
  ws: WebSocket;
  received: Buffer[];
  bytesReceived: () => number;
  closed: Promise<Closed>;
}

export interface ConnectOptions {
  /** Where the ticket rides: the subprotocol header (as browsers and the CLI send it) or the query string. */
  via?: 'subprotocol' | 'query';
  /** `?role=`: the side the client says it is. */
  role?: string;
}

/** Opens a relay connection and resolves once the WebSocket handshake is done. */
export async function connect(relayUrl: string, ticket: string | undefined, options: ConnectOptions = {}): Promise<RelayClient> {
  const query = new URLSearchParams();
  if (ticket !== undefined && options.via === 'query') query.set('ticket', ticket);
  if (options.role) query.set('role', options.role);
  const url = query.toString() ? `${relayUrl}?${query}` : relayUrl;
  const protocols = ticket !== undefined && options.via !== 'query' ? ['rcgate.v1', `rcgate.ticket.${ticket}`] : ['rcgate.v1'];
  const ws = new WebSocket(url, protocols, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => undefined);
  const received: Buffer[] = [];
  ws.on('message', (data: Buffer) => received.push(data));
  const closed = new Promise<Closed>((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, received, bytesReceived: () => received.reduce((sum, chunk) => sum + chunk.length, 0), closed };
}

export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export async function auditRecords(host: { dataSource: DataSource }, type: string, sessionId?: string) {
  return (await host.dataSource.query(
    `SELECT actor, session_id AS "sessionId", device_id AS "deviceId", details FROM audit_records WHERE type = $1 AND ($2::uuid IS NULL OR session_id = $2) ORDER BY seq`,
    [type, sessionId ?? null],
  )) as { actor: string; sessionId: string | null; deviceId: string | null; details: Record<string, unknown> }[];
}

/**
 * GET /audit-records/verify once the relay's background writes have settled
 * (the verifier reads the records and the chain head in separate statements,
 * so an append landing in between reads as a break).
 */
export async function verifiedAuditChain(api: TestApp): Promise<{ valid: boolean; firstBrokenSeq: number | null }> {
  const count = async () => Number(((await api.dataSource.query('SELECT count(*) AS n FROM audit_records')) as { n: string }[])[0].n);
  let last = -1;
  await waitFor(async () => {
    const now = await count();
    const stable = now === last;
    last = now;
    if (!stable) await new Promise((resolve) => setTimeout(resolve, 300));
    return stable;
  }, 10_000, 'audit writes to settle');
  const res = await api.http().get('/api/v1/audit-records/verify').set(bearer(api.adminToken)).expect(200);
  return res.body as { valid: boolean; firstBrokenSeq: number | null };
}

/** Every Nest log call, formatted in full, so tests can search it for secrets. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => this.capture(args);
  error = (...args: unknown[]) => this.capture(args);
  warn = (...args: unknown[]) => this.capture(args);
  debug = (...args: unknown[]) => this.capture(args);
  verbose = (...args: unknown[]) => this.capture(args);
  fatal = (...args: unknown[]) => this.capture(args);

  private capture(args: unknown[]): void {
    this.lines.push(inspect(args, { depth: 8, breakLength: Infinity }));
  }
}
