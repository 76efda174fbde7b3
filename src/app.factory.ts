import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import type { Server } from 'node:http';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { graphqlBatchLimit } from './common/graphql/batch-limit.middleware';
import { bodyErrorMiddleware, bodyMiddleware } from './common/http/body.middleware';
import { applyServerTimeouts } from './common/http/server-timeouts';
import { traceIdMiddleware } from './common/http/trace-id.middleware';
import { AppConfig } from './config/config.types';
import { GRAPHQL_MAX_BATCH, isGraphqlPath } from './graphql/graphql.config';
import { Metrics } from './ops/metrics';
import { mountOpenApi } from './openapi/openapi';
import { refuseUnknownUpgrades } from './common/http/unknown-upgrades';
import { isUnderRelayPrefix } from './relay/relay-connect-request';
import { proxyTrustOf } from './common/http/proxy-trust';

export const API_PREFIX = 'api/v1';
/** Response headers a browser console may read across origins. */
const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Link', 'Retry-After', 'X-Error-Code', 'X-Trace-Id', 'Idempotent-Replayed', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
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
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  const server = app.getHttpServer() as Server | undefined;
  if (server) applyServerTimeouts(server, config);
  if (!options.preview) app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  if (!options.preview) refuseUnknownUpgrades(app.getHttpServer(), config.role === 'api' ? [isGraphqlPath] : [isGraphqlPath, isUnderRelayPrefix]);
  // X-Forwarded-For/-Proto/-Host are believed only from TRUSTED_PROXIES (default loopback).
  app.set('trust proxy', proxyTrustOf(config.trustedProxies));
  app.set('etag', false);
  (app.getHttpAdapter().getInstance() as Application).locals.publicUrl = config.publicUrl;
  app.use(traceIdMiddleware);
  // Off unless CORS_ORIGINS names origins; never with credentials (tokens travel in Authorization).
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, credentials: false, exposedHeaders: CORS_EXPOSED_HEADERS, maxAge: 600 });
  }
  if (!options.preview) app.use(app.get(Metrics).middleware());
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(...bodyMiddleware(BULK_PATHS));
  app.use(bodyErrorMiddleware);
  app.use(graphqlBatchLimit('/graphql', GRAPHQL_MAX_BATCH));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'healthz', method: RequestMethod.GET },
      { path: 'readyz', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      { path: 'viewer', method: RequestMethod.GET },
      { path: 'viewer/*path', method: RequestMethod.GET },
    ],
  });
  mountOpenApi(app);
  return app;
}

export type RcgateApp = INestApplication;
