import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { RelayNodesService } from '../sessions/relay-nodes/relay-nodes.service';
import { SessionLifecycleService } from '../sessions/session-lifecycle.service';
import { RelaySessionsRepository } from './relay-sessions.repository';
import { SYSTEM_ACTOR } from './session-ending';

/** Transaction-level advisory lock: one sweeper at a time across all API nodes. */
const SWEEP_LOCK = 7_245_011;

export function sweepIntervalMs(config: AppConfig): number {
  return Math.min(5000, Math.max(500, Math.floor((config.relayNodeTimeoutSeconds * 1000) / 4)));
}

/**
 * Ends, as `relayLost`, the unfinished sessions of relay nodes that stopped
 * heart-beating or stopped. Runs on API nodes; the sessions of one sweep end
 * in one transaction, so a failure leaves them all for the next sweep.
 *
 * A stale heartbeat only proves a node dead if the node could have written
 * one. While the database is down no relay can heart-beat, so right after it
 * returns every node looks dead. The rule: a node is declared dead only once
 * this sweeper has reached the database without a failure for a whole
 * RELAY_NODE_TIMEOUT_SECONDS (a live relay beats three times per timeout, so
 * by then every live node has beaten again), and never within that long of
 * the database server's own start (pg_postmaster_start_time, which covers an
 * API node that started during or right after the outage, or a sweep that
 * happened to fall between two failures). Nodes that stopped (stopped_at)
 * are not subject to the grace: they said so themselves. An outage shorter
 * than a sweep interval needs no rule: heartbeats are then at most
 * interval/3 + interval/4 old, under the timeout.
 */
@Injectable()
export class DeadRelaySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadRelaySweeper');
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Since when (ms) every sweep has reached the database; undefined after a failure. */
  private reachableSince: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relayNodes: RelayNodesService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly repository: RelaySessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'relay') return;
    this.timer = setInterval(() => void this.sweep(), sweepIntervalMs(this.config));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns how many sessions it ended (0 when another node holds the lock). */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [{ locked }] = (await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK])) as { locked: boolean }[];
        if (!locked) return 0;
        this.reachableSince ??= Date.now();
        const graceOver = Date.now() - this.reachableSince >= this.config.relayNodeTimeoutSeconds * 1000;
        const deadNodes = await this.relayNodes.deadNodesWithSessions(graceOver, tx);
        if (deadNodes.length === 0) return 0;
        const sessionIds = await this.repository.unfinishedOn(deadNodes, tx);
        for (const sessionId of sessionIds) await this.lifecycle.end(sessionId, 'relayLost', SYSTEM_ACTOR, undefined, tx);
        this.logger.warn({ relayNodes: deadNodes, sessions: sessionIds.length }, 'ended the sessions of relay nodes that stopped heart-beating');
        return sessionIds.length;
      });
    } catch (error) {
      this.reachableSince = undefined;
      this.logger.warn({ err: error }, 'relay sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
