import type { IncomingMessage } from 'node:http';
import { RelaySide } from './relay.types';

export const RELAY_CONNECT_PATH = '/relay/v1/connect';
/** The subprotocol the relay speaks; a client offering a ticket as a subprotocol must offer this too. */
export const RELAY_SUBPROTOCOL = 'rcgate.v1';
/** `rcgate.ticket.<ticket>`: lets a browser present its ticket without putting it in a URL. */
export const TICKET_SUBPROTOCOL_PREFIX = 'rcgate.ticket.';

export interface ConnectRequest {
  ticket: string | undefined;
  /** The side the client says it is (`?role=`); undefined leaves it to the ticket, 'invalid' for anything else. */
  declaredRole: RelaySide | 'invalid' | undefined;
  remoteAddress: string | undefined;
}

/** True for the relay's own upgrade path, whatever the query string. */
export function isRelayConnectPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?', 1)[0];
  return path === RELAY_CONNECT_PATH || path === `${RELAY_CONNECT_PATH}/`;
}

/** Upgrade paths the relay answers for, even when they are not its endpoint (with 404). */
export function isUnderRelayPrefix(url: string | undefined): boolean {
  return (url ?? '').split('?', 1)[0].startsWith('/relay/');
}

/** Reads the ticket and the declared side from an upgrade request (from `remoteAddress`, the client behind any trusted proxy). Never throws. */
export function readConnectRequest(req: IncomingMessage, remoteAddress = req.socket.remoteAddress): ConnectRequest {
  const url = req.url ?? '';
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  const role = query.get('role') ?? undefined;
  return {
    ticket: ticketFromSubprotocols(req.headers['sec-websocket-protocol']) ?? (query.get('ticket') || undefined),
    declaredRole: role === undefined ? undefined : role === 'viewer' || role === 'agent' ? role : 'invalid',
    remoteAddress,
  };
}

/** ws's handleProtocols: select rcgate.v1 when offered, never echo the ticket back. */
export function selectSubprotocol(offered: Set<string>): string | false {
  return offered.has(RELAY_SUBPROTOCOL) ? RELAY_SUBPROTOCOL : false;
}

function ticketFromSubprotocols(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const offered of header.split(',')) {
    const protocol = offered.trim();
    if (protocol.startsWith(TICKET_SUBPROTOCOL_PREFIX)) return protocol.slice(TICKET_SUBPROTOCOL_PREFIX.length) || undefined;
  }
  return undefined;
}
