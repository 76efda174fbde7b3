import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { forwardedClientAddress, ProxyTrust } from '../common/http/proxy-trust';

/**
 * A request-shaped context for a graphql-transport-ws connection: the token
 * comes from `connection_init`'s payload (`{ authorization: "Bearer …" }`), so
 * the one global guard authenticates subscriptions like any other operation.
 * Its `ip` honours X-Forwarded-For only from TRUSTED_PROXIES.
 */
export function subscriptionRequest(connectionParams: Record<string, unknown> | undefined, upgrade: IncomingMessage | undefined, trust: ProxyTrust): Request {
  const raw = connectionParams?.authorization ?? connectionParams?.Authorization;
  const authorization = typeof raw === 'string' ? raw : typeof connectionParams?.token === 'string' ? `Bearer ${connectionParams.token}` : undefined;
  return {
    headers: { ...(authorization ? { authorization } : {}), 'user-agent': upgrade?.headers['user-agent'] },
    method: 'WS',
    url: '/graphql',
    originalUrl: '/graphql',
    socket: upgrade?.socket,
    // As Express's req.ip would be: limits and audit see the client behind a trusted proxy.
    ip: upgrade ? forwardedClientAddress(upgrade, trust) : undefined,
  } as unknown as Request;
}
