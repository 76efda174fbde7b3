import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { bodyErrorMiddleware, bodyMiddleware } from './common/http/body.middleware';
import { traceIdMiddleware } from './common/http/trace-id.middleware';
import { AppConfig } from './config/config.types';
import { Metrics } from './ops/metrics';
import { mountOpenApi } from './openapi/openapi';

export const API_PREFIX = 'api/v1';
/** Routes that take bulk bodies (larger limit, NDJSON allowed). */
const BULK_PATHS = [/^\/api\/v1\/devices\/import$/];

export interface CreateAppOptions {
  /** Build the route graph without connecting to anything (OpenAPI generation). */
  preview?: boolean;
}

/** Builds the configured Nest application; the caller decides whether to listen. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
    preview: options.preview ?? false,
  });
  if (!options.preview) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  (app.getHttpAdapter().getInstance() as Application).locals.publicUrl = config.publicUrl;
  app.use(traceIdMiddleware);
  if (!options.preview) app.use(app.get(Metrics).middleware());
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(...bodyMiddleware(BULK_PATHS));
  app.use(bodyErrorMiddleware);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'healthz', method: RequestMethod.GET },
      { path: 'readyz', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  mountOpenApi(app);
  return app;
}

export type RcgateApp = INestApplication;
