import { normalizeIp } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';

/**
 * The caller's address as limits see it: `req.ip` (which honours the trusted
 * proxy setting) else the socket's peer; IPv4-mapped IPv6 is folded to IPv4
 * and IPv6 to its /64, so one host cannot dodge a limit by walking its prefix.
 */
export function sourceAddressOf(req: Pick<IncomingMessage, 'socket'> & { ip?: string }): string {
  const raw = req.ip ?? req.socket?.remoteAddress;
  return raw ? normalizeIp(raw) : 'unknown';
}
