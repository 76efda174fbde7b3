import { FieldCollector, PassedBytes } from './rfb-byte-buffers';
import { RfbFilterError } from './rfb-filter.errors';
import { isNewerThan, parseProtocolVersion, RfbHandshakeFacts } from './rfb-handshake-facts';
import {
  CLIENT_INIT_SHARED,
  PROTOCOL_VERSION_LENGTH,
  SecurityType,
  SUPPORTED_CLIENT_MINOR_VERSIONS,
  VNC_AUTH_RESPONSE_LENGTH,
} from './rfb-messages';

const enum Step {
  ProtocolVersion,
  SecurityStart,
  SecurityChoice,
  VncAuthResponse,
  ClientInit,
  Done,
  RefusedByServer,
}

const SHARED_CLIENT_INIT = Buffer.of(CLIENT_INIT_SHARED);

/**
 * The viewer's half of the handshake: ProtocolVersion, security choice (3.7+),
 * VNC authentication response, ClientInit. Only security types whose framing
 * is known pass; anything else ends the session.
 */
export class RfbViewerHandshakeFilter {
  private step = Step.ProtocolVersion;
  private readonly field = new FieldCollector(PROTOCOL_VERSION_LENGTH);
  private responseBytesLeft = 0;

  constructor(private readonly facts: RfbHandshakeFacts) {
    this.field.start(PROTOCOL_VERSION_LENGTH);
  }

  get isComplete(): boolean {
    return this.step === Step.Done;
  }

  /** Consumes handshake bytes from chunk[offset…]; returns where the client messages begin. */
  filter(chunk: Buffer, offset: number, passed: PassedBytes): number {
    while (offset < chunk.length && this.step !== Step.Done) {
      switch (this.step) {
        case Step.ProtocolVersion:
          if (!this.facts.serverVersion) {
            throw new RfbFilterError('viewer sent data before the agent sent its protocol version');
          }
          offset = this.field.fill(chunk, offset);
          if (this.field.isComplete) this.afterProtocolVersion(this.field.bytes, passed);
          break;
        case Step.SecurityStart:
          this.startSecurity();
          break;
        case Step.SecurityChoice:
          this.afterSecurityChoice(chunk[offset], passed);
          offset += 1;
          break;
        case Step.VncAuthResponse: {
          const end = offset + Math.min(this.responseBytesLeft, chunk.length - offset);
          passed.passRange(chunk, offset, end);
          this.responseBytesLeft -= end - offset;
          offset = end;
          if (this.responseBytesLeft === 0) this.step = Step.ClientInit;
          break;
        }
        case Step.ClientInit:
          // Forced to "shared": an exclusive ClientInit would disconnect the desktop's other viewers.
          passed.passCopy(SHARED_CLIENT_INIT);
          offset += 1;
          this.step = Step.Done;
          break;
        case Step.RefusedByServer:
          return chunk.length;
      }
    }
    return offset;
  }

  private afterProtocolVersion(bytes: Buffer, passed: PassedBytes): void {
    const version = parseProtocolVersion(bytes, 'viewer');
    if (version.major !== 3 || !SUPPORTED_CLIENT_MINOR_VERSIONS.includes(version.minor)) {
      throw new RfbFilterError(`viewer chose unsupported RFB version ${version.major}.${version.minor}`);
    }
    // Checked above: the agent's version arrived before the viewer's.
    if (isNewerThan(version, this.facts.serverVersion!)) {
      throw new RfbFilterError('viewer chose a newer RFB version than the agent offered');
    }
    this.facts.viewerMinorVersion = version.minor;
    passed.passCopy(bytes);
    this.step = Step.SecurityStart;
  }

  private startSecurity(): void {
    const { refusedByServer, viewerMinorVersion, securityType, offeredSecurityTypes } = this.facts;
    if (refusedByServer) {
      this.step = Step.RefusedByServer;
    } else if (viewerMinorVersion !== 3) {
      if (!offeredSecurityTypes) throw new RfbFilterError('viewer chose a security type before the agent offered any');
      this.step = Step.SecurityChoice;
    } else if (securityType === undefined) {
      throw new RfbFilterError('viewer sent data before the agent picked a security type');
    } else {
      this.afterSecurityType(securityType);
    }
  }

  private afterSecurityChoice(type: number, passed: PassedBytes): void {
    if (type !== SecurityType.None && type !== SecurityType.VncAuthentication) {
      throw new RfbFilterError(`security type ${type} is not supported for view-only sessions`);
    }
    if (!this.facts.offeredSecurityTypes?.has(type)) {
      throw new RfbFilterError(`viewer chose security type ${type}, which the agent did not offer`);
    }
    this.facts.securityType = type;
    passed.passCopy(Buffer.of(type));
    this.afterSecurityType(type);
  }

  private afterSecurityType(type: number): void {
    if (type === SecurityType.VncAuthentication) {
      this.responseBytesLeft = VNC_AUTH_RESPONSE_LENGTH;
      this.step = Step.VncAuthResponse;
    } else {
      this.step = Step.ClientInit;
    }
  }
}
