import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { Metrics } from '../ops/metrics';
import { RelayNodesService } from '../sessions/relay-nodes/relay-nodes.service';
import { SessionLifecycleService } from '../sessions/session-lifecycle.service';
import { RelayAuditor } from './relay-auditor';
import { RelayGateway } from './relay-gateway';
import { relayNodeIdIn } from './relay-node-identity';
import { RelaySessions } from './relay-sessions';
import { RelaySessionsRepository } from './relay-sessions.repository';
import { SYSTEM_ACTOR } from './session-ending';

/** How long a graceful stop waits for close handshakes and for the last audit writes. */
const SHUTDOWN_GRACE_MS = 2000;

/** A third of the node timeout, so two lost heartbeats in a row do not make a live node look dead. */
export function heartbeatIntervalMs(config: AppConfig): number {
  return Math.min(5000, Math.max(1000, Math.floor((config.relayNodeTimeoutSeconds * 1000) / 3)));
}

/**
 * This process as a relay node: its persistent id, registration once the
 * server listens, heartbeats with the number of sessions it holds, and a
 * graceful stop that ends its sessions before it deregisters. On start it
 * ends what a previous run under the same id left open (`relayLost`).
 */
@Injectable()
export class RelayNode implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RelayNode');
  private nodeId: string | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private registered = false;
  private beating = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relayNodes: RelayNodesService,
    private readonly sessions: RelaySessions,
    private readonly gateway: RelayGateway,
    private readonly auditor: RelayAuditor,
    private readonly lifecycle: SessionLifecycleService,
    private readonly repository: RelaySessionsRepository,
    private readonly metrics: Metrics,
  ) {}

  get id(): string {
    return (this.nodeId ??= relayNodeIdIn(this.config.dataDir));
  }

  /** Runs before the server listens, so no new session can be mistaken for a leftover. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const leftovers = await this.repository.leftoversOf(this.id);
    for (const sessionId of leftovers) await this.lifecycle.end(sessionId, 'relayLost', SYSTEM_ACTOR);
    if (leftovers.length > 0) this.logger.warn({ nodeId: this.id, sessions: leftovers.length }, 'ended sessions a previous run of this relay node left open');
  }

  /** Call once the server listens: from then on the API may assign sessions to this node. */
  async start(publicUrl: string): Promise<void> {
    if (this.config.role === 'api' || this.registered) return;
    await this.relayNodes.register(this.id, publicUrl);
    this.registered = true;
    this.heartbeat = setInterval(() => void this.beat(), heartbeatIntervalMs(this.config));
    this.heartbeat.unref();
    this.logger.log({ nodeId: this.id, publicUrl }, 'relay node registered');
    if (/^wss?:\/\/(0\.0\.0\.0|\[::\])[:/]/.test(publicUrl)) {
      this.logger.warn({ publicUrl }, 'viewers and agents cannot reach a wildcard address; set RELAY_PUBLIC_URL (or PUBLIC_URL)');
    }
  }

  /** Stops heart-beating: the API stops assigning sessions here and sweepers will end those left. */
  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.config.role === 'api') return;
    this.stopHeartbeat();
    this.sessions.endAll('relayLost');
    await this.gateway.closeAll(SHUTDOWN_GRACE_MS);
    await this.auditor.drain(SHUTDOWN_GRACE_MS);
    if (!this.registered) return;
    await this.relayNodes.stop(this.id).catch((error: unknown) => this.logger.warn({ err: error }, 'could not deregister relay node'));
  }

  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    const { waiting, paired } = this.sessions.counts();
    this.metrics.relaySessions.set({ state: 'waiting' }, waiting);
    this.metrics.relaySessions.set({ state: 'paired' }, paired);
    try {
      await this.relayNodes.heartbeat(this.id, waiting + paired);
    } catch (error) {
      this.logger.warn({ err: error }, 'relay heartbeat failed');
    } finally {
      this.beating = false;
    }
  }
}
