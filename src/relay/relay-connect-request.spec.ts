import type { IncomingMessage } from 'node:http';
import { isRelayConnectPath, readConnectRequest, selectSubprotocol } from './relay-connect-request';

const request = (url: string, protocol?: string) =>
  ({ url, headers: protocol === undefined ? {} : { 'sec-websocket-protocol': protocol }, socket: { remoteAddress: '192.0.2.7' } }) as unknown as IncomingMessage;

describe('relay connect requests', () => {
  it('takes the ticket from the subprotocol a browser offers, ahead of the query string', () => {
    expect(readConnectRequest(request('/relay/v1/connect?ticket=from-query', 'rcgate.v1, rcgate.ticket.aa.bb.cc'))).toEqual({
      ticket: 'aa.bb.cc',
      declaredRole: undefined,
      remoteAddress: '192.0.2.7',
    });
  });

  it('takes the ticket and the declared side from the query string', () => {
    expect(readConnectRequest(request('/relay/v1/connect?ticket=aa.bb.cc&role=agent'))).toMatchObject({ ticket: 'aa.bb.cc', declaredRole: 'agent' });
  });

  it('marks a side that is neither viewer nor agent, and an absent ticket', () => {
    expect(readConnectRequest(request('/relay/v1/connect?role=admin'))).toMatchObject({ ticket: undefined, declaredRole: 'invalid' });
    expect(readConnectRequest(request('/relay/v1/connect?ticket=&role=viewer', 'rcgate.ticket.'))).toMatchObject({ ticket: undefined, declaredRole: 'viewer' });
  });

  it('never throws on a mangled query string', () => {
    expect(readConnectRequest(request('/relay/v1/connect?ticket=%E0%A4%A&&=&role'))).toMatchObject({ declaredRole: 'invalid' });
  });

  it('answers only its own path', () => {
    expect(isRelayConnectPath('/relay/v1/connect?ticket=x')).toBe(true);
    expect(isRelayConnectPath('/relay/v1/connection')).toBe(false);
    expect(isRelayConnectPath('/graphql')).toBe(false);
  });

  it('selects rcgate.v1 and never echoes the ticket protocol', () => {
    expect(selectSubprotocol(new Set(['rcgate.v1', 'rcgate.ticket.secret']))).toBe('rcgate.v1');
    expect(selectSubprotocol(new Set(['rcgate.ticket.secret']))).toBe(false);
  });
});
