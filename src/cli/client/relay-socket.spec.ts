import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { openRelaySocket, RelayRefusedError } from './relay-socket';

describe('joining the relay', () => {
  let server: WebSocketServer;
  let url: string;
  const offered: string[][] = [];

  beforeAll(async () => {
    server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => (protocols.has('rcgate.v1') ? 'rcgate.v1' : false),
      verifyClient: ({ req }, done) => {
        const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(/,\s*/);
        offered.push(protocols);
        if (protocols.includes('rcgate.ticket.bad')) done(false, 401, 'Unauthorized');
        else done(true);
      },
    });
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/relay/v1/connect`;
    // The agent's VNC server speaks first: the relay may forward bytes the moment the socket opens.
    server.on('connection', (ws) => ws.send(Buffer.from('RFB 003.008\n'), { binary: true }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends the ticket as a subprotocol (never in the URL) and keeps what arrived before anyone read', async () => {
    const relay = await openRelaySocket(url, 'eyJ.payload.sig');
    expect(offered.at(-1)).toEqual(['rcgate.v1', 'rcgate.ticket.eyJ.payload.sig']);
    expect(relay.ws.protocol).toBe('rcgate.v1');
    expect(relay.ws.url).not.toContain('ticket');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relay.takeEarly().map(String)).toEqual(['RFB 003.008\n']);
    relay.ws.close();
  });

  it('reports a refused upgrade with its status', async () => {
    const refused = openRelaySocket(url, 'bad');
    await expect(refused).rejects.toBeInstanceOf(RelayRefusedError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
  });

  it('reports a relay that is not there', async () => {
    await expect(openRelaySocket('ws://127.0.0.1:1/relay/v1/connect', 't')).rejects.toThrow(/relay ws:\/\/127\.0\.0\.1:1/);
  });
});
