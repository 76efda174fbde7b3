import type { Server } from 'node:http';

/** Slow-header clients get at most this long even when REQUEST_TIMEOUT_SECONDS is larger. */
const MAX_HEADERS_TIMEOUT_MS = 20_000;

export interface ServerTimeouts {
  /** REQUEST_TIMEOUT_SECONDS: how long a client may take to send a request. */
  requestTimeoutSeconds: number;
  /** HTTP_KEEP_ALIVE_SECONDS: how long an idle keep-alive connection is kept for the client's next request. */
  keepAliveSeconds: number;
}

/**
 * Bounds how long a client may take to *send* a request (slowloris): Node
 * answers 408 and closes. These timers stop once a request is fully
 * received, so they never cut a slow answer such as the agent's 30 s long
 * poll, and an upgraded socket (relay, GraphQL subscriptions) leaves the
 * HTTP parser and with it these timers.
 *
 * Keeps idle connections longer than the clients and proxies in front of us
 * do (Node's default is 5 s; load balancers and .NET's HttpClient keep theirs
 * about 60 s): when the server closes an idle connection first, a client that
 * reuses it at that moment gets a reset (or a 502 from a proxy) for a request
 * that never arrived. The side that closes first must be the client.
 */
export function applyServerTimeouts(server: Server, { requestTimeoutSeconds, keepAliveSeconds }: ServerTimeouts): void {
  const requestMs = requestTimeoutSeconds * 1000;
  server.requestTimeout = requestMs;
  server.headersTimeout = Math.min(requestMs, MAX_HEADERS_TIMEOUT_MS);
  server.keepAliveTimeout = keepAliveSeconds * 1000;
  // Node checks the timers on this interval (default 30 s); read when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(250, Math.min(requestMs / 4, 5_000));
}
