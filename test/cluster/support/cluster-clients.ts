import WebSocket from 'ws';
import { AdminApi } from '../../agent/support/admin-api';

/** An enrolled, online device as its agent sees it. */
export interface Device {
  deviceId: string;
  deviceToken: string;
}

/** One end of a relayed session: what it received and how it was closed. */
export interface Peer {
  ws: WebSocket;
  received: () => string;
  closed: Promise<{ code: number; reason: string; at: number }>;
}

/** A session with both sides paired on the relay the API chose. */
export interface PairedSession {
  id: string;
  device: Device;
  relayUrl: string;
  viewer: Peer;
  agent: Peer;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails with `what` after `timeoutMs` (generous: the box is small and shared). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(intervalMs);
  }
}

/** Site S01, client settings that allow the admin full control without a prompt, deployed to All Systems; returns an enrolment key. */
export async function prepareFleet(api: AdminApi): Promise<string> {
  await api.expect(201, 'POST', '/sites', { code: 'S01', name: 'Site 1', type: 'primary' });
  const key = await api.expect<{ key: string }>(201, 'POST', '/enrollment-keys', { name: 'cluster agents', siteCode: 'S01' });
  const settings = await api.expect<{ id: string }>(201, 'POST', '/client-settings', {
    name: 'Remote control for the cluster test',
    remoteTools: { enableRemoteControl: true, promptUserForPermission: false, permittedViewers: ['admin'], accessLevel: 'fullControl' },
  });
  await api.expect([200, 201], 'PUT', `/client-settings/${settings.id}/deployments/all-systems`);
  return key.key;
}

async function call<T>(url: string, method: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Enrols a device through the public agent API and sends one heartbeat (a user is logged on), so it is online. */
export async function enrolDevice(baseUrl: string, enrolmentKey: string, name: string): Promise<Device> {
  const enrolled = await call<Device>(`${baseUrl}/api/v1/agent/enroll`, 'POST', undefined, { enrollmentKey: enrolmentKey, name, joinType: 'domain', domain: 'contoso.com', osName: 'Windows 11' });
  if (enrolled.status !== 201) throw new Error(`enrol ${name}: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  const beat = await call(`${baseUrl}/api/v1/agent/heartbeat`, 'POST', enrolled.body.deviceToken, { currentUser: 'CONTOSO\\bob', ipAddresses: ['10.0.0.5'] });
  if (beat.status !== 200) throw new Error(`heartbeat ${name}: ${beat.status} ${JSON.stringify(beat.body)}`);
  return enrolled.body;
}

/** POST /sessions as the admin: the session id, the relay URL chosen for it, and the viewer's ticket. */
export async function requestSession(api: AdminApi, device: Device): Promise<{ id: string; relayUrl: string; viewerTicket: string }> {
  return api.expect(201, 'POST', '/sessions', { deviceId: device.deviceId, type: 'remoteControl', accessLevel: 'fullControl', reason: 'cluster e2e' });
}

/** The agent's long poll: its ticket and relay URL for `sessionId`. */
export async function agentOffer(baseUrl: string, device: Device, sessionId: string): Promise<{ agentTicket: string; relayUrl: string }> {
  return eventually(async () => {
    const offers = await call<{ value: { sessionId: string; agentTicket?: string; relayUrl: string }[] }>(`${baseUrl}/api/v1/agent/offers?wait=5`, 'GET', device.deviceToken);
    const offer = offers.status === 200 ? offers.body.value.find((o) => o.sessionId === sessionId && o.agentTicket) : undefined;
    return offer ? { agentTicket: offer.agentTicket as string, relayUrl: offer.relayUrl } : undefined;
  }, 30_000, `the agent's offer for ${sessionId}`);
}

/** Opens a relay WebSocket with the ticket in the subprotocol (as the CLI and the browser do). */
export async function connectPeer(relayUrl: string, ticket: string): Promise<Peer> {
  const ws = new WebSocket(relayUrl, ['rcgate.v1', `rcgate.ticket.${ticket}`], { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  ws.on('error', () => undefined);
  const chunks: Buffer[] = [];
  ws.on('message', (data: Buffer) => chunks.push(data));
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString(), at: Date.now() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`relay upgrade answered HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, received: () => Buffer.concat(chunks).toString(), closed };
}

/** A session from request to both sides paired, all through the proxy. */
export async function pairedSession(api: AdminApi, device: Device): Promise<PairedSession> {
  const session = await requestSession(api, device);
  const offer = await agentOffer(api.url, device, session.id);
  expect(offer.relayUrl).toBe(session.relayUrl);
  const viewer = await connectPeer(session.relayUrl, session.viewerTicket);
  const agent = await connectPeer(offer.relayUrl, offer.agentTicket);
  await eventually(async () => (await api.session(session.id)).state === 'active', 30_000, `session ${session.id} active`);
  return { id: session.id, device, relayUrl: session.relayUrl, viewer, agent };
}

/** Sends a line each way and waits until each side has it. */
export async function exchange(session: PairedSession, tag: string): Promise<void> {
  const fromAgent = `agent→viewer ${tag}\n`;
  const fromViewer = `viewer→agent ${tag}\n`;
  session.agent.ws.send(Buffer.from(fromAgent));
  session.viewer.ws.send(Buffer.from(fromViewer));
  await eventually(() => session.viewer.received().includes(fromAgent) && session.agent.received().includes(fromViewer), 15_000, `bytes both ways (${tag})`);
}
