import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { RfbFilterError } from './rfb/rfb-filter.errors';
import { PumpEnd, PumpOptions, pipeSockets } from './stream-pump';
import { closeOf, serverSideQueue, waitFor, WsHarness } from './testing/ws-harness';

const MiB = 1024 * 1024;
const harness = new WsHarness();
afterEach(() => harness.closeAll());

async function pairedRelay(options: PumpOptions = {}) {
  const queue = serverSideQueue();
  const url = await harness.server(queue.onConnection, { maxPayload: 16 * MiB });
  const viewer = await harness.client(`${url}/viewer`);
  const agent = await harness.client(`${url}/agent`);
  const relayViewer = await queue.next('/viewer');
  const relayAgent = await queue.next('/agent');
  const pump = pipeSockets(relayViewer, relayAgent, options);
  const ended = new Promise<PumpEnd>((resolve) => pump.onClose(resolve));
  return { viewer, agent, relayViewer, relayAgent, pump, ended };
}

/** Hashes and counts everything `ws` receives; resolves once `expectedBytes` have arrived. */
function receive(ws: WebSocket, expectedBytes: number) {
  const hash = createHash('sha256');
  const received = { bytes: 0 };
  const done = new Promise<string>((resolve) => {
    ws.on('message', (data: Buffer) => {
      hash.update(data);
      received.bytes += data.length;
      if (received.bytes >= expectedBytes) resolve(hash.digest('hex'));
    });
  });
  return { received, done };
}

function sendInFrames(ws: WebSocket, data: Buffer, frameSize: number): void {
  for (let offset = 0; offset < data.length; offset += frameSize) ws.send(data.subarray(offset, offset + frameSize));
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('pipeSockets', () => {
  it('carries 20 MiB each way, byte for byte, and counts it', async () => {
    const { viewer, agent, pump } = await pairedRelay();
    const toAgent = randomBytes(20 * MiB);
    const toViewer = randomBytes(20 * MiB);
    const atAgent = receive(agent, toAgent.length);
    const atViewer = receive(viewer, toViewer.length);

    sendInFrames(viewer, toAgent, 64 * 1024);
    sendInFrames(agent, toViewer, 100_000);

    expect(await atAgent.done).toBe(sha256(toAgent));
    expect(await atViewer.done).toBe(sha256(toViewer));
    expect(pump.bytes).toEqual({ fromViewer: 20 * MiB, toAgent: 20 * MiB, fromAgent: 20 * MiB, toViewer: 20 * MiB });
  });

  it('stops reading a sender while its reader is stalled, keeping relay memory bounded', async () => {
    const highWaterMark = 1 * MiB;
    const { viewer, agent, relayViewer, relayAgent, pump } = await pairedRelay({ highWaterMark });
    let peakQueuedAtRelay = 0;
    const sample = () => (peakQueuedAtRelay = Math.max(peakQueuedAtRelay, relayAgent.bufferedAmount));
    relayViewer.on('message', sample); // runs after the pump has forwarded the message
    agent.pause(); // the agent stops reading: its TCP window fills, then the relay's queue would

    const block = randomBytes(1 * MiB);
    const total = 64 * MiB;
    for (let sent = 0; sent < total; sent += block.length) sendInFrames(viewer, block, 256 * 1024);

    await waitFor(() => relayViewer.isPaused);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pump.bytes.toAgent).toBeLessThan(total / 2);
    expect(viewer.bufferedAmount).toBeGreaterThan(total / 4); // the sender is held back, not the relay
    expect(peakQueuedAtRelay).toBeLessThan(2 * highWaterMark);

    const atAgent = receive(agent, total);
    agent.resume();
    const expected = createHash('sha256');
    for (let sent = 0; sent < total; sent += block.length) expected.update(block);
    expect(await atAgent.done).toBe(expected.digest('hex'));
    expect(peakQueuedAtRelay).toBeLessThan(2 * highWaterMark);
    expect(relayViewer.isPaused).toBe(false);
  });

  it('closes the agent with 1000 when the viewer closes, and reports the viewer as first', async () => {
    const { viewer, agent, ended } = await pairedRelay();
    const agentClosed = closeOf(agent);
    viewer.close(1000);
    expect(await agentClosed).toEqual({ code: 1000, reason: 'viewerClosed' });
    expect(await ended).toMatchObject({ endedBy: 'viewer', code: 1000 });
  });

  it('closes the viewer with 1000 when the agent drops without a close frame', async () => {
    const { viewer, agent, ended } = await pairedRelay();
    const viewerClosed = closeOf(viewer);
    agent.terminate();
    expect(await viewerClosed).toEqual({ code: 1000, reason: 'agentClosed' });
    expect(await ended).toMatchObject({ endedBy: 'agent', code: 1006 });
  });

  it('passes an application close code (4000–4999) on to the other side', async () => {
    const { viewer, agent } = await pairedRelay();
    const viewerClosed = closeOf(viewer);
    agent.close(4403, 'consentWithdrawn');
    expect(await viewerClosed).toEqual({ code: 4403, reason: 'agentClosed' });
  });

  it('closes both sides when the relay ends the session', async () => {
    const { viewer, agent, pump, ended } = await pairedRelay();
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    pump.close(4000, 'endedByAdministrator');
    expect(await closes).toEqual([
      { code: 4000, reason: 'endedByAdministrator' },
      { code: 4000, reason: 'endedByAdministrator' },
    ]);
    expect(await ended).toEqual({ endedBy: 'relay', code: 4000, reason: 'endedByAdministrator' });
    const late = await new Promise<PumpEnd>((resolve) => pump.onClose(resolve));
    expect(late.endedBy).toBe('relay');
  });

  it('treats a text frame as a protocol error and closes both sides with 1003', async () => {
    const { viewer, agent, ended } = await pairedRelay();
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    viewer.send('hello');
    expect((await closes).map((closed) => closed.code)).toEqual([1003, 1003]);
    expect(await ended).toMatchObject({ endedBy: 'viewer', code: 1003 });
  });

  it('applies the transform hook: dropped chunks do not reach the agent but are counted as received', async () => {
    const dropKeyEvents = (chunk: Buffer) => (chunk[0] === 4 ? null : chunk);
    const { viewer, agent, pump } = await pairedRelay({ transformFromViewer: dropKeyEvents });
    const atAgent = receive(agent, 10);
    viewer.send(Buffer.of(4, 1, 0, 0, 0, 0, 0, 0x61));
    viewer.send(Buffer.of(3, 1, 0, 0, 0, 0, 7, 128, 4, 56));
    expect(await atAgent.done).toBe(sha256(Buffer.of(3, 1, 0, 0, 0, 0, 7, 128, 4, 56)));
    expect(atAgent.received.bytes).toBe(10);
    expect(pump.bytes).toMatchObject({ fromViewer: 18, toAgent: 10 });
  });

  it('ends the session with 1008 and the rule as reason when a transform refuses the stream', async () => {
    const refuse = (): Buffer => {
      throw new RfbFilterError('client message type 255 is not allowed');
    };
    const { viewer, agent, ended } = await pairedRelay({ transformFromViewer: refuse });
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    viewer.send(Buffer.of(255));
    expect(await closes).toEqual([
      { code: 1008, reason: 'unsupportedRfb' },
      { code: 1008, reason: 'unsupportedRfb' },
    ]);
    const end = await ended;
    expect(end).toMatchObject({ endedBy: 'relay', code: 1008, reason: 'unsupportedRfb' });
    expect(end.error).toBeInstanceOf(RfbFilterError);
  });

  it('ends the session with 1011 when a transform fails unexpectedly', async () => {
    const broken = (): Buffer => {
      throw new TypeError('bug');
    };
    const { viewer, agent, ended } = await pairedRelay({ transformFromAgent: broken });
    const viewerClosed = closeOf(viewer);
    agent.send(Buffer.of(1));
    expect(await viewerClosed).toEqual({ code: 1011, reason: 'internalError' });
    expect(await ended).toMatchObject({ endedBy: 'relay', code: 1011 });
  });

  it('forwards what a side sent before pairing ahead of everything else', async () => {
    const queue = serverSideQueue();
    const url = await harness.server(queue.onConnection);
    const viewer = await harness.client(`${url}/viewer`);
    const agent = await harness.client(`${url}/agent`);
    pipeSockets(await queue.next('/viewer'), await queue.next('/agent'), {
      earlyFromAgent: [Buffer.from('RFB 003.008\n')],
    });
    agent.send(Buffer.from('after pairing'));
    await waitFor(() => harness.messagesOf(viewer).length === 2);
    expect(harness.messagesOf(viewer).map(String)).toEqual(['RFB 003.008\n', 'after pairing']);
  });

  it('closes a side that sends a frame over 16 MiB with 1009, and its peer with 1000', async () => {
    const { viewer, agent, ended } = await pairedRelay();
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    viewer.send(Buffer.alloc(16 * MiB + 1));
    const [viewerClosed, agentClosed] = await closes;
    expect(viewerClosed.code).toBe(1009);
    expect(agentClosed).toEqual({ code: 1000, reason: 'viewerClosed' });
    expect((await ended).endedBy).toBe('viewer');
  });
});
