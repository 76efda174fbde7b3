import WebSocket from 'ws';

/**
 * Pings `ws` every `intervalMs` and terminates it when the previous ping
 * went unanswered, so a peer that vanished without a TCP reset (a sleeping
 * laptop, a dropped NAT mapping) does not hold a session open. Returns a
 * function that stops it; it also stops when the socket closes.
 */
export function keepAlive(ws: WebSocket, intervalMs: number): () => void {
  let answered = true;
  const onPong = (): void => {
    answered = true;
  };
  const timer = setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    // A socket paused by backpressure is not read, so its pong waits unread in the kernel:
    // that peer is slow to drain, not gone.
    if (ws.isPaused) return;
    if (!answered) {
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  // Liveness checks alone must not keep a process (or a test run) alive.
  timer.unref();
  const stop = (): void => {
    clearInterval(timer);
    ws.off('pong', onPong);
    ws.off('close', stop);
  };
  ws.on('pong', onPong);
  ws.on('close', stop);
  return stop;
}
