import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { OFFER_CHANNEL } from '../sessions/session-states';

type Wake = () => void;

/**
 * Wakes long-polling agents when an offer for their device is NOTIFYed: one
 * LISTEN connection per process, never a polling loop on the table.
 */
@Injectable()
export class OfferWaiter implements OnApplicationShutdown {
  private readonly logger = new Logger('OfferWaiter');
  private readonly waiting = new Map<string, Set<Wake>>();
  private client?: Promise<Client>;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Registers first, so a NOTIFY between "check" and "wait" is never lost. */
  async register(deviceId: string, timeoutMs: number): Promise<{ woken: Promise<void>; cancel: () => void }> {
    await this.connection();
    let wake!: Wake;
    let timer: NodeJS.Timeout;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    const set = this.waiting.get(deviceId) ?? new Set<Wake>();
    set.add(wake);
    this.waiting.set(deviceId, set);
    const cancel = () => {
      clearTimeout(timer);
      set.delete(wake);
      if (set.size === 0) this.waiting.delete(deviceId);
      wake();
    };
    void woken.then(cancel);
    return { woken, cancel };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const set of this.waiting.values()) for (const wake of set) wake();
    const client = await this.client?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'rcgate-offers' });
      client.on('notification', (message) => {
        for (const wake of this.waiting.get(message.payload ?? '') ?? []) wake();
      });
      client.on('error', (error) => {
        this.logger.warn({ err: error }, 'offer listener lost its connection; reconnecting');
        this.client = undefined;
        // Waiters re-check the table when woken, so waking them all loses nothing.
        for (const set of this.waiting.values()) for (const wake of set) wake();
      });
      await client.connect();
      await client.query(`LISTEN ${OFFER_CHANNEL}`);
      if (this.closed) await client.end();
      return client;
    })();
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }
}
