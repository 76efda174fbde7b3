import { FieldCollector } from './rfb-byte-buffers';
import { RfbFilterError } from './rfb-filter.errors';
import { parseProtocolVersion, RfbHandshakeFacts } from './rfb-handshake-facts';
import {
  PROTOCOL_VERSION_LENGTH,
  SECURITY_RESULT_OK,
  SecurityType,
  SERVER_INIT_HEADER_LENGTH,
  VNC_AUTH_CHALLENGE_LENGTH,
} from './rfb-messages';

const enum Step {
  ProtocolVersion,
  SecurityStart,
  SecurityType33,
  SecurityTypeCount,
  SecurityTypeList,
  AwaitViewerChoice,
  VncAuthChallenge,
  SecurityResult,
  FailureReasonLength,
  FailureReason,
  ServerInit,
  Done,
}

/**
 * Follows the server's half of the handshake, up to ServerInit, recording
 * into the shared facts what the viewer-side filter needs. Server messages
 * after ServerInit are not parsed: they cannot carry input.
 */
export class RfbServerHandshakeObserver {
  private step = Step.ProtocolVersion;
  private readonly field = new FieldCollector(SERVER_INIT_HEADER_LENGTH);
  private bytesToSkip = 0;

  constructor(private readonly facts: RfbHandshakeFacts) {
    this.field.start(PROTOCOL_VERSION_LENGTH);
  }

  get isComplete(): boolean {
    return this.step === Step.Done;
  }

  observe(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.step !== Step.Done) {
      if (this.step === Step.VncAuthChallenge || this.step === Step.FailureReason) {
        const skipped = Math.min(this.bytesToSkip, chunk.length - offset);
        offset += skipped;
        this.bytesToSkip -= skipped;
        if (this.bytesToSkip === 0) this.afterSkip();
      } else if (this.step === Step.SecurityStart || this.step === Step.AwaitViewerChoice) {
        this.decideFromViewer();
      } else {
        offset = this.field.fill(chunk, offset);
        if (this.field.isComplete) this.afterField(this.field.bytes);
      }
    }
  }

  /** The server spoke again; what it says next depends on what the viewer has said. */
  private decideFromViewer(): void {
    const { viewerMinorVersion, securityType } = this.facts;
    if (this.step === Step.SecurityStart) {
      if (viewerMinorVersion === undefined) {
        throw new RfbFilterError('agent sent data before the viewer chose a protocol version');
      }
      if (viewerMinorVersion === 3) this.expect(Step.SecurityType33, 4);
      else this.expect(Step.SecurityTypeCount, 1);
      return;
    }
    if (securityType === undefined) {
      throw new RfbFilterError('agent sent data before the viewer chose a security type');
    }
    this.afterSecurityTypeChosen(securityType);
  }

  private afterField(bytes: Buffer): void {
    switch (this.step) {
      case Step.ProtocolVersion:
        this.facts.serverVersion = parseProtocolVersion(bytes, 'agent');
        this.step = Step.SecurityStart;
        return;
      case Step.SecurityType33: {
        const type = bytes.readUInt32BE(0);
        if (type === SecurityType.Invalid) return this.refused(true);
        this.facts.securityType = type;
        return this.afterSecurityTypeChosen(type);
      }
      case Step.SecurityTypeCount:
        if (bytes[0] === 0) return this.refused(true);
        return this.expect(Step.SecurityTypeList, bytes[0]);
      case Step.SecurityTypeList:
        this.facts.offeredSecurityTypes = new Set(bytes);
        this.step = Step.AwaitViewerChoice;
        return;
      case Step.SecurityResult:
        if (bytes.readUInt32BE(0) === SECURITY_RESULT_OK) return this.expect(Step.ServerInit, SERVER_INIT_HEADER_LENGTH);
        // Only 3.8 servers explain a failed SecurityResult.
        return this.refused(this.facts.viewerMinorVersion === 8);
      case Step.FailureReasonLength:
        this.bytesToSkip = bytes.readUInt32BE(0);
        this.step = Step.FailureReason;
        if (this.bytesToSkip === 0) this.afterSkip();
        return;
      case Step.ServerInit:
        this.step = Step.Done;
        return;
    }
  }

  private afterSecurityTypeChosen(type: number): void {
    if (type === SecurityType.VncAuthentication) {
      this.bytesToSkip = VNC_AUTH_CHALLENGE_LENGTH;
      this.step = Step.VncAuthChallenge;
    } else if (type === SecurityType.None) {
      // RFB 3.8 confirms even "None" with a SecurityResult; 3.3 and 3.7 go straight to init.
      if (this.facts.viewerMinorVersion === 8) this.expect(Step.SecurityResult, 4);
      else this.expect(Step.ServerInit, SERVER_INIT_HEADER_LENGTH);
    } else {
      throw new RfbFilterError(`security type ${type} is not supported for view-only sessions`);
    }
  }

  private afterSkip(): void {
    if (this.step === Step.VncAuthChallenge) this.expect(Step.SecurityResult, 4);
    else this.step = Step.Done;
  }

  private refused(reasonFollows: boolean): void {
    this.facts.refusedByServer = true;
    if (reasonFollows) this.expect(Step.FailureReasonLength, 4);
    else this.step = Step.Done;
  }

  private expect(step: Step, length: number): void {
    this.step = step;
    this.field.start(length);
  }
}
