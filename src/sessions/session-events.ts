import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';
import { Client } from 'pg';
import { AUDIT_CHANNEL } from '../audit/audit-chain';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { SESSION_CHANNEL } from './session-states';

export interface SessionSignal {
  id: string;
  state: string;
  endReason: string | null;
}

/**
 * Cross-node events for GraphQL subscriptions: one LISTEN connection per
 * process for session changes and new audit records (NOTIFY is sent inside
 * the writing transaction, so only committed changes arrive).
 */
@Injectable()
export class SessionEvents implements OnApplicationShutdown {
  private readonly logger = new Logger('SessionEvents');
  private readonly emitter = new EventEmitter();
  private client?: Promise<Client>;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.emitter.setMaxListeners(0);
  }

  /** Session changes, as an async iterator that ends when the subscriber goes away. */
  async sessions(signal: AbortSignal): Promise<AsyncIterableIterator<[SessionSignal]>> {
    await this.listen();
    return on(this.emitter, 'session', { signal }) as AsyncIterableIterator<[SessionSignal]>;
  }

  async auditSeqs(signal: AbortSignal): Promise<AsyncIterableIterator<[string]>> {
    await this.listen();
    return on(this.emitter, 'audit', { signal }) as AsyncIterableIterator<[string]>;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const client = await this.client?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'rcgate-events' });
      client.on('notification', (message) => {
        if (message.channel === SESSION_CHANNEL && message.payload) {
          try {
            this.emitter.emit('session', JSON.parse(message.payload) as SessionSignal);
          } catch {
            this.logger.warn('ignored a malformed session notification');
          }
        } else if (message.channel === AUDIT_CHANNEL && message.payload) {
          this.emitter.emit('audit', message.payload);
        }
      });
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'event listener lost its connection; reconnecting on next subscription');
        this.client = undefined;
      });
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
      await client.query(`LISTEN ${AUDIT_CHANNEL}`);
      if (this.closed) await client.end();
      return client;
    })();
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }
}
