import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Notifications } from '../database/notifications/notifications.service';
import { OFFER_CHANNEL } from '../sessions/session-states';

type Wake = () => void;

/** Without a LISTEN connection by then the table check that follows fails too (503), or the catch-up on reconnect wakes us. */
const LISTEN_WAIT_MS = 5000;

/**
 * Wakes long-polling agents when an offer for their device is NOTIFYed
 * (the process's one LISTEN connection, never a polling loop on the table).
 * When that connection comes back after a drop every waiter is woken: each
 * re-checks the table, so an offer NOTIFYed meanwhile is not missed.
 */
@Injectable()
export class OfferWaiter implements OnApplicationShutdown {
  private readonly waiting = new Map<string, Set<Wake>>();
  private unlisten: (() => void) | undefined;

  constructor(private readonly notifications: Notifications) {}

  /**
   * Registers first, so a NOTIFY between "check" and "wait" is never lost;
   * waits (bounded) for LISTEN so the first poll is not woken by the first
   * connection's catch-up.
   */
  async register(deviceId: string, timeoutMs: number): Promise<{ woken: Promise<void>; cancel: () => void }> {
    this.unlisten ??= this.notifications.listen(OFFER_CHANNEL, (payload) => this.wake(this.waiting.get(payload)), { onReconnect: () => this.wakeAll() });
    await this.notifications.whenListening(LISTEN_WAIT_MS);
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

  onApplicationShutdown(): void {
    this.unlisten?.();
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const set of this.waiting.values()) this.wake(set);
  }

  private wake(set: Set<Wake> | undefined): void {
    for (const wake of set ?? []) wake();
  }
}
