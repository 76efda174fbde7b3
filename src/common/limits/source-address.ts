import { normalizeIp } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';

type AddressedRequest = Pick<IncomingMessage, 'socket'> & { ip?: string };

/**
 * The client's address as rcgate records it: `req.ip`, which honours only
 * TRUSTED_PROXIES (Express sets it; upgrade handlers set it with
 * forwardedClientAddress), else the socket's peer.
 */
export function clientAddressOf(req: AddressedRequest): string | undefined {
  return req.ip ?? req.socket?.remoteAddress;
}

/**
 * The caller's address as limits key it: the client address with
 * IPv4-mapped IPv6 folded to IPv4 and IPv6 cut to its /64, so one host cannot
 * dodge a limit by walking its prefix.
 */
export function sourceAddressOf(req: AddressedRequest): string {
  const raw = clientAddressOf(req);
  return raw ? normalizeIp(raw) : 'unknown';
}
