import WebSocket from 'ws';

/**
 * Pings every watched socket each `intervalMs` and terminates one whose
 * previous ping went unanswered, so a peer that vanished without a TCP reset
 * (a sleeping laptop, a dropped NAT mapping) does not hold a session open.
 * One interval timer and two shared listeners serve every socket: an idle
 * session costs a map entry, not a timer and closures per socket.
 */
export class KeepAlive {
  /** Watched sockets, each with whether it answered since the last ping. */
  private readonly answered = new Map<WebSocket, boolean>();
  private timer: NodeJS.Timeout | undefined;
  private readonly onPong: (this: WebSocket) => void;
  private readonly onClose: (this: WebSocket) => void;

  constructor(private readonly intervalMs: number) {
    const answered = this.answered;
    this.onPong = function onPong(this: WebSocket): void {
      if (answered.has(this)) answered.set(this, true);
    };
    const unwatch = (ws: WebSocket): void => this.unwatch(ws);
    this.onClose = function onClose(this: WebSocket): void {
      unwatch(this);
    };
  }

  /** Watches `ws` until it closes or unwatch(ws). */
  watch(ws: WebSocket): void {
    if (this.answered.has(ws) || ws.readyState === WebSocket.CLOSED) return;
    this.answered.set(ws, true);
    ws.on('pong', this.onPong);
    ws.on('close', this.onClose);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      // Liveness checks alone must not keep a process (or a test run) alive.
      this.timer.unref();
    }
  }

  unwatch(ws: WebSocket): void {
    if (!this.answered.delete(ws)) return;
    ws.off('pong', this.onPong);
    ws.off('close', this.onClose);
    if (this.answered.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Sockets watched now. */
  get size(): number {
    return this.answered.size;
  }

  private tick(): void {
    for (const [ws, answered] of this.answered) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      // A socket paused by backpressure is not read, so its pong waits unread in the kernel:
      // that peer is slow to drain, not gone.
      if (ws.isPaused) continue;
      if (!answered) {
        ws.terminate();
        continue;
      }
      this.answered.set(ws, false);
      ws.ping();
    }
  }
}
