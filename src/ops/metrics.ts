import { Injectable, Optional } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { WebSocketConnectionLimit } from '../common/limits/websocket-connection-limit';

interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The process's Prometheus registry: HTTP latency by route and status, pool stats, Node defaults. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'rcgate_http_request_duration_seconds',
    help: 'HTTP request duration by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  /** Audit writes that failed and were retried in the background, so a live stream was not cut. */
  readonly auditWriteFailures = new Counter({
    name: 'rcgate_audit_write_failures_total',
    help: 'Audit writes that failed (each failed attempt), by event type',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  readonly relayTicketRejections = new Counter({
    name: 'rcgate_relay_ticket_rejections_total',
    help: 'Relay connections refused, by reason (rateLimited: turned away before the ticket was read)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly relaySessions = new Gauge({
    name: 'rcgate_relay_sessions',
    help: 'Sessions held by this relay node: waiting for a peer, or paired and streaming',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, @Optional() wsLimit?: WebSocketConnectionLimit) {
    collectDefaultMetrics({ register: this.registry, prefix: 'rcgate_' });
    if (wsLimit) this.websocketConnectionMetrics(wsLimit);
    const pool = () => (dataSource.driver as unknown as { master?: PoolStats }).master;
    new Gauge({
      name: 'rcgate_db_pool_connections',
      help: 'PostgreSQL pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const stats = pool();
        if (!stats) return;
        this.set({ state: 'total' }, stats.totalCount);
        this.set({ state: 'idle' }, stats.idleCount);
        this.set({ state: 'waiting' }, stats.waitingCount);
      },
    });
  }

  private websocketConnectionMetrics(limit: WebSocketConnectionLimit): void {
    new Gauge({
      name: 'rcgate_websocket_connections',
      help: 'WebSocket connections open on this node (relay and GraphQL subscriptions), counted from the upgrade request',
      registers: [this.registry],
      collect() {
        this.set(limit.counter.total);
      },
    });
    new Counter({
      name: 'rcgate_websocket_upgrades_refused_total',
      help: 'WebSocket upgrades answered 429 because their source address held WS_CONNECTIONS_PER_ADDRESS connections',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(limit.counter.refused);
      },
    });
  }

  /** Express middleware timing every request under its route template, never the raw URL. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const route = req.route?.path ? `${req.baseUrl ?? ''}${String(req.route.path)}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}
