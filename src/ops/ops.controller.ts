import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/authz/auth.decorators';
import { ServiceUnavailableError } from '../common/errors/domain-error';
import { Metrics } from './metrics';

/** Liveness, readiness and metrics, outside /api/v1 and without a token, for orchestrators; never rate limited. */
@ApiExcludeController()
@SkipThrottle()
@Controller()
export class OpsController {
  constructor(private readonly dataSource: DataSource, private readonly metrics: Metrics) {}

  @Get('healthz')
  @Public()
  @Header('Cache-Control', 'no-store')
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Public()
  @Header('Cache-Control', 'no-store')
  async readyz() {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
      if (await withTimeout(this.dataSource.showMigrations(), 2000)) {
        throw new ServiceUnavailableError('Database migrations are pending.');
      }
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      throw new ServiceUnavailableError('The database is unreachable.');
    }
    return { status: 'ok', checks: { database: 'ok', migrations: 'ok' } };
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
