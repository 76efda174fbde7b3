import { RfbViewOnlyFilter } from '../rfb-view-only-filter';
import { protocolVersion, server, viewer } from './rfb-stream-builders';

/** One side's bytes in a conversation, in the order the relay sees them. */
export interface Turn {
  from: 'agent' | 'viewer';
  bytes: Buffer;
}

const fromAgent = (bytes: Buffer): Turn => ({ from: 'agent', bytes });
const fromViewer = (bytes: Buffer): Turn => ({ from: 'viewer', bytes });

/** Complete handshakes that a view-only session must let through, by RFB version and security type. */
export const HANDSHAKES: Record<string, Turn[]> = {
  'RFB 3.8 with VNC authentication': [
    fromAgent(protocolVersion(3, 8)),
    fromViewer(protocolVersion(3, 8)),
    fromAgent(server.securityTypes(2)),
    fromViewer(viewer.securityChoice(2)),
    fromAgent(server.vncAuthChallenge()),
    fromViewer(viewer.vncAuthResponse()),
    fromAgent(server.securityResultOk()),
    fromViewer(viewer.clientInit(false)),
    fromAgent(server.serverInit('desk-042')),
  ],
  'RFB 3.8 with no authentication': [
    fromAgent(protocolVersion(3, 8)),
    fromViewer(protocolVersion(3, 8)),
    fromAgent(server.securityTypes(1, 2)),
    fromViewer(viewer.securityChoice(1)),
    fromAgent(server.securityResultOk()),
    fromViewer(viewer.clientInit(true)),
    fromAgent(server.serverInit('desk-042')),
  ],
  'RFB 3.7 with no authentication (no SecurityResult)': [
    fromAgent(protocolVersion(3, 8)),
    fromViewer(protocolVersion(3, 7)),
    fromAgent(server.securityTypes(1)),
    fromViewer(viewer.securityChoice(1)),
    fromViewer(viewer.clientInit(false)),
    fromAgent(server.serverInit('')),
  ],
  'RFB 3.3 with the server picking VNC authentication': [
    fromAgent(protocolVersion(3, 3)),
    fromViewer(protocolVersion(3, 3)),
    fromAgent(Buffer.concat([server.securityType33(2), server.vncAuthChallenge()])),
    fromViewer(viewer.vncAuthResponse()),
    fromAgent(server.securityResultOk()),
    fromViewer(viewer.clientInit(false)),
    fromAgent(server.serverInit('desk-042')),
  ],
  'RFB 3.3 with the server picking no authentication': [
    fromAgent(protocolVersion(3, 889)),
    fromViewer(protocolVersion(3, 3)),
    fromAgent(server.securityType33(1)),
    fromViewer(viewer.clientInit(false)),
    fromAgent(server.serverInit('desk-042')),
  ],
};

/** What the agent must receive for a handshake: the viewer's bytes, with ClientInit forced to shared. */
export function expectedHandshakeOutput(turns: Turn[]): Buffer {
  const viewerTurns = turns.filter((turn) => turn.from === 'viewer');
  const last = viewerTurns.length - 1;
  return Buffer.concat(viewerTurns.map((turn, index) => (index === last ? Buffer.of(1) : turn.bytes)));
}

/**
 * Plays turns through the filter, each turn cut into pieces by `cut`, and
 * returns everything the filter let through to the agent.
 */
export function play(filter: RfbViewOnlyFilter, turns: Turn[], cut = (bytes: Buffer) => [bytes]): Buffer {
  const passed: Buffer[] = [];
  for (const turn of turns) {
    for (const piece of cut(turn.bytes)) {
      if (turn.from === 'agent') filter.observeFromServer(piece);
      else passed.push(filter.filterFromViewer(piece));
    }
  }
  return Buffer.concat(passed);
}

export const oneByteAtATime = (bytes: Buffer): Buffer[] => [...bytes].map((byte) => Buffer.of(byte));

/** A filter whose handshake (RFB 3.8, VNC authentication) is done, ready for client messages. */
export function filterPastHandshake(): RfbViewOnlyFilter {
  const filter = new RfbViewOnlyFilter();
  play(filter, HANDSHAKES['RFB 3.8 with VNC authentication']);
  return filter;
}
