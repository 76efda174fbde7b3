import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { databaseFailureOf } from '../common/errors/database-failure';
import { TicketFailureLimiter } from '../common/limits/limits.module';
import { forwardedClientAddress, ProxyTrust, proxyTrustOf } from '../common/http/proxy-trust';
import { clientAddressOf, sourceAddressOf } from '../common/limits/source-address';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { isRelayConnectPath, isUnderRelayPrefix, readConnectRequest, selectSubprotocol } from './relay-connect-request';
import { RelayAuditor } from './relay-auditor';
import { RelayCloseCode, RelayCloseReason } from './relay-close-codes';
import { RelaySessions } from './relay-sessions';
import { TicketAdmission } from './ticket-admission';

export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * The relay's WebSocket endpoint, /relay/v1/connect, on the HTTP server Nest
 * listens with. Each connection is held paused while its ticket is checked,
 * then handed to RelaySessions; a refusal is audited and closed with 4401.
 * Nothing about a ticket is ever logged.
 */
@Injectable()
export class RelayGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RelayGateway');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, handleProtocols: selectSubprotocol });
  private server: Server | undefined;
  private readonly trust: ProxyTrust;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.upgrade(req, socket, head);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly admission: TicketAdmission,
    private readonly sessions: RelaySessions,
    private readonly auditor: RelayAuditor,
    private readonly failures: TicketFailureLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.trust = proxyTrustOf(config.trustedProxies);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    this.server?.on('upgrade', this.onUpgrade);
  }

  onModuleDestroy(): void {
    this.server?.off('upgrade', this.onUpgrade);
  }

  /** Every relay socket on this node (waiting, paired, or having its ticket checked). */
  connections(): ReadonlySet<WebSocket> {
    return this.wss.clients;
  }

  /**
   * Shutdown, after the sessions were ended: closes sockets still having
   * their ticket checked, gives every close handshake `graceMs`, then drops
   * whatever is left.
   */
  async closeAll(graceMs: number): Promise<void> {
    for (const ws of this.wss.clients) closeNow(ws, RelayCloseCode.GoingAway, RelayCloseReason.relayShuttingDown);
    const deadline = Date.now() + graceMs;
    while (this.wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const ws of this.wss.clients) ws.terminate();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!isRelayConnectPath(req.url)) {
      // Paths outside /relay/ belong to other listeners (GraphQL subscriptions on /graphql).
      if (isUnderRelayPrefix(req.url)) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    // A module-level listener: a closure here would share this scope and keep `req` (and its headers) for the socket's life.
    socket.on('error', ignore);
    // The client behind a trusted proxy (X-Forwarded-For from anyone else is ignored).
    const client = { ip: forwardedClientAddress(req, this.trust), socket: req.socket };
    // An address that keeps presenting bad tickets is turned away before any ticket or database work.
    const source = sourceAddressOf(client);
    const retryAfter = this.failures.retryAfter(source);
    if (retryAfter > 0) {
      this.auditor.throttled();
      refuseUpgrade(socket, 429, 'Too Many Requests', `Retry-After: ${retryAfter}\r\n`);
      return;
    }
    try {
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.admit(ws, req, source, clientAddressOf(client)));
    } catch (error) {
      this.logger.warn({ err: error }, 'relay upgrade failed');
      socket.destroy();
    }
  }

  private async admit(ws: WebSocket, req: IncomingMessage, source: string, clientAddress: string | undefined): Promise<void> {
    // Whatever the client sends before its ticket is accepted waits in the socket.
    ws.pause();
    ws.on('error', ignore);
    const request = readConnectRequest(req, clientAddress);
    try {
      const admission = await this.admission.admit(request);
      if (!admission.admitted) {
        this.failures.record(source);
        const { reason, sessionId } = admission.rejection;
        this.logger.debug({ reason, sessionId, remoteAddress: request.remoteAddress }, 'relay connection refused');
        await this.auditor.rejected(admission.rejection, request.remoteAddress);
        return closeNow(ws, RelayCloseCode.TicketRejected, admission.rejection.reason);
      }
      if (ws.readyState !== WebSocket.OPEN) return;
      const { session, role } = admission;
      if (this.sessions.join(session, role, ws) === 'rejected') {
        // The broker has sent 4409; reading lets the close handshake finish.
        ws.resume();
        const rejection = { reason: 'peerAlreadyConnected' as const, sessionId: session.id, deviceId: session.deviceId, role };
        await this.auditor.rejected(rejection, request.remoteAddress);
      }
    } catch (error) {
      if (databaseFailureOf(error)) {
        // Live sessions are not affected; this one may retry with the same ticket (its use was rolled back).
        this.logger.warn({ err: describe(error) }, 'relay admission failed: the database is unreachable');
        return closeNow(ws, RelayCloseCode.TryAgainLater, RelayCloseReason.databaseUnavailable);
      }
      this.logger.error({ err: describe(error) }, 'relay admission failed');
      closeNow(ws, RelayCloseCode.InternalError, RelayCloseReason.internalError);
    }
  }
}

function closeNow(ws: WebSocket, code: number, reason: string): void {
  ws.resume();
  if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
}

function ignore(): void {}

function refuseUpgrade(socket: Duplex, status: number, text: string, headers = ''): void {
  socket.on('error', ignore);
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n${headers}\r\n`);
}

/** Name and message only: a driver error's parameters are not for the log. */
function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
