import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { connect, RelayClient, waitFor } from '../../relay/support/relay-fixture';

/** Client settings that let an administrator take full control without asking anyone. */
export const UNATTENDED_FULL_CONTROL = {
  enableRemoteControl: true,
  promptUserForPermission: false,
  accessLevel: 'fullControl',
  allowUnattendedComputer: true,
  permittedViewers: ['admin'],
  manageSolicitedRemoteAssistance: true,
  remoteAssistanceAccessLevel: 'fullControl',
  manageRemoteDesktop: true,
  allowPermittedViewersRemoteDesktop: true,
};

export interface Api {
  baseUrl: string;
  adminToken: string;
}

export async function call(api: Api, method: string, path: string, token: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(20_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export interface PairedSession {
  id: string;
  viewer: RelayClient;
  agent: RelayClient;
}

/** POST /sessions as the administrator, the agent's offer, both sides on the relay, until the session is active. */
export async function pairedSession(api: Api, dataSource: DataSource, agent: { deviceId: string; deviceToken: string }): Promise<PairedSession> {
  const started = await call(api, 'POST', '/api/v1/sessions', api.adminToken, { deviceId: agent.deviceId, type: 'remoteControl', accessLevel: 'fullControl' });
  if (started.status !== 201) throw new Error(`POST /sessions: ${started.status} ${started.text}`);
  const { id, viewerTicket, relayUrl } = started.json() as { id: string; viewerTicket: string; relayUrl: string };
  const offers = await call(api, 'GET', '/api/v1/agent/offers?wait=0', agent.deviceToken);
  const offer = (offers.json().value as { sessionId: string; agentTicket?: string }[]).find((o) => o.sessionId === id);
  if (!offer?.agentTicket) throw new Error(`no agent ticket offered: ${offers.text}`);
  const viewer = await connect(relayUrl, viewerTicket);
  const agentSide = await connect(relayUrl, offer.agentTicket);
  await waitFor(async () => (await stateOf(dataSource, id)).state === 'active', 10_000, `session ${id} active`);
  return { id, viewer, agent: agentSide };
}

export async function stateOf(dataSource: DataSource, id: string): Promise<{ state: string; endReason: string | null }> {
  const [row] = (await dataSource.query('SELECT state, end_reason AS "endReason" FROM sessions WHERE id = $1', [id])) as { state: string; endReason: string | null }[];
  return row;
}

/** Sends `size` random bytes each way and waits until both arrive whole: the stream flows. */
export async function exchange(session: PairedSession, size = 4096, timeoutMs = 5000): Promise<void> {
  const toAgent = session.agent.bytesReceived() + size;
  const toViewer = session.viewer.bytesReceived() + size;
  session.viewer.ws.send(randomBytes(size));
  session.agent.ws.send(randomBytes(size));
  await waitFor(() => session.agent.bytesReceived() >= toAgent && session.viewer.bytesReceived() >= toViewer, timeoutMs, `bytes both ways in ${session.id}`);
}

/** Audit record counts of one session by type. */
export async function auditCounts(dataSource: DataSource, sessionId: string): Promise<Record<string, number>> {
  const rows = (await dataSource.query('SELECT type, count(*)::int AS n FROM audit_records WHERE session_id = $1 GROUP BY type', [sessionId])) as { type: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}
