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
 */
@Injectable()
export class DeadRelaySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeadRelaySweeper');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

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
        const deadNodes = await this.relayNodes.deadNodesWithSessions();
        if (deadNodes.length === 0) return 0;
        const sessionIds = await this.repository.unfinishedOn(deadNodes, tx);
        for (const sessionId of sessionIds) await this.lifecycle.end(sessionId, 'relayLost', SYSTEM_ACTOR, undefined, tx);
        this.logger.warn({ relayNodes: deadNodes, sessions: sessionIds.length }, 'ended the sessions of relay nodes that stopped heart-beating');
        return sessionIds.length;
      });
    } catch (error) {
      this.logger.warn({ err: error }, 'relay sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
