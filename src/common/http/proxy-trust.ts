import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `address` (`hop` 0 is the socket peer) is a proxy we believe. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** TRUSTED_PROXIES compiled once; the same function serves Express's `trust proxy` and raw upgrades. */
export function proxyTrustOf(trustedProxies: readonly string[]): ProxyTrust {
  return proxyaddr.compile([...trustedProxies]);
}

/**
 * The client's address on a request Express never saw (a WebSocket upgrade):
 * exactly what `req.ip` would be, walking X-Forwarded-For from the socket
 * peer only through trusted proxies. An untrusted peer's header is ignored.
 */
export function forwardedClientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: ProxyTrust): string | undefined {
  if (!req.socket?.remoteAddress) return undefined;
  return proxyaddr(req as IncomingMessage, trust);
}
