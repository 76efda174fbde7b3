import WebSocket from 'ws';
import { KeepAlive } from './keep-alive';
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

describe('KeepAlive', () => {
  it('terminates a peer that stops answering pings', async () => {
    const { client, relaySide } = await connected({ autoPong: false });
    const closed = Promise.all([closeOf(client), closeOf(relaySide)]);
    const keepAlive = new KeepAlive(25);
    keepAlive.watch(relaySide);
    expect((await closed).map((end) => end.code)).toEqual([1006, 1006]);
    expect(keepAlive.size).toBe(0);
  });

  it('keeps a peer that answers', async () => {
    const { relaySide } = await connected();
    let pongs = 0;
    relaySide.on('pong', () => pongs++);
    // Wide enough that a loaded CI machine still answers each ping before the next one.
    new KeepAlive(150).watch(relaySide);
    await sleep(700);
    expect(relaySide.readyState).toBe(WebSocket.OPEN);
    expect(pongs).toBeGreaterThanOrEqual(3);
  });

  it('serves many sockets with one timer, and ends only the silent one', async () => {
    const answering = await connected();
    const silent = await connected({ autoPong: false });
    const keepAlive = new KeepAlive(30);
    keepAlive.watch(answering.relaySide);
    keepAlive.watch(silent.relaySide);
    expect((await closeOf(silent.relaySide)).code).toBe(1006);
    await sleep(150);
    expect(answering.relaySide.readyState).toBe(WebSocket.OPEN);
    expect(keepAlive.size).toBe(1);
    keepAlive.unwatch(answering.relaySide);
  });

  it('does not take a socket paused by backpressure for a dead one', async () => {
    const { relaySide } = await connected();
    relaySide.pause();
    const keepAlive = new KeepAlive(20);
    keepAlive.watch(relaySide);
    await sleep(150);
    expect(relaySide.readyState).toBe(WebSocket.OPEN);
    keepAlive.unwatch(relaySide);
  });

  it('stops when asked', async () => {
    const { client, relaySide } = await connected({ autoPong: false });
    const keepAlive = new KeepAlive(20);
    keepAlive.watch(relaySide);
    keepAlive.unwatch(relaySide);
    await sleep(100);
    expect(client.readyState).toBe(WebSocket.OPEN);
    expect(keepAlive.size).toBe(0);
  });
});
