import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { OperatorApi } from '../client/operator-api';
import { formatHostPort } from '../client/host-port';
import { openRelaySocket, RelayConnection } from '../client/relay-socket';
import { bridgeStreams, BridgeEnd } from '../client/stream-bridge';
import { describeAccess, describeType } from '../client/session-labels';
import { clientKind, ConnectOptions, substituteExec } from './connect-options';
import { resolveDevice } from './device-resolver';
import { ExitCode, exitCodeForEndReason, ExitCodeValue } from './exit-codes';
import { listenForOneClient, LocalListener } from './local-listener';
import { Progress } from './progress';
import { awaitViewerTicket, finalEndReason, startSession } from './session-request';

export interface ConnectIo {
  progress: Progress;
  /** Where the "point your client at" line goes (stdout, so scripts can read it). */
  stdout: NodeJS.WritableStream;
}

/** The whole `rcgate connect` flow; returns the exit code. Errors before the session starts are thrown (see exitCodeForError). */
export async function runConnect(options: ConnectOptions, io: ConnectIo, signal: AbortSignal): Promise<ExitCodeValue> {
  const { progress } = io;
  const api = new OperatorApi(options.credentials.server, options.credentials.token);
  const device = await resolveDevice(api, options.device);
  // Listen first: a port in use fails before a session is created.
  const listener = await listenForOneClient(options.listen);
  let sessionId: string | undefined;
  try {
    progress.step(`requesting ${describeType(options.type)} of ${device.siteCode}\\${device.name} (${describeAccess(options.accessLevel)})…`);
    const session = await startSession(api, { deviceId: device.id, type: options.type, accessLevel: options.accessLevel, reason: options.reason });
    sessionId = session.id;
    progress.step(`session ${session.id} ${session.state === 'awaitingConsent' ? 'is waiting for the user to consent' : 'is ready'}`);
    const join = await awaitViewerTicket(api, session, progress, signal);
    // Join at once, before the local client comes: the ticket is short-lived.
    const relay = await openRelaySocket(join.relayUrl, join.viewerTicket);
    progress.step(`joined the relay (${join.relayUrl})`);
    const end = await serveOneClient(options, io, listener, relay, signal);
    const endReason = (await finalEndReason(api, session.id)) ?? endReasonFromClose(end);
    progress.step(`session ended: ${endReason ?? `connection lost (${end.code}${end.reason ? ` ${end.reason}` : ''})`}`);
    return exitCodeForEndReason(endReason);
  } catch (error) {
    if (signal.aborted && sessionId) {
      await api.endSession(sessionId).catch(() => undefined);
      progress.step('interrupted; session ended');
      return ExitCode.Ended;
    }
    throw error;
  } finally {
    listener.close();
  }
}

async function serveOneClient(options: ConnectOptions, io: ConnectIo, listener: LocalListener, relay: RelayConnection, signal: AbortSignal): Promise<BridgeEnd> {
  const address = formatHostPort(listener.address);
  io.stdout.write(`Point your ${clientKind(options.type)} at ${address}\n`);
  if (options.exec) launchClient(substituteExec(options.exec, listener.address), io.progress);
  const relayClosed = new Promise<BridgeEnd>((resolve) =>
    relay.ws.once('close', (code: number, reason: Buffer) => resolve({ endedBy: 'relay', code, reason: reason.toString(), bytesFromRelay: 0, bytesToRelay: 0 })),
  );
  const aborted = new Promise<'aborted'>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
  const first = await Promise.race([listener.accepted, relayClosed, aborted]);
  if (first === 'aborted') {
    relay.ws.close(1000, 'viewerClosed');
    return { endedBy: 'bridge', code: 1000, reason: 'viewerClosed', bytesFromRelay: 0, bytesToRelay: 0 };
  }
  if (!(first instanceof Socket)) return first;
  io.progress.step(`${clientKind(options.type)} connected from ${first.remoteAddress ?? 'local'}; streaming`);
  const bridge = bridgeStreams(relay.ws, first, { early: relay.takeEarly() });
  signal.addEventListener('abort', () => bridge.close(1000, 'viewerClosed'), { once: true });
  return bridge.ended;
}

/** What the close frame says when the server cannot be asked: 4000 carries the endReason, 1000 the side that left. */
export function endReasonFromClose(end: BridgeEnd): string | null {
  if (end.code === 4000 && end.reason) return end.reason;
  if (end.code === 1000 && (end.reason === 'viewerClosed' || end.reason === 'agentClosed')) return end.reason;
  if (end.endedBy !== 'relay' && end.code === 1000) return 'viewerClosed';
  return null;
}

function launchClient(command: string, progress: Progress): void {
  progress.step(`launching: ${command}`);
  const child = spawn('/bin/sh', ['-c', command], { stdio: 'inherit', detached: false });
  child.once('error', (error) => progress.step(`could not launch the client: ${error.message}`));
  child.unref();
}
