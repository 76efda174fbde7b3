import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/authz/auth.decorators';
import { ServiceUnavailableError } from '../common/errors/domain-error';
import { DiskSpace } from './disk-space';
import { Metrics } from './metrics';

/** Liveness, readiness and metrics, outside /api/v1 and without a token, for orchestrators; never rate limited. */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class OpsController {
  constructor(private readonly dataSource: DataSource, private readonly metrics: Metrics, private readonly disk: DiskSpace) {}

  @Get('healthz')
  @Public()
  @Header('Cache-Control', 'no-store')
  healthz() {
    return { status: 'ok' };
  }

  /** 503 (with Retry-After) while the database is unreachable or not migrated, or the disk of DATA_DIR is nearly full. */
  @Get('readyz')
  @Public()
  @Header('Cache-Control', 'no-store')
  async readyz() {
    const disk = await this.disk.check().catch(() => undefined);
    const checks = { database: 'ok', migrations: 'ok', disk: disk?.ok === false ? 'low' : 'ok' };
    const problems: string[] = [];
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
      if (await withTimeout(this.dataSource.showMigrations(), 2000)) {
        checks.migrations = 'pending';
        problems.push('Database migrations are pending.');
      }
    } catch {
      checks.database = 'unreachable';
      checks.migrations = 'unknown';
      problems.push('The database is unreachable.');
    }
    if (disk?.ok === false) problems.push(`The disk of the data directory is almost full: ${disk.freeMb} MiB free, ${disk.minFreeMb} MiB required.`);
    if (problems.length > 0) throw new ServiceUnavailableError(problems.join(' '), 5, { checks });
    return { status: 'ok', checks };
  }

  @Get('metrics')
  @Public()
  async metricsText(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.end(await this.metrics.registry.metrics());
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}
