import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';

const WARN_EVERY_MS = 60_000;
const MIB = 1024 * 1024;

export interface DiskCheck {
  ok: boolean;
  freeMb: number;
  minFreeMb: number;
}

/**
 * Free space on the volume of DATA_DIR (the embedded PostgreSQL, relay id,
 * admin token): below MIN_FREE_DISK_MB, /readyz goes red and the log says so
 * at start and every minute, before PostgreSQL runs out and refuses writes
 * (which the API then reports as 507 storageFull).
 */
@Injectable()
export class DiskSpace implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DiskSpace');
  private timer: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.minFreeDiskMb === 0) return;
    await this.warnIfLow();
    this.timer = setInterval(() => void this.warnIfLow(), WARN_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async check(): Promise<DiskCheck> {
    const minFreeMb = this.config.minFreeDiskMb;
    if (minFreeMb === 0) return { ok: true, freeMb: Number.NaN, minFreeMb };
    const stats = await statfs(existingAncestor(this.config.dataDir));
    const freeMb = Math.floor((Number(stats.bavail) * Number(stats.bsize)) / MIB);
    return { ok: freeMb >= minFreeMb, freeMb, minFreeMb };
  }

  private async warnIfLow(): Promise<void> {
    try {
      const { ok, freeMb, minFreeMb } = await this.check();
      if (!ok) {
        this.logger.warn(
          { dataDir: this.config.dataDir, freeMb, minFreeMb },
          `disk almost full: ${freeMb} MiB free on the volume of DATA_DIR ${this.config.dataDir}, below MIN_FREE_DISK_MB=${minFreeMb}; free space before the database refuses writes`,
        );
      }
    } catch (error) {
      this.logger.warn({ err: error, dataDir: this.config.dataDir }, 'could not read the free space of DATA_DIR');
    }
  }
}

/** DATA_DIR itself, or (before it is created) the nearest directory above it. */
function existingAncestor(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
