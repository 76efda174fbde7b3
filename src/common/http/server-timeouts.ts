import type { Server } from 'node:http';

/** Slow-header clients get at most this long even when REQUEST_TIMEOUT_SECONDS is larger. */
const MAX_HEADERS_TIMEOUT_MS = 20_000;

/**
 * Bounds how long a client may take to *send* a request (slowloris): Node
 * answers 408 and closes. These timers stop once a request is fully
 * received, so they never cut a slow answer such as the agent's 30 s long
 * poll, and an upgraded socket (relay, GraphQL subscriptions) leaves the
 * HTTP parser and with it these timers.
 */
export function applyServerTimeouts(server: Server, requestTimeoutSeconds: number): void {
  const requestMs = requestTimeoutSeconds * 1000;
  server.requestTimeout = requestMs;
  server.headersTimeout = Math.min(requestMs, MAX_HEADERS_TIMEOUT_MS);
  // Node checks the timers on this interval (default 30 s); read when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(250, Math.min(requestMs / 4, 5_000));
}
