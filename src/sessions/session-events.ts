import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';
import { AUDIT_CHANNEL } from '../audit/audit-chain';
import { Notifications } from '../database/notifications/notifications.service';
import { SESSION_CHANNEL } from './session-states';

export interface SessionSignal {
  id: string;
  state: string;
  endReason: string | null;
}

/**
 * Cross-node events for GraphQL subscriptions: session changes and new audit
 * records over the process's LISTEN connection (NOTIFY is sent inside the
 * writing transaction, so only committed changes arrive). Changes made while
 * that connection was down are not replayed to subscribers: they are events,
 * and the state they describe can be read back with a query.
 */
@Injectable()
export class SessionEvents implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionEvents');
  private readonly emitter = new EventEmitter();
  private unlisten: (() => void)[] | undefined;

  constructor(private readonly notifications: Notifications) {
    this.emitter.setMaxListeners(0);
  }

  /** Session changes, as an async iterator that ends when the subscriber goes away. */
  async sessions(signal: AbortSignal): Promise<AsyncIterableIterator<[SessionSignal]>> {
    const events = on(this.emitter, 'session', { signal }) as AsyncIterableIterator<[SessionSignal]>;
    await this.listen();
    return events;
  }

  async auditSeqs(signal: AbortSignal): Promise<AsyncIterableIterator<[string]>> {
    const events = on(this.emitter, 'audit', { signal }) as AsyncIterableIterator<[string]>;
    await this.listen();
    return events;
  }

  /** Open GraphQL subscriptions on this node (operations and tests). */
  subscriberCount(): number {
    return this.emitter.listenerCount('session') + this.emitter.listenerCount('audit');
  }

  onApplicationShutdown(): void {
    for (const unlisten of this.unlisten ?? []) unlisten();
  }

  /** Subscribes once per process; waits (a bounded time) for LISTEN, so a change made right after subscribing arrives. */
  private async listen(): Promise<void> {
    this.unlisten ??= [
      this.notifications.listen(SESSION_CHANNEL, (payload) => {
        try {
          this.emitter.emit('session', JSON.parse(payload) as SessionSignal);
        } catch {
          this.logger.warn('ignored a malformed session notification');
        }
      }),
      this.notifications.listen(AUDIT_CHANNEL, (payload) => {
        if (payload) this.emitter.emit('audit', payload);
      }),
    ];
    await this.notifications.whenListening();
  }
}
