import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { decodeJwt, JWTPayload, SignJWT } from 'jose';
import { Clock } from '../../src/common/clock/clock';
import { SessionLifecycleService } from '../../src/sessions/session-lifecycle.service';
import { SessionEntity } from '../../src/sessions/session.entity';
import { TicketKeyStore } from '../../src/sessions/tickets/ticket-key.store';
import { hashJti } from '../../src/sessions/tickets/jti-hash';
import { keyIdOf } from '../../src/sessions/tickets/ticket-keys';
import { auditRecords, CapturingLogger, Closed, connect, ConnectOptions, createSession, mintTicket, RelayTestApp, sessionRow, startRelayTestApp, verifiedAuditChain, waitFor } from './support/relay-fixture';

describe('ticket checks at the relay', () => {
  let t: RelayTestApp;
  const logs = new CapturingLogger();
  /** Every ticket this file presents, valid or not: none may appear in a log line or an audit record. */
  const presented: string[] = [];

  beforeAll(async () => {
    // This file refuses many tickets from 127.0.0.1 on purpose; the per-address limit has its own test.
    t = await startRelayTestApp({ TICKET_FAILURES_PER_MINUTE: '1000' });
    t.app.useLogger(logs);
  });

  afterAll(async () => {
    await t?.close();
  });

  const ticketFor = async (session: SessionEntity, role: 'viewer' | 'agent') => remember(await mintTicket(t, session, role));
  const remember = (ticket: string) => (presented.push(ticket), ticket);
  const join = (ticket: string | undefined, options: ConnectOptions = {}) => connect(t.relayUrl, ticket, options);
  const refusedWith = async (ticket: string | undefined, options: ConnectOptions = {}): Promise<Closed> => (await join(ticket, options)).closed;
  const rejections = async (sessionId?: string) => (await auditRecords(t, 'ticketRejected', sessionId)).map((r) => ({ ...r, reason: r.details.reason }));

  /** Claims like the API's, signed however the test likes. */
  async function signed(claims: Partial<JWTPayload>, key: KeyObject, kid: string): Promise<string> {
    const session = await createSession(t);
    const base = decodeJwt(await ticketFor(session, 'viewer'));
    return remember(await new SignJWT({ ...base, ...claims }).setProtectedHeader({ alg: 'EdDSA', kid }).sign(key));
  }

  const apiKey = () => t.app.get(TicketKeyStore).signingKey();

  describe('refuses, closes with 4401 and audits the reason', () => {
    it('a ticket whose signature was tampered with (badSignature)', async () => {
      const session = await createSession(t);
      const [header, payload, signature] = (await ticketFor(session, 'viewer')).split('.');
      const flipped = signature.slice(0, 10) + (signature[10] === 'A' ? 'B' : 'A') + signature.slice(11);
      expect(await refusedWith(remember(`${header}.${payload}.${flipped}`))).toEqual({ code: 4401, reason: 'badSignature' });
      expect(await rejections()).toContainEqual(expect.objectContaining({ reason: 'badSignature', actor: 'anonymous', sessionId: null }));
    });

    it('a ticket signed by another key, under our key id or its own (badSignature)', async () => {
      const other = generateKeyPairSync('ed25519').privateKey;
      const { kid } = await apiKey();
      expect(await refusedWith(await signed({}, other, kid))).toEqual({ code: 4401, reason: 'badSignature' });
      expect(await refusedWith(await signed({}, other, keyIdOf(generateKeyPairSync('ed25519').publicKey)))).toEqual({ code: 4401, reason: 'badSignature' });
    });

    it('an unsigned ticket with alg none (badSignature)', async () => {
      const session = await createSession(t);
      const claims = decodeJwt(await ticketFor(session, 'agent'));
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const { kid } = await apiKey();
      expect(await refusedWith(remember(`${part({ alg: 'none', kid })}.${part(claims)}.`))).toEqual({ code: 4401, reason: 'badSignature' });
    });

    it('a ticket for another audience (wrongAudience), naming its session', async () => {
      const { privateKey, kid } = await apiKey();
      const ticket = await signed({ aud: 'rcgate-api' }, privateKey, kid);
      expect(await refusedWith(ticket)).toEqual({ code: 4401, reason: 'wrongAudience' });
      expect(await rejections(decodeJwt(ticket).sub)).toEqual([expect.objectContaining({ reason: 'wrongAudience' })]);
    });

    it('an expired ticket (expired), naming its session and device', async () => {
      const session = await createSession(t);
      const clock = t.app.get(Clock);
      const now = clock.now.bind(clock);
      const spy = jest.spyOn(clock, 'now').mockImplementation(() => new Date(now().getTime() - 10 * 60_000));
      const ticket = await ticketFor(session, 'agent').finally(() => spy.mockRestore());
      expect(await refusedWith(ticket)).toEqual({ code: 4401, reason: 'expired' });
      expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'expired', deviceId: session.deviceId, actor: `agent:${session.deviceId}` })]);
    });

    it('a ticket used twice (replayed), leaving the first connection and its session unharmed', async () => {
      const session = await createSession(t);
      const viewerTicket = await ticketFor(session, 'viewer');
      const viewer = await join(viewerTicket);
      // The first use must have won before the replay is sent (otherwise the replay is the first use).
      await waitFor(async () => (await t.dataSource.query('SELECT 1 FROM session_tickets WHERE session_id = $1 AND consumed_at IS NOT NULL', [session.id])).length === 1);
      expect(await refusedWith(viewerTicket, { via: 'query' })).toEqual({ code: 4401, reason: 'replayed' });
      expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'replayed', actor: 'admin', deviceId: session.deviceId })]);
      const agent = await join(await ticketFor(session, 'agent'));
      agent.ws.send(Buffer.from('still here'));
      await waitFor(() => viewer.bytesReceived() === 10, 5000, 'bytes through the first connection');
      await waitFor(async () => (await sessionRow(t, session.id)).state === 'active');
    });

    it('a viewer ticket presented on the agent side (wrongRole), without spending it', async () => {
      const session = await createSession(t);
      const viewerTicket = await ticketFor(session, 'viewer');
      expect(await refusedWith(viewerTicket, { role: 'agent' })).toEqual({ code: 4401, reason: 'wrongRole' });
      expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'wrongRole' })]);
      const viewer = await join(viewerTicket, { role: 'viewer' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(viewer.ws.readyState).toBe(viewer.ws.OPEN);
    });

    it('a ticket of a session that has ended (sessionEnded)', async () => {
      const session = await createSession(t);
      const ticket = await ticketFor(session, 'agent');
      await t.app.get(SessionLifecycleService).end(session.id, 'endedByAdministrator', 'admin');
      expect(await refusedWith(ticket)).toEqual({ code: 4401, reason: 'sessionEnded' });
      expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'sessionEnded' })]);
    });

    it('a ticket of a session still waiting for consent (notReady)', async () => {
      const session = await createSession(t, { state: 'awaitingConsent', consentRequired: true });
      expect(await refusedWith(await ticketFor(session, 'agent'))).toEqual({ code: 4401, reason: 'notReady' });
      expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'notReady' })]);
    });

    it('a correctly signed ticket the API never issued (unknown)', async () => {
      const { privateKey, kid } = await apiKey();
      const ticket = await signed({ sub: randomUUID(), jti: randomUUID() }, privateKey, kid);
      expect(await refusedWith(ticket)).toEqual({ code: 4401, reason: 'unknown' });
      expect(await rejections(decodeJwt(ticket).sub)).toEqual([expect.objectContaining({ reason: 'unknown' })]);
    });

    it.each([
      ['no ticket at all', undefined, {}],
      ['a ticket that is not a JWS', 'not-a-ticket', { via: 'query' as const }],
      ['a side that is neither viewer nor agent', 'x.y.z', { role: 'administrator' }],
    ])('%s (malformed)', async (_what, ticket, options) => {
      const before = (await rejections()).filter((r) => r.reason === 'malformed').length;
      expect(await refusedWith(ticket === undefined ? undefined : remember(ticket), options)).toEqual({ code: 4401, reason: 'malformed' });
      expect((await rejections()).filter((r) => r.reason === 'malformed')).toHaveLength(before + 1);
    });
  });

  it('refuses a third connection to a paired session with 4409, audited, and keeps the pair', async () => {
    const session = await createSession(t);
    const viewer = await join(await ticketFor(session, 'viewer'));
    const agent = await join(await ticketFor(session, 'agent'));
    await waitFor(async () => (await sessionRow(t, session.id)).state === 'active');
    expect(await refusedWith(await ticketFor(session, 'viewer'))).toEqual({ code: 4409, reason: 'alreadyJoined' });
    await waitFor(async () => (await rejections(session.id)).length === 1);
    expect(await rejections(session.id)).toEqual([expect.objectContaining({ reason: 'peerAlreadyConnected', actor: 'admin' })]);
    viewer.ws.send(Buffer.from('ping'));
    await waitFor(() => agent.bytesReceived() === 4);
  });

  describe('garbage on the upgrade', () => {
    const port = () => (t.app.getHttpServer().address() as AddressInfo).port;

    /** Sends raw bytes and returns the status line the server answered with ('' if none). */
    function raw(request: string | Buffer): Promise<string> {
      return new Promise((resolve) => {
        let answer = '';
        const socket = tcpConnect(port(), '127.0.0.1', () => socket.write(request));
        socket.on('data', (chunk: Buffer) => {
          answer += chunk.toString('latin1');
          if (answer.includes('\r\n')) socket.destroy();
        });
        socket.on('error', () => undefined);
        const giveUp = setTimeout(() => socket.destroy(), 2000);
        socket.on('close', () => {
          clearTimeout(giveUp);
          resolve(answer.split('\r\n')[0]);
        });
      });
    }

    const upgrade = (path: string, extra = '') =>
      `GET ${path} HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

    it.each([
      ['an upgrade without a WebSocket key', 'GET /relay/v1/connect HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n', /^HTTP\/1\.1 400/],
      ['an unparseable subprotocol header', upgrade('/relay/v1/connect', 'Sec-WebSocket-Protocol: ,,, \r\n'), /^HTTP\/1\.1 400/],
      ['an upgrade on another path', upgrade('/relay/v1/elsewhere'), /^HTTP\/1\.1 4\d\d/],
      ['a ticket too long for any header', upgrade(`/relay/v1/connect?ticket=${'A'.repeat(20_000)}`), /^HTTP\/1\.1 431/],
      ['bytes that are not HTTP', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0, 0, 0, 13, 10, 13, 10]), /^HTTP\/1\.1 400/],
    ])('answers %s with an HTTP error and keeps serving', async (_what, request, status) => {
      expect(await raw(request)).toMatch(status);
      await t.http().get('/healthz').expect(200);
    });

    it('survives clients that vanish mid-upgrade, then still pairs a session', async () => {
      for (let i = 0; i < 5; i++) {
        const socket = tcpConnect(port(), '127.0.0.1', () => {
          socket.write(upgrade('/relay/v1/connect?ticket=abc').slice(0, 40 + i * 20));
          socket.destroy();
        });
        socket.on('error', () => undefined);
      }
      const session = await createSession(t);
      const viewer = await join(await ticketFor(session, 'viewer'));
      const agent = await join(await ticketFor(session, 'agent'), { via: 'query' });
      agent.ws.send(Buffer.from('ok'));
      await waitFor(() => viewer.bytesReceived() === 2);
    });
  });

  it('never writes a ticket into a log line or an audit record', async () => {
    expect(logs.lines.some((line) => line.includes('relay connection refused'))).toBe(true);
    const audit = ((await t.dataSource.query('SELECT a::text AS text FROM audit_records a')) as { text: string }[]).map((row) => row.text).join('\n');
    const logged = logs.lines.join('\n');
    expect(presented.length).toBeGreaterThan(20);
    for (const ticket of presented) {
      const secrets = [ticket, ...ticket.split('.').filter((part) => part.length > 20)];
      for (const secret of secrets) {
        expect(logged).not.toContain(secret);
        expect(audit).not.toContain(secret);
      }
      const jti = ticket.split('.').length === 3 ? safeJti(ticket) : undefined;
      if (jti) expect(audit).not.toContain(jti);
    }
  });

  describe('consumption in the database', () => {
    const jtiHashOf = (ticket: string) => hashJti(decodeJwt(ticket).jti as string);

    it('spends a ticket presented ten times at once exactly once, while the other side of the session is admitted alongside', async () => {
      const lifecycle = t.app.get(SessionLifecycleService);
      const session = await createSession(t);
      const [viewer, agent] = [await ticketFor(session, 'viewer'), await ticketFor(session, 'agent')];
      const results = await Promise.all([
        ...Array.from({ length: 10 }, () => lifecycle.consumeTicket(jtiHashOf(viewer), session.id, 'viewer')),
        lifecycle.consumeTicket(jtiHashOf(agent), session.id, 'agent'),
      ]);
      const viewerSide = results.slice(0, 10);
      expect(viewerSide.filter((r) => r.ok)).toHaveLength(1);
      expect(viewerSide.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(Array(9).fill('replayed'));
      expect(results[10]).toMatchObject({ ok: true, session: { id: session.id, deviceId: session.deviceId, state: 'ready', accessLevel: 'fullControl', relayNodeId: t.nodeId, maxEndAt: session.maxEndAt } });
    });

    it('waits for a state change in progress, and refuses (without spending the ticket) once the session has ended', async () => {
      const lifecycle = t.app.get(SessionLifecycleService);
      const session = await createSession(t);
      const ticket = await ticketFor(session, 'viewer');
      const ending = t.dataSource.createQueryRunner();
      await ending.connect();
      await ending.startTransaction();
      await ending.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [session.id]);
      let settled = false;
      const consumption = lifecycle.consumeTicket(jtiHashOf(ticket), session.id, 'viewer').finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await ending.query(`UPDATE sessions SET state = 'ended', end_reason = 'endedByAdministrator', ended_at = now() WHERE id = $1`, [session.id]);
      await ending.commitTransaction();
      await ending.release();
      expect(await consumption).toEqual({ ok: false, reason: 'sessionEnded' });
      const [row] = (await t.dataSource.query('SELECT consumed_at FROM session_tickets WHERE jti_hash = $1', [jtiHashOf(ticket)])) as { consumed_at: Date | null }[];
      expect(row.consumed_at).toBeNull();
    });
  });

  it('leaves an audit chain that verifies', async () => {
    expect(await verifiedAuditChain(t)).toMatchObject({ valid: true, firstBrokenSeq: null });
  });
});

function safeJti(ticket: string): string | undefined {
  try {
    const { jti } = decodeJwt(ticket);
    return typeof jti === 'string' && jti.length > 8 ? jti : undefined;
  } catch {
    return undefined;
  }
}
