import type { Duplex } from 'node:stream';
import { problemOf } from '../http/problem';

/**
 * Answers a WebSocket upgrade with 429 problem+json and Retry-After, then
 * closes: for the relay, before a ticket from a blocked address is even
 * verified (no WebSocket exists yet, so this is plain HTTP/1.1).
 */
export function refuseUpgradeTooManyRequests(
  socket: Duplex,
  retryAfterSeconds: number,
  instance = '/relay/v1/connect',
  detail = (seconds: number) => `Too many refused tickets from this address; retry after ${seconds} s.`,
): void {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const body = JSON.stringify({ ...problemOf(429, 'tooManyRequests', detail(seconds)), instance });
  socket.on('error', () => undefined);
  socket.end(
    [
      'HTTP/1.1 429 Too Many Requests',
      'Content-Type: application/problem+json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `Retry-After: ${seconds}`,
      'X-Error-Code: tooManyRequests',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
