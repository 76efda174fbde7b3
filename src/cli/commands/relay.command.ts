import { AppConfig } from '../../config/config.types';
import { startRelayServer } from '../../relay/standalone/start-relay-server';

/** `rcgate relay` (or `rcgate serve` with RCGATE_ROLE=relay): the relay alone, on RELAY_PORT. */
export async function runRelay(config: AppConfig): Promise<void> {
  const relay = await startRelayServer({ ...config, role: 'relay' });
  process.stdout.write(`rcgate: relay listening on ${relay.url} (WebSocket ${relay.url.replace(/^http/, 'ws')}/relay/v1/connect, health ${relay.url}/healthz)\n`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(130);
    process.stdout.write(`rcgate: ${signal} received, ending relay sessions and shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    relay.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
