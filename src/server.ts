import type { Server } from 'node:http';
import { AdminBootstrap } from './auth/admin-bootstrap';
import { createApp } from './app.factory';
import { AppConfig } from './config/config.types';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { startRelayServer } from './relay/standalone/start-relay-server';
import { startRelayNode } from './relay/start-relay-node';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  config: AppConfig;
  stop(): Promise<void>;
}

/** Uses DATABASE_URL, or starts the embedded PostgreSQL in DATA_DIR/postgres. */
export async function resolveDatabase(config: AppConfig): Promise<{ config: AppConfig; embedded?: EmbeddedDatabase }> {
  if (config.databaseUrl) return { config };
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // As root, the embedded server runs as 'postgres' and must pass through DATA_DIR (not list it).
  if (process.getuid?.() === 0) chmodSync(config.dataDir, 0o711);
  const embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres'), port: config.embeddedPostgresPort });
  return { config: { ...config, databaseUrl: embedded.url }, embedded };
}

/** Starts rcgate: database, migrations, first administrator, HTTP(S), the embedded relay. RCGATE_ROLE=relay starts only the relay. */
export async function startServer(initial: AppConfig): Promise<RunningServer> {
  if (initial.role === 'relay') return startRelayServer(initial);
  const { config, embedded } = await resolveDatabase(initial);
  let app;
  try {
    app = await createApp(config);
    await app.init();
    await app.get(AdminBootstrap).run();
    await app.listen(config.port, config.host);
    // Registered only now, under the address actually bound, so the API never sends anyone to a relay not yet listening.
    await startRelayNode(app, config);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  const server = app.getHttpServer() as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting, let in-flight requests finish, drop idle keep-alives.
      server.closeIdleConnections?.();
      await app.close();
      await embedded?.stop();
    })());
  const scheme = config.tls ? 'https' : 'http';
  return { url: `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`, config, stop };
}
