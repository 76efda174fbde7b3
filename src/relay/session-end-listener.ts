import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { Notifications } from '../database/notifications/notifications.service';
import { SESSION_CHANNEL } from '../sessions/session-states';
import { RelaySessions } from './relay-sessions';
import { RelaySessionsRepository } from './relay-sessions.repository';

/**
 * Closes this node's sockets of a session that ended elsewhere (an
 * administrator on another API node, the reaper, a sweeper), on the NOTIFY
 * that SessionLifecycleService sends. After the notifications connection
 * comes back it catches up on the ends it missed.
 */
@Injectable()
export class SessionEndListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SessionEndListener');
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly notifications: Notifications,
    private readonly sessions: RelaySessions,
    private readonly repository: RelaySessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    this.unlisten = this.notifications.listen(SESSION_CHANNEL, (payload) => this.onNotification(payload), { onReconnect: () => this.catchUp() });
  }

  onModuleDestroy(): void {
    this.unlisten?.();
  }

  isListening(): boolean {
    return this.unlisten !== undefined && this.notifications.isListening();
  }

  /** Sessions that ended while nobody was listening. */
  private async catchUp(): Promise<void> {
    try {
      for (const { id, endReason } of await this.repository.endedAmong(this.sessions.heldIds())) this.sessions.end(id, endReason ?? 'ended');
    } catch (error) {
      this.logger.warn({ err: error }, 'could not check held sessions after reconnecting');
    }
  }

  private onNotification(payload: string): void {
    try {
      const signal = JSON.parse(payload) as { id?: unknown; state?: unknown; endReason?: unknown };
      if (signal.state !== 'ended' || typeof signal.id !== 'string') return;
      this.sessions.end(signal.id, typeof signal.endReason === 'string' ? signal.endReason : 'ended');
    } catch {
      // Not a signal this node understands; nothing to close.
    }
  }
}
