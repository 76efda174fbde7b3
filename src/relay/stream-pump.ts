import WebSocket, { RawData } from 'ws';
import { closeCodeToForward, RelayCloseCode, RelayCloseReason } from './relay-close-codes';
import { PumpDirection } from './pump-direction';
import { ChunkTransform, RelaySide } from './relay.types';
import { StreamRuleViolation } from './stream-rule-violation';

export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

export interface PumpOptions {
  /** Bytes queued towards one side above which the other side is no longer read. */
  highWaterMark?: number;
  /** Applied to viewer → agent chunks, e.g. the view-only RFB filter. Throwing ends the session. */
  transformFromViewer?: ChunkTransform;
  /** Applied to agent → viewer chunks. Throwing ends the session. */
  transformFromAgent?: ChunkTransform;
  /** Messages a side sent before it was paired (see EarlyMessages); forwarded first. */
  earlyFromViewer?: readonly Buffer[];
  earlyFromAgent?: readonly Buffer[];
}

export interface PumpEnd {
  /** The side that closed (or broke the protocol) first, or the relay itself. */
  endedBy: RelaySide | 'relay';
  /** The close code received from that side, or the one the relay sent. */
  code: number;
  reason: string;
  error?: unknown;
}

export interface PumpByteCounts {
  fromViewer: number;
  toAgent: number;
  fromAgent: number;
  toViewer: number;
}

export interface StreamPump {
  readonly bytes: PumpByteCounts;
  /** Called once, when the first side closes or the relay ends the session; later registrations get it too. */
  onClose(listener: (end: PumpEnd) => void): void;
  /** Ends the session from the relay's side (administrator, maximum duration, shutdown). */
  close(code: number, reason: string): void;
}

/** Bridges binary messages between a paired viewer and agent, with backpressure both ways. */
export function pipeSockets(viewer: WebSocket, agent: WebSocket, options: PumpOptions = {}): StreamPump {
  return new SocketPump(viewer, agent, options);
}

class SocketPump implements StreamPump {
  private readonly fromViewer: PumpDirection;
  private readonly fromAgent: PumpDirection;
  private readonly listeners: Array<(end: PumpEnd) => void> = [];
  private ending: PumpEnd | undefined;
  private readonly socketErrors = new Map<RelaySide, Error>();

  constructor(
    private readonly viewer: WebSocket,
    private readonly agent: WebSocket,
    options: PumpOptions,
  ) {
    const highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    this.fromViewer = new PumpDirection(viewer, agent, highWaterMark, options.transformFromViewer);
    this.fromAgent = new PumpDirection(agent, viewer, highWaterMark, options.transformFromAgent);
    this.attach('viewer', viewer, this.fromViewer);
    this.attach('agent', agent, this.fromAgent);
    // The agent's early bytes first: in RFB the server speaks first, and the view-only filter relies on that order.
    this.forwardEach(this.fromAgent, options.earlyFromAgent ?? []);
    this.forwardEach(this.fromViewer, options.earlyFromViewer ?? []);
    for (const [side, ws] of [['viewer', viewer], ['agent', agent]] as const) {
      if (ws.readyState === WebSocket.CLOSED) this.end({ endedBy: side, code: 1006, reason: `${side}Closed` });
      else ws.resume();
    }
  }

  get bytes(): PumpByteCounts {
    return {
      fromViewer: this.fromViewer.received,
      toAgent: this.fromViewer.forwarded,
      fromAgent: this.fromAgent.received,
      toViewer: this.fromAgent.forwarded,
    };
  }

  onClose(listener: (end: PumpEnd) => void): void {
    const ending = this.ending;
    if (ending) queueMicrotask(() => listener(ending));
    else this.listeners.push(listener);
  }

  close(code: number, reason: string): void {
    this.end({ endedBy: 'relay', code, reason }, code);
  }

  private attach(side: RelaySide, ws: WebSocket, direction: PumpDirection): void {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (this.ending) return;
      if (!isBinary) {
        const code = RelayCloseCode.UnsupportedData;
        this.end({ endedBy: side, code, reason: RelayCloseReason.binaryFramesOnly }, code);
        return;
      }
      this.forward(direction, data as Buffer);
    });
    ws.on('error', (error: Error) => this.socketErrors.set(side, error));
    ws.on('close', (code: number) => {
      this.end({ endedBy: side, code, reason: `${side}Closed`, error: this.socketErrors.get(side) });
    });
  }

  private forwardEach(direction: PumpDirection, messages: readonly Buffer[]): void {
    for (const message of messages) if (!this.ending) this.forward(direction, message);
  }

  /** The data path: one call per message, nothing allocated here. */
  private forward(direction: PumpDirection, message: Buffer): void {
    try {
      direction.forward(message);
    } catch (error) {
      const ruleBroken = error instanceof StreamRuleViolation;
      const code = ruleBroken ? RelayCloseCode.PolicyViolation : RelayCloseCode.InternalError;
      this.end({ endedBy: 'relay', code, reason: ruleBroken ? error.code : RelayCloseReason.internalError, error }, code);
    }
  }

  /** @param closeCode the code for both sides; by default each side gets the first closer's code, if forwardable. */
  private end(ending: PumpEnd, closeCode?: number): void {
    if (this.ending) return;
    this.ending = ending;
    const code = closeCode ?? closeCodeToForward(ending.code);
    closeQuietly(this.viewer, code, ending.reason);
    closeQuietly(this.agent, code, ending.reason);
    for (const listener of this.listeners.splice(0)) listener(ending);
  }
}

function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return;
  ws.close(code, reason.slice(0, 123));
}
