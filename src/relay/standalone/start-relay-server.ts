import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { proxyTrustOf } from '../../common/http/proxy-trust';
import { applyServerTimeouts } from '../../common/http/server-timeouts';
import { refuseUnknownUpgrades } from '../../common/http/unknown-upgrades';
import { isUnderRelayPrefix } from '../relay-connect-request';
import { traceIdMiddleware } from '../../common/http/trace-id.middleware';
import { AppConfig } from '../../config/config.types';
import { Metrics } from '../../ops/metrics';
import type { RunningServer } from '../../server';
import { startRelayNode } from '../start-relay-node';
import { RelayAppModule } from './relay-app.module';

/**
 * Starts the relay alone on RELAY_PORT against the API's database. The
 * signing key is dropped from its configuration before anything starts, so
 * nothing in this process can load it; tickets are checked with
 * TICKET_VERIFY_KEY or the public keys the API publishes in ticket_keys.
 */
export interface RunningRelay extends RunningServer {
  app: NestExpressApplication;
}

export async function startRelayServer(initial: AppConfig): Promise<RunningRelay> {
  if (!initial.databaseUrl) {
    throw new Error('the standalone relay needs DATABASE_URL: the PostgreSQL database of the rcgate API');
  }
  const config: AppConfig = { ...initial, role: 'relay', ticketSigningKey: undefined };
  const app = await NestFactory.create<NestExpressApplication>(RelayAppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
    ...(config.tls ? { httpsOptions: { cert: config.tls.cert, key: config.tls.key } } : {}),
  });
  try {
    applyServerTimeouts(app.getHttpServer(), config);
    refuseUnknownUpgrades(app.getHttpServer(), [isUnderRelayPrefix]);
    app.useLogger(app.get(Logger));
    app.disable('x-powered-by');
    app.set('trust proxy', proxyTrustOf(config.trustedProxies));
    app.use(traceIdMiddleware);
    app.use(app.get(Metrics).middleware());
    await app.init();
    await app.listen(config.relayPort, config.host);
    await startRelayNode(app, config);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.relayPort;
  let stopping: Promise<void> | undefined;
  return {
    app,
    url: `${config.tls ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    config,
    stop: () => (stopping ??= app.close()),
  };
}
