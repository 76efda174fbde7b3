import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { SESSION_CHANNEL } from '../sessions/session-states';
import { RelaySessions } from './relay-sessions';
import { RelaySessionsRepository } from './relay-sessions.repository';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/**
 * Closes this node's sockets of a session that ended elsewhere (an
 * administrator on another API node, the reaper, a sweeper), on the NOTIFY
 * that SessionLifecycleService sends. Uses a connection of its own, outside
 * the pool; reconnects with backoff and then catches up on what it missed.
 */
@Injectable()
export class SessionEndListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionEndListener');
  private client: Client | undefined;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: RelaySessions,
    private readonly repository: RelaySessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role !== 'api') await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  isListening(): boolean {
    return this.client !== undefined;
  }

  private async connect(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'rcgate-relay-listen' });
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      this.lost(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message: Notification) => this.onNotification(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
      if (lost) return;
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.retryMs = FIRST_RETRY_MS;
      await this.catchUp();
    } catch (error) {
      onLost(error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client === client) this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({ err: error?.message, retryInMs: this.retryMs }, 'session notifications lost; reconnecting');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  /** Sessions that ended while nobody was listening. */
  private async catchUp(): Promise<void> {
    try {
      for (const { id, endReason } of await this.repository.endedAmong(this.sessions.heldIds())) this.sessions.end(id, endReason ?? 'ended');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check held sessions after reconnecting');
    }
  }

  private onNotification(payload: string | undefined): void {
    try {
      const signal = JSON.parse(payload ?? '') as { id?: unknown; state?: unknown; endReason?: unknown };
      if (signal.state !== 'ended' || typeof signal.id !== 'string') return;
      this.sessions.end(signal.id, typeof signal.endReason === 'string' ? signal.endReason : 'ended');
    } catch {
      // Not a signal this node understands; nothing to close.
    }
  }
}
