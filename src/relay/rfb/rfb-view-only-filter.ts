import { PassedBytes } from './rfb-byte-buffers';
import { RfbClientMessageFilter } from './rfb-client-message-filter';
import { RfbHandshakeFacts } from './rfb-handshake-facts';
import { RfbServerHandshakeObserver } from './rfb-server-handshake-observer';
import { RfbViewerHandshakeFilter } from './rfb-viewer-handshake-filter';

/**
 * Keeps a view-only viewer from controlling the device: of the viewer's RFB
 * stream only the handshake and the messages that shape the picture reach
 * the agent; key, pointer and clipboard messages are dropped. It watches the
 * agent's stream too, because the viewer's handshake bytes are framed by
 * what the server said.
 *
 * Anything it cannot frame throws RfbFilterError (and keeps throwing): the
 * relay must then end the session. Memory per filter is bounded by the
 * largest SetEncodings message (256 KiB); everything else streams.
 */
export class RfbViewOnlyFilter {
  private readonly facts: RfbHandshakeFacts = { refusedByServer: false };
  private readonly server = new RfbServerHandshakeObserver(this.facts);
  private readonly viewerHandshake = new RfbViewerHandshakeFilter(this.facts);
  private readonly viewerMessages = new RfbClientMessageFilter();
  private readonly passed = new PassedBytes();
  private failure: unknown;

  /** Returns the part of `chunk` (viewer → agent) that may reach the agent, possibly empty. */
  filterFromViewer(chunk: Buffer): Buffer {
    this.throwIfFailed();
    try {
      let offset = 0;
      if (!this.viewerHandshake.isComplete) offset = this.viewerHandshake.filter(chunk, 0, this.passed);
      if (this.viewerHandshake.isComplete && offset < chunk.length) {
        this.viewerMessages.filter(chunk, offset, this.passed);
      }
      return this.passed.take();
    } catch (error) {
      this.passed.discard();
      throw this.fail(error);
    }
  }

  /** Call with every agent → viewer chunk, before it is forwarded. */
  observeFromServer(chunk: Buffer): void {
    this.throwIfFailed();
    if (this.server.isComplete) return;
    try {
      this.server.observe(chunk);
    } catch (error) {
      throw this.fail(error);
    }
  }

  get handshakeComplete(): boolean {
    return this.server.isComplete && this.viewerHandshake.isComplete && !this.facts.refusedByServer;
  }

  private fail(error: unknown): unknown {
    this.failure = error;
    return error;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
