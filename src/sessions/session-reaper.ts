import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionsRepository } from './sessions.repository';

const INTERVAL_MS = 1000;

/**
 * Ends sessions whose clock ran out: consent not answered in time, tickets
 * expired before both sides joined, maximum duration reached. Ending is
 * idempotent under a row lock, so several API nodes may run this at once.
 */
@Injectable()
export class SessionReaper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SessionReaper');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly repository: SessionsRepository, private readonly lifecycle: SessionLifecycleService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const overdue = await this.repository.overdue();
      for (const { id, reason } of overdue) await this.lifecycle.end(id, reason, 'system');
      return overdue.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'session sweep failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
