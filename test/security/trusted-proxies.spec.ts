import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { expectProblem } from '../foundation/problem-assertions';
import { auditRecords, RelayTestApp, startRelayTestApp, waitFor } from '../relay/support/relay-fixture';
import { bearer } from '../support/test-app';

const FAILURES = 2;
const LIMITS = { AUTH_FAILURES_PER_MINUTE: String(FAILURES), TICKET_FAILURES_PER_MINUTE: String(FAILURES) };
const from = (address: string) => ({ 'X-Forwarded-For': address });

/** A relay upgrade with a forged ticket and X-Forwarded-For: the close code (4401) or the HTTP status (429). */
function forgedTicketFrom(relayUrl: string, forwardedFor: string): Promise<string> {
  const ws = new WebSocket(relayUrl, ['rcgate.v1', 'rcgate.ticket.forged'], { headers: from(forwardedFor), perMessageDeflate: false });
  ws.on('error', () => undefined);
  return new Promise((resolve) => {
    ws.once('close', (code: number) => resolve(`close ${code}`));
    ws.once('unexpected-response', (_req, res) => {
      resolve(`HTTP ${res.statusCode}`);
      ws.terminate();
    });
  });
}

/** A graphql-ws subscription with a wrong token and X-Forwarded-For on the upgrade: the error code it got. */
async function badTokenSubscriptionFrom(baseUrl: string, forwardedFor: string): Promise<string> {
  class ForwardedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: from(forwardedFor) });
    }
  }
  const client = createClient({
    url: `${baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: ForwardedWebSocket,
    connectionParams: { authorization: 'Bearer rcg_wrong_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    retryAttempts: 0,
    lazy: true,
  });
  try {
    return await new Promise<string>((resolve) => {
      client.subscribe({ query: 'subscription { auditRecordAdded { type } }' }, {
        next: (value) => resolve(String((value.errors?.[0]?.extensions as { code?: string } | undefined)?.code ?? 'data')),
        error: (error) => resolve(JSON.stringify(error)),
        complete: () => resolve('complete'),
      });
    });
  } finally {
    await client.dispose();
  }
}

const authFailureSources = async (app: RelayTestApp) =>
  ((await app.dataSource.query(`SELECT details->>'sourceAddress' AS source FROM audit_records WHERE type = 'authenticationFailed' ORDER BY seq`)) as { source: string }[]).map((r) => r.source);

describe('trusted proxies: X-Forwarded-For counts only from TRUSTED_PROXIES, on HTTP, relay and GraphQL upgrades', () => {
  describe('behind a trusted proxy (the default: loopback)', () => {
    let app: RelayTestApp;
    let baseUrl: string;

    beforeAll(async () => {
      app = await startRelayTestApp(LIMITS);
      baseUrl = app.relayUrl.replace(/^ws/, 'http').replace(/\/relay\/v1\/connect$/, '');
    });
    afterAll(() => app.close());

    it('limits and audits failed logins per real client, so clients behind one proxy do not block each other', async () => {
      for (let i = 0; i < FAILURES; i++) expectProblem(await app.http().get('/api/v1/me').set(from('203.0.113.7')).set(bearer(`rcg_guess_${i}_aaaaaaaaaaaaaaaaaaaaaaaa`)), 401, 'invalidToken');
      expectProblem(await app.http().get('/api/v1/me').set(from('203.0.113.7')).set(bearer(app.adminToken)), 429, 'tooManyRequests');
      expect((await app.http().get('/api/v1/me').set(from('203.0.113.8')).set(bearer(app.adminToken))).status).toBe(200);
      expect(await authFailureSources(app)).toEqual(['203.0.113.7', '203.0.113.7']);
    });

    it('limits refused relay tickets per real client, and audits that client', async () => {
      for (let i = 0; i < FAILURES; i++) expect(await forgedTicketFrom(app.relayUrl, '198.51.100.20')).toBe('close 4401');
      expect(await forgedTicketFrom(app.relayUrl, '198.51.100.20')).toBe('HTTP 429');
      expect(await forgedTicketFrom(app.relayUrl, '198.51.100.21')).toBe('close 4401');
      await waitFor(async () => (await auditRecords(app, 'ticketRejected')).length === FAILURES + 1, 5000, 'ticketRejected audited');
      expect((await auditRecords(app, 'ticketRejected')).map((r) => r.details.sourceAddress)).toEqual(['198.51.100.20', '198.51.100.20', '198.51.100.21']);
    });

    it('limits failed GraphQL subscription logins per real client', async () => {
      for (let i = 0; i < FAILURES; i++) expect(await badTokenSubscriptionFrom(baseUrl, '192.0.2.40')).toMatch(/invalidToken/);
      expect(await badTokenSubscriptionFrom(baseUrl, '192.0.2.40')).toMatch(/tooManyRequests/);
      expect(await badTokenSubscriptionFrom(baseUrl, '192.0.2.41')).toMatch(/invalidToken/);
    });
  });

  describe('reached directly by a client that forges X-Forwarded-For (its address is not in TRUSTED_PROXIES)', () => {
    let app: RelayTestApp;
    let baseUrl: string;

    beforeAll(async () => {
      // The proxy lives elsewhere; 127.0.0.1, where this test connects from, is just a client.
      app = await startRelayTestApp({ ...LIMITS, TRUSTED_PROXIES: '192.0.2.250' });
      baseUrl = app.relayUrl.replace(/^ws/, 'http').replace(/\/relay\/v1\/connect$/, '');
    });
    afterAll(() => app.close());

    it('ignores the header on HTTP: a new forged address each try does not reset the failure budget', async () => {
      for (let i = 0; i < FAILURES; i++) expectProblem(await app.http().get('/api/v1/me').set(from(`203.0.113.${50 + i}`)).set(bearer(`rcg_guess_${i}_aaaaaaaaaaaaaaaaaaaaaaaa`)), 401, 'invalidToken');
      expectProblem(await app.http().get('/api/v1/me').set(from('203.0.113.99')).set(bearer(app.adminToken)), 429, 'tooManyRequests');
      const sources = await authFailureSources(app);
      expect(sources).toHaveLength(FAILURES);
      for (const source of sources) expect(source).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it('ignores the header on relay upgrades', async () => {
      for (let i = 0; i < FAILURES; i++) expect(await forgedTicketFrom(app.relayUrl, `198.51.100.${60 + i}`)).toBe('close 4401');
      expect(await forgedTicketFrom(app.relayUrl, '198.51.100.99')).toBe('HTTP 429');
      await waitFor(async () => (await auditRecords(app, 'ticketRejected')).length === FAILURES, 5000, 'ticketRejected audited');
      for (const record of await auditRecords(app, 'ticketRejected')) expect(record.details.sourceAddress).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    });

    it('ignores the header on GraphQL subscriptions (this address is already over its budget from the HTTP test)', async () => {
      expect(await badTokenSubscriptionFrom(baseUrl, '192.0.2.77')).toMatch(/tooManyRequests/);
    });
  });
});
