import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether the hop at `address` (`hop` 0 is the socket peer) is a proxy we believe. */
export type ProxyTrust = (address: string, hop: number) => boolean;

const compiled = new Map<string, ProxyTrust>();

/**
 * TRUSTED_PROXIES compiled once per process: Express's `trust proxy`, the
 * WebSocket limit, the relay and GraphQL subscriptions all get the same function.
 */
export function proxyTrustOf(trustedProxies: readonly string[]): ProxyTrust {
  const key = trustedProxies.join(',');
  let trust = compiled.get(key);
  if (!trust) compiled.set(key, (trust = proxyaddr.compile([...trustedProxies])));
  return trust;
}

/** An upgrade's client address, worked out once: the WebSocket limit, then the relay or GraphQL, ask in turn. */
const addressOfUpgrade = new WeakMap<object, { trust: ProxyTrust; address: string | undefined }>();

/**
 * The client's address on a request Express never saw (a WebSocket upgrade):
 * exactly what `req.ip` would be, walking X-Forwarded-For from the socket
 * peer only through trusted proxies. An untrusted peer's header is ignored.
 */
export function forwardedClientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: ProxyTrust): string | undefined {
  const known = addressOfUpgrade.get(req);
  if (known?.trust === trust) return known.address;
  const address = req.socket?.remoteAddress ? proxyaddr(req as IncomingMessage, trust) : undefined;
  addressOfUpgrade.set(req, { trust, address });
  return address;
}
