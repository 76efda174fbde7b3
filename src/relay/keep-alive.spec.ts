import WebSocket from 'ws';
import { keepAlive } from './keep-alive';
import { closeOf, serverSideQueue, WsHarness } from './testing/ws-harness';

const harness = new WsHarness();
afterEach(() => harness.closeAll());

async function connected(clientOptions: { autoPong?: boolean } = {}) {
  const queue = serverSideQueue();
  const url = await harness.server(queue.onConnection);
  const client = await harness.client(`${url}/peer`, clientOptions);
  return { client, relaySide: await queue.next('/peer') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keepAlive', () => {
  it('terminates a peer that stops answering pings', async () => {
    const { client, relaySide } = await connected({ autoPong: false });
    const closed = Promise.all([closeOf(client), closeOf(relaySide)]);
    keepAlive(relaySide, 25);
    expect((await closed).map((end) => end.code)).toEqual([1006, 1006]);
  });

  it('keeps a peer that answers', async () => {
    const { relaySide } = await connected();
    let pongs = 0;
    relaySide.on('pong', () => pongs++);
    // Wide enough that a loaded CI machine still answers each ping before the next one.
    keepAlive(relaySide, 150);
    await sleep(700);
    expect(relaySide.readyState).toBe(WebSocket.OPEN);
    expect(pongs).toBeGreaterThanOrEqual(3);
  });

  it('does not take a socket paused by backpressure for a dead one', async () => {
    const { relaySide } = await connected();
    relaySide.pause();
    keepAlive(relaySide, 20);
    await sleep(150);
    expect(relaySide.readyState).toBe(WebSocket.OPEN);
  });

  it('stops when asked', async () => {
    const { client, relaySide } = await connected({ autoPong: false });
    const stop = keepAlive(relaySide, 20);
    stop();
    await sleep(100);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });
});
