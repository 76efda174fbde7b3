import { Logger } from '@nestjs/common';
import { Notifications } from '../../database/notifications/notifications.service';
import { TICKET_KEYS_CHANNEL } from './ticket-key.store';

/**
 * Tells this API node that the signing key may have changed: at once on
 * NOTIFY rcgate_keys (sent by `rcgate keys rotate`), and again whenever the
 * notifications connection comes back, since a rotation NOTIFYed while it
 * was down is lost.
 */
export class SigningKeyWatcher {
  private readonly logger = new Logger('SigningKeyWatcher');
  private unlisten: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly notifications: Notifications, private readonly onChange: () => Promise<void>) {}

  start(): void {
    // The first connection also "reconnects": the reload then is harmless (the key just loaded at start).
    this.unlisten = this.notifications.listen(TICKET_KEYS_CHANNEL, () => void this.fire(), { onReconnect: () => this.fire() });
  }

  stop(): void {
    this.stopped = true;
    this.unlisten?.();
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
