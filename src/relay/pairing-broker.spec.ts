import WebSocket from 'ws';
import { EarlyBytes, JoinResult, OnPaired, PairingBroker, PairingBrokerOptions } from './pairing-broker';
import { RelaySide } from './relay.types';
import { pipeSockets, PumpEnd } from './stream-pump';
import { closeOf, waitFor, WsHarness } from './testing/ws-harness';

const harness = new WsHarness();
afterEach(() => harness.closeAll());

interface Pairing {
  sessionId: string;
  viewer: WebSocket;
  agent: WebSocket;
  early: EarlyBytes;
}

/** A relay whose connection path is /{role}/{sessionId}; joins as soon as a socket connects. */
async function relayWith(options: Partial<PairingBrokerOptions> = {}) {
  const pairings: Pairing[] = [];
  const recordPairing: OnPaired = (sessionId, viewer, agent, early) => {
    pairings.push({ sessionId, viewer, agent, early });
  };
  const broker = new PairingBroker({ onPaired: recordPairing, ...options });
  const results: JoinResult[] = [];
  const url = await harness.server((ws, path) => {
    const [, role, sessionId] = path.split('/');
    results.push(broker.join(sessionId, role as RelaySide, ws));
  });
  const join = async (role: RelaySide, sessionId: string) => {
    const client = await harness.client(`${url}/${role}/${sessionId}`);
    await waitFor(() => results.length > joined);
    joined = results.length;
    return { client, result: results[joined - 1] };
  };
  let joined = 0;
  return { broker, pairings, join };
}

describe('PairingBroker', () => {
  it('pairs the viewer and the agent of a session', async () => {
    const { broker, pairings, join } = await relayWith();
    expect((await join('viewer', 's1')).result).toBe('waiting');
    expect(broker.size()).toBe(1);
    expect((await join('agent', 's1')).result).toBe('paired');
    expect(pairings.map((pairing) => pairing.sessionId)).toEqual(['s1']);
    expect(broker.size()).toBe(1);
  });

  it('keeps sessions apart', async () => {
    const { broker, pairings, join } = await relayWith();
    await join('viewer', 's1');
    expect((await join('agent', 's2')).result).toBe('waiting');
    expect(pairings).toHaveLength(0);
    expect(broker.size()).toBe(2);
  });

  it('hands over what the agent sent before the viewer arrived', async () => {
    const { pairings, join } = await relayWith();
    const { client: agent } = await join('agent', 's1');
    agent.send(Buffer.from('RFB 003.008\n'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await join('viewer', 's1');
    expect(pairings[0].early.fromAgent.map(String)).toEqual(['RFB 003.008\n']);
    expect(pairings[0].early.fromViewer).toEqual([]);
  });

  it.each([
    ['a second viewer while the first waits', ['viewer'], 'viewer'],
    ['a second agent while the first waits', ['agent'], 'agent'],
    ['a third connection (viewer) to a paired session', ['viewer', 'agent'], 'viewer'],
    ['a third connection (agent) to a paired session', ['viewer', 'agent'], 'agent'],
  ] as const)('rejects %s with 4409 and keeps the first', async (_name, before, extra) => {
    const { broker, join } = await relayWith();
    const first: WebSocket[] = [];
    for (const role of before) first.push((await join(role, 's1')).client);
    const { client, result } = await join(extra, 's1');
    expect(result).toBe('rejected');
    expect(await closeOf(client)).toEqual({ code: 4409, reason: 'alreadyJoined' });
    expect(first.map((ws) => ws.readyState)).toEqual(first.map(() => WebSocket.OPEN));
    expect(broker.size()).toBe(1);
  });

  it('forgets a waiting side that disconnects, so the session can be joined again', async () => {
    const { broker, join } = await relayWith();
    const { client } = await join('viewer', 's1');
    client.close();
    await waitFor(() => broker.size() === 0);
    expect((await join('viewer', 's1')).result).toBe('waiting');
  });

  it('forgets a running session when either side closes', async () => {
    const { broker, join } = await relayWith();
    await join('viewer', 's1');
    const { client: agent } = await join('agent', 's1');
    agent.close();
    await waitFor(() => broker.size() === 0);
  });

  it('ends a waiting session with the given code and reason', async () => {
    const { broker, join } = await relayWith();
    const { client } = await join('viewer', 's1');
    const closed = closeOf(client);
    expect(broker.end('s1', 4408, 'ticketExpired')).toBe(true);
    expect(await closed).toEqual({ code: 4408, reason: 'ticketExpired' });
    expect(broker.size()).toBe(0);
    expect(broker.end('s1', 4408, 'ticketExpired')).toBe(false);
  });

  it('ends a running session through the link onPaired returned', async () => {
    const ends: PumpEnd[] = [];
    const { broker, join } = await relayWith({
      onPaired: (_sessionId, viewer, agent, early) => {
        const pump = pipeSockets(viewer, agent, { earlyFromViewer: early.fromViewer, earlyFromAgent: early.fromAgent });
        pump.onClose((end) => ends.push(end));
        return pump;
      },
    });
    const { client: viewer } = await join('viewer', 's1');
    const { client: agent } = await join('agent', 's1');
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    broker.end('s1', 4000, 'endedByAdministrator');
    expect(await closes).toEqual([
      { code: 4000, reason: 'endedByAdministrator' },
      { code: 4000, reason: 'endedByAdministrator' },
    ]);
    expect(ends).toEqual([{ endedBy: 'relay', code: 4000, reason: 'endedByAdministrator' }]);
  });

  it('delivers early bytes and then live bytes through a pump started in onPaired', async () => {
    const { join } = await relayWith({
      onPaired: (_sessionId, viewer, agent, early) =>
        pipeSockets(viewer, agent, { earlyFromViewer: early.fromViewer, earlyFromAgent: early.fromAgent }),
    });
    const { client: agent } = await join('agent', 's1');
    agent.send(Buffer.from('RFB 003.008\n'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { client: viewer } = await join('viewer', 's1');
    agent.send(Buffer.from('after pairing'));
    await waitFor(() => harness.messagesOf(viewer).length === 2);
    expect(harness.messagesOf(viewer).map(String)).toEqual(['RFB 003.008\n', 'after pairing']);
  });

  it('closes a waiting side that sends more than the early-data limit with 1009', async () => {
    const { broker, join } = await relayWith({ maxEarlyBytes: 1024 });
    const { client } = await join('agent', 's1');
    const closed = closeOf(client);
    client.send(Buffer.alloc(600));
    client.send(Buffer.alloc(600));
    expect(await closed).toEqual({ code: 1009, reason: 'earlyDataTooLarge' });
    await waitFor(() => broker.size() === 0);
  });

  it('closes a waiting side that sends text with 1003', async () => {
    const { join } = await relayWith();
    const { client } = await join('viewer', 's1');
    const closed = closeOf(client);
    client.send('hello');
    expect((await closed).code).toBe(1003);
  });

  it('closes both sides with 1011 when onPaired fails', async () => {
    const failures: unknown[] = [];
    const broker = new PairingBroker({
      onPaired: () => {
        throw new Error('gateway bug');
      },
    });
    const url = await harness.server((ws, path) => {
      const [, role] = path.split('/');
      try {
        broker.join('s1', role as RelaySide, ws);
      } catch (error) {
        failures.push(error);
      }
    });
    const viewer = await harness.client(`${url}/viewer`);
    const closed = closeOf(viewer);
    await harness.client(`${url}/agent`);
    expect(await closed).toEqual({ code: 1011, reason: 'internalError' });
    expect(failures).toHaveLength(1);
    expect(broker.size()).toBe(0);
  });
});
