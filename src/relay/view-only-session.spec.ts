import WebSocket from 'ws';
import { viewOnlyTransforms } from './rfb/view-only-transforms';
import { HANDSHAKES } from './rfb/testing/rfb-conversations';
import { clientMessage } from './rfb/testing/rfb-stream-builders';
import { pipeSockets, PumpEnd } from './stream-pump';
import { closeOf, serverSideQueue, waitFor, WsHarness } from './testing/ws-harness';

const harness = new WsHarness();
afterEach(() => harness.closeAll());

/** A view-only session on a real relay, with the RFB handshake already played through it. */
async function viewOnlySession() {
  const queue = serverSideQueue();
  const url = await harness.server(queue.onConnection);
  const viewer = await harness.client(`${url}/viewer`);
  const agent = await harness.client(`${url}/agent`);
  const pump = pipeSockets(await queue.next('/viewer'), await queue.next('/agent'), viewOnlyTransforms());
  const ended = new Promise<PumpEnd>((resolve) => pump.onClose(resolve));
  const sockets = { viewer, agent };
  for (const turn of HANDSHAKES['RFB 3.8 with VNC authentication']) {
    const receiver = turn.from === 'viewer' ? agent : viewer;
    const before = harness.messagesOf(receiver).length;
    sockets[turn.from].send(turn.bytes);
    await waitFor(() => harness.messagesOf(receiver).length > before);
  }
  return { viewer, agent, ended };
}

const bytesReceivedBy = (ws: WebSocket) => Buffer.concat(harness.messagesOf(ws));

describe('a view-only session through the relay', () => {
  it('lets screen requests reach the agent and keeps keys, clicks and clipboard from it', async () => {
    const { viewer, agent } = await viewOnlySession();
    const handshakeBytes = bytesReceivedBy(agent).length;
    const request = clientMessage.framebufferUpdateRequest();
    viewer.send(clientMessage.keyEvent(0xff0d));
    viewer.send(Buffer.concat([clientMessage.pointerEvent(1, 5, 5), clientMessage.clientCutText('format c:')]));
    viewer.send(request);
    await waitFor(() => bytesReceivedBy(agent).length > handshakeBytes);
    expect(bytesReceivedBy(agent).subarray(handshakeBytes)).toEqual(request);
  });

  it('ends the session with 1008 unsupportedRfb when the viewer sends a message it cannot frame', async () => {
    const { viewer, agent, ended } = await viewOnlySession();
    const closes = Promise.all([closeOf(viewer), closeOf(agent)]);
    viewer.send(Buffer.of(255, 0, 0, 0, 0, 0, 0, 0x1c));
    expect(await closes).toEqual([
      { code: 1008, reason: 'unsupportedRfb' },
      { code: 1008, reason: 'unsupportedRfb' },
    ]);
    expect(await ended).toMatchObject({ endedBy: 'relay', reason: 'unsupportedRfb' });
  });
});
