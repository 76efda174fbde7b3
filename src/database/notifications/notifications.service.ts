import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter, once } from 'node:events';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';

const FIRST_RETRY_MS = 250;
/** Short: a refused connection costs nothing, and every NOTIFY until the reconnect is lost (caught up after). */
const MAX_RETRY_MS = 2_000;

export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /**
   * Runs after every (re)connection, once the channel is LISTENed again:
   * NOTIFYs sent while the connection was down are gone, so each user
   * catches up here (re-reads what it watches). Also runs after the first
   * connection, which closes the race between "check the table" and "LISTEN".
   */
  onReconnect?: () => void | Promise<void>;
}

interface Subscription {
  channel: string;
  handler: NotificationHandler;
  onReconnect?: ListenOptions['onReconnect'];
}

/**
 * PostgreSQL LISTEN/NOTIFY for the whole process: one connection outside the
 * pool, opened on the first `listen`, re-opened with backoff when it drops
 * (the database restarted, a network cut), re-LISTENing every channel and
 * then calling each subscriber's `onReconnect` so it can catch up.
 */
@Injectable()
export class Notifications implements OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly subscriptions = new Set<Subscription>();
  private client: Client | undefined;
  /** Channels LISTENed on the current connection. */
  private listened = new Set<string>();
  private readonly changed = new EventEmitter();
  private connecting = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {
    // Every agent long poll waits on it while the connection is down.
    this.changed.setMaxListeners(0);
  }

  /** Calls `handler` with the payload of every NOTIFY on `channel`; returns a function that stops it. */
  listen(channel: string, handler: NotificationHandler, options: ListenOptions = {}): () => void {
    assertChannelName(channel);
    const subscription: Subscription = { channel, handler, onReconnect: options.onReconnect };
    const newChannel = !this.channels().has(channel);
    this.subscriptions.add(subscription);
    if (this.client && newChannel) {
      const client = this.client;
      // Listened now on the open connection; if that fails the connection is lost and the reconnect LISTENs it.
      client.query(`LISTEN ${channel}`).then(
        () => {
          if (this.client === client) this.markListened(channel);
          return this.catchUp([subscription]);
        },
        () => undefined,
      );
    } else if (this.client) {
      void this.catchUp([subscription]);
    } else {
      this.connectSoon(0);
    }
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /** True while the connection is up (for readiness and tests). */
  isListening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Resolves true once every subscribed channel is LISTENed on a live
   * connection, false after `timeoutMs`: for callers that want a NOTIFY sent
   * right after they subscribe (a GraphQL subscription) not to be missed.
   */
  async whenListening(timeoutMs = 5000): Promise<boolean> {
    const deadline = AbortSignal.timeout(timeoutMs);
    while (!(this.client && [...this.channels()].every((channel) => this.listened.has(channel)))) {
      try {
        await once(this.changed, 'listened', { signal: deadline });
      } catch {
        return false;
      }
    }
    return true;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private channels(): Set<string> {
    return new Set([...this.subscriptions].map((s) => s.channel));
  }

  private markListened(channel: string): void {
    this.listened.add(channel);
    this.changed.emit('listened');
  }

  private unlistened(listened: Set<string>): string | undefined {
    return [...this.channels()].find((channel) => !listened.has(channel));
  }

  private connectSoon(delayMs: number): void {
    if (this.stopped || this.connecting || this.client || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delayMs);
    this.retryTimer.unref();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting || this.client) return;
    this.connecting = true;
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({ connectionString: url, application_name: 'rcgate-listen', keepAlive: true, connectionTimeoutMillis: 5000 });
    let lost: Error | true | undefined;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = error ?? true;
      // Until it is installed, connect() below sees `lost` and schedules the retry itself.
      if (this.client !== client) return;
      this.client = undefined;
      this.listened = new Set();
      void client.end().catch(() => undefined);
      this.reconnectLater(error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message: Notification) => this.dispatch(message));
    // Channels subscribed while this was connecting are LISTENed too.
    const listened = new Set<string>();
    try {
      await client.connect();
      for (let next = this.unlistened(listened); next; next = this.unlistened(listened)) {
        await client.query(`LISTEN ${next}`);
        listened.add(next);
      }
    } catch (error) {
      lost ??= error as Error;
    }
    this.connecting = false;
    if (lost || this.stopped) {
      await client.end().catch(() => undefined);
      if (lost) this.reconnectLater(lost === true ? undefined : lost);
      return;
    }
    if (this.retryMs > FIRST_RETRY_MS) this.logger.log('notifications connection restored');
    this.client = client;
    this.listened = listened;
    this.changed.emit('listened');
    this.retryMs = FIRST_RETRY_MS;
    await this.catchUp([...this.subscriptions]);
  }

  private reconnectLater(error?: Error): void {
    if (this.stopped) return;
    this.logger.warn({ err: error?.message, retryInMs: this.retryMs }, 'notifications connection lost; reconnecting');
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.connectSoon(delay);
  }

  private async catchUp(subscriptions: Subscription[]): Promise<void> {
    for (const { onReconnect, channel } of subscriptions) {
      if (!onReconnect) continue;
      try {
        await onReconnect();
      } catch (error) {
        this.logger.warn({ err: error, channel }, 'could not catch up on missed notifications');
      }
    }
  }

  private dispatch(message: Notification): void {
    for (const { channel, handler } of this.subscriptions) {
      if (channel !== message.channel) continue;
      try {
        handler(message.payload ?? '');
      } catch (error) {
        this.logger.warn({ err: error, channel }, 'a notification handler failed');
      }
    }
  }
}

/** Channel names are ours (constants), but LISTEN cannot take a parameter: refuse anything that is not a plain identifier. */
function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
}
