import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { Session } from '../client/api.types';
import { OperatorApi } from '../client/operator-api';
import { Progress } from './progress';
import { awaitViewerTicket, finalEndReason, PolicyDeniedError, SessionEndedEarlyError, startSession } from './session-request';

type Handler = (req: IncomingMessage) => { status: number; body: unknown };

/** A stand-in for the REST API: answers each "METHOD /path" from a queue of handlers (the last one repeats). */
class FakeApi {
  private server: Server;
  readonly calls: string[] = [];
  private readonly routes = new Map<string, Handler[]>();

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const key = `${req.method} ${req.url?.split('?')[0].replace('/api/v1', '')}`;
      this.calls.push(key);
      const queue = this.routes.get(key) ?? [];
      const handler = queue.length > 1 ? queue.shift() : queue[0];
      const { status, body } = handler ? handler(req) : { status: 404, body: { status: 404, code: 'notFound' } };
      res.writeHead(status, { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' });
      res.end(JSON.stringify(body));
    });
  }

  on(key: string, ...handlers: Handler[]): void {
    this.routes.set(key, handlers);
  }

  async start(): Promise<OperatorApi> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return new OperatorApi(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`, 'rcg_token');
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SESSION: Omit<Session, 'state' | 'consentDeadline'> = { id: 's-1', deviceId: 'd-1', type: 'remoteControl', accessLevel: 'fullControl', viewer: 'admin', endReason: null, reason: null, relayUrl: 'ws://relay/relay/v1/connect', createdAt: '2026-11-24T10:00:00.000Z', bytesFromViewer: 0, bytesFromAgent: 0 };
const body = { deviceId: 'd-1', type: 'remoteControl' as const, accessLevel: 'fullControl' as const };
const quietProgress = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { progress: new Progress(out), text: () => text };
};

describe('requesting a session from rcgate connect', () => {
  let fake: FakeApi;
  let api: OperatorApi;
  beforeEach(async () => {
    fake = new FakeApi();
    api = await fake.start();
  });
  afterEach(() => fake.stop());

  it('a policy denial carries the reason and the rule trace of POST /sessions/check', async () => {
    const rules = [{ rule: 'remoteControlEnabled', passed: true, detail: 'enabled by Default' }, { rule: 'permittedViewer', passed: false, detail: 'admin is not a permitted viewer' }];
    fake.on('POST /sessions', () => ({ status: 403, body: { status: 403, code: 'sessionDenied', reason: 'viewerNotPermitted', detail: 'You are not a permitted viewer.' } }));
    fake.on('POST /sessions/check', () => ({ status: 200, body: { allowed: false, reason: 'viewerNotPermitted', status: 403, consentRequired: false, rules } }));
    const denial = await startSession(api, body).catch((error: unknown) => error);
    expect(denial).toBeInstanceOf(PolicyDeniedError);
    expect(denial).toMatchObject({ reason: 'viewerNotPermitted', rules });
  });

  it('uses the rules in the denial itself when the server sends them', async () => {
    const rules = [{ rule: 'accessLevel', passed: false, detail: 'viewOnly only' }];
    fake.on('POST /sessions', () => ({ status: 403, body: { status: 403, code: 'sessionDenied', reason: 'accessLevelNotAllowed', rules } }));
    await expect(startSession(api, body)).rejects.toMatchObject({ reason: 'accessLevelNotAllowed', rules });
    expect(fake.calls).not.toContain('POST /sessions/check');
  });

  it('without consent the ticket comes with the session', async () => {
    const { progress } = quietProgress();
    const join = await awaitViewerTicket(api, { ...SESSION, state: 'ready', consentDeadline: null, viewerTicket: 'vt' }, progress, new AbortController().signal);
    expect(join).toMatchObject({ viewerTicket: 'vt', relayUrl: SESSION.relayUrl });
    expect(fake.calls).toEqual([]);
  });

  it('waits for consent with a countdown, then fetches a viewer ticket (retrying a 409 race)', async () => {
    const { progress, text } = quietProgress();
    fake.on('GET /sessions/s-1', () => ({ status: 200, body: { ...SESSION, state: 'awaitingConsent' } }), () => ({ status: 200, body: { ...SESSION, state: 'awaitingConsent' } }), () => ({ status: 200, body: { ...SESSION, state: 'ready' } }));
    fake.on('POST /sessions/s-1/viewer-ticket', () => ({ status: 409, body: { status: 409, code: 'invalidSessionState' } }), () => ({ status: 200, body: { sessionId: 's-1', viewerTicket: 'vt2', viewerTicketExpiresAt: '', relayUrl: 'ws://other/relay/v1/connect', viewerUrl: '' } }));
    const deadline = new Date(Date.now() + 45_000).toISOString();
    const join = await awaitViewerTicket(api, { ...SESSION, state: 'awaitingConsent', consentDeadline: deadline }, progress, new AbortController().signal, 10);
    expect(join).toMatchObject({ viewerTicket: 'vt2', relayUrl: 'ws://other/relay/v1/connect' });
    expect(text()).toMatch(/awaiting the user's consent… 4\d s left/);
    expect(text()).toMatch(/the user granted consent/);
  });

  it('a denial or timeout while waiting ends it with that reason', async () => {
    const { progress } = quietProgress();
    fake.on('GET /sessions/s-1', () => ({ status: 200, body: { ...SESSION, state: 'ended', endReason: 'consentDenied' } }));
    const waiting = awaitViewerTicket(api, { ...SESSION, state: 'awaitingConsent', consentDeadline: null }, progress, new AbortController().signal, 10);
    await expect(waiting).rejects.toBeInstanceOf(SessionEndedEarlyError);
    await expect(waiting).rejects.toMatchObject({ endReason: 'consentDenied' });
  });

  it('after the socket closed, polls until the session is ended to learn why', async () => {
    fake.on('GET /sessions/s-1', () => ({ status: 200, body: { ...SESSION, state: 'active' } }), () => ({ status: 200, body: { ...SESSION, state: 'ended', endReason: 'agentClosed' } }));
    await expect(finalEndReason(api, 's-1', 2000, 10)).resolves.toBe('agentClosed');
    fake.on('GET /sessions/s-1', () => ({ status: 200, body: { ...SESSION, state: 'active' } }));
    await expect(finalEndReason(api, 's-1', 100, 10)).resolves.toBeNull();
  });
});
