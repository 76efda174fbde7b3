import { RfbFilterError } from './rfb-filter.errors';
import { PROTOCOL_VERSION_PATTERN } from './rfb-messages';

export interface RfbVersion {
  major: number;
  minor: number;
}

/**
 * What each side of the handshake has said so far. The two directions
 * depend on each other: how the viewer's bytes after ProtocolVersion are
 * framed depends on the security type, which the server picks (3.3) or the
 * viewer picks from the server's list (3.7, 3.8).
 */
export interface RfbHandshakeFacts {
  serverVersion?: RfbVersion;
  /** The version the viewer chose: the one both sides speak. */
  viewerMinorVersion?: number;
  /** RFB 3.7 and later: the list the server offered. */
  offeredSecurityTypes?: ReadonlySet<number>;
  securityType?: number;
  /** The server reported a failure and is closing; nothing the viewer sends matters any more. */
  refusedByServer: boolean;
}

export function parseProtocolVersion(bytes: Buffer, sender: 'viewer' | 'agent'): RfbVersion {
  const match = PROTOCOL_VERSION_PATTERN.exec(bytes.toString('latin1'));
  if (!match) throw new RfbFilterError(`${sender} did not send an RFB ProtocolVersion`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

export function isNewerThan(version: RfbVersion, other: RfbVersion): boolean {
  return version.major > other.major || (version.major === other.major && version.minor > other.minor);
}
