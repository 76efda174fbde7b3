import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { TICKET_KEYS_CHANNEL } from './ticket-key.store';

const RECONNECT_MS = 5_000;

/**
 * Tells this API node that the signing key may have changed: at once on
 * NOTIFY rcgate_keys (sent by `rcgate keys rotate`), and every `refreshMs`
 * anyway, so a notification lost with a dropped connection costs at most
 * that long.
 */
export class SigningKeyWatcher {
  private readonly logger = new Logger('SigningKeyWatcher');
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly databaseUrl: string | undefined, private readonly onChange: () => Promise<void>, private readonly refreshMs = 30_000) {}

  start(): void {
    this.timer = setInterval(() => void this.fire(), this.refreshMs);
    this.timer.unref();
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'rcgate-keys' });
    client.on('notification', () => void this.fire());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'key listener lost its connection; reconnecting');
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.retryLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TICKET_KEYS_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not listen for key rotations; retrying');
      await client.end().catch(() => undefined);
      return this.retryLater();
    }
    if (this.stopped) return void (await client.end().catch(() => undefined));
    this.client = client;
  }

  private retryLater(): void {
    if (!this.stopped) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }

  private async fire(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.onChange();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not reload the ticket signing key; still signing with the previous one');
    }
  }
}
