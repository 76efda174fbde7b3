import { Client } from 'pg';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const FULL = { enableRemoteControl: true, promptUserForPermission: false, accessLevel: 'fullControl', allowUnattendedComputer: true, permittedViewers: ['admin', 'CONTOSO\\Helpdesk'], manageSolicitedRemoteAssistance: true, remoteAssistanceAccessLevel: 'fullControl', manageRemoteDesktop: true, allowPermittedViewersRemoteDesktop: true };

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('sessions: policy, consent, tickets, ending — through the REST and agent APIs', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Record<string, string>;
  const start = (body: Record<string, unknown>, headers = admin) => t.http().post('/api/v1/sessions').set(headers).send({ type: 'remoteControl', accessLevel: 'fullControl', ...body });
  const session = async (id: string) => (await t.http().get(`/api/v1/sessions/${id}`).set(admin)).body;

  beforeAll(async () => {
    t = await startTestApp({ CONSENT_TIMEOUT_SECONDS: '5', TICKET_TTL_SECONDS: '15', RELAY_NODE_TIMEOUT_SECONDS: '3600', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
    f = new Fixtures(t);
    admin = bearer(t.adminToken);
    await f.site('S01');
    await f.relayNode();
  });
  afterAll(() => t.close());

  describe('denials, one per rule, each a problem with its reason and a sessionDenied record', () => {
    let domainPc: string;
    let workgroupPc: string;
    let settingsId: string;
    let etag: string;

    beforeAll(async () => {
      domainPc = (await f.agent('DENY-DOM')).deviceId;
      workgroupPc = (await f.agent('DENY-WG', { joinType: 'workgroup' })).deviceId;
      ({ id: settingsId, etag } = await f.settings(FULL, 'all-systems', 100));
    });

    const withSettings = async (remoteTools: Record<string, unknown>) => {
      const res = await t.http().patch(`/api/v1/client-settings/${settingsId}`).set(admin).set('If-Match', etag).send({ remoteTools: { ...FULL, ...remoteTools } });
      expect(res.status).toBe(200);
      etag = res.body.etag;
    };

    it.each([
      ['remoteControlDisabled', 403, { enableRemoteControl: false }, {}],
      ['viewerNotPermitted', 403, { permittedViewers: ['CONTOSO\\Other'] }, {}],
      ['remoteAssistanceNotAllowed', 403, { manageSolicitedRemoteAssistance: false }, { type: 'remoteAssistance' }],
      ['remoteDesktopNotAllowed', 403, { manageRemoteDesktop: false }, { type: 'remoteDesktop' }],
      ['accessLevelNotAllowed', 403, { accessLevel: 'viewOnly' }, {}],
    ])('%s', async (reason, status, remoteTools, request) => {
      await withSettings(remoteTools);
      const res = await start({ deviceId: domainPc, ...request });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code: reason, reason });
      expect(res.body.rules.find((r: { passed: boolean }) => !r.passed)).toBeDefined();
      const denied = await t.http().get(`/api/v1/audit-records?type=sessionDenied&deviceId=${domainPc}&top=1`).set(admin);
      expect(denied.body.value[0].details.reason).toBe(reason);
    });

    it('remoteAssistanceRequiresDomain: Remote Assistance is never started to a workgroup computer', async () => {
      await withSettings({});
      const res = await start({ deviceId: workgroupPc, type: 'remoteAssistance' });
      expect(res.status).toBe(403);
      expect(res.body.reason).toBe('remoteAssistanceRequiresDomain');
    });

    it('roleNotAllowed for a read-only analyst', async () => {
      const analyst = await f.principal('analyst', 'readOnlyAnalyst', ['all-systems']);
      const res = await start({ deviceId: domainPc }, bearer(analyst));
      expect(res.status).toBe(403);
      expect(res.body.reason).toBe('roleNotAllowed');
    });

    it('deviceOffline (409) when the agent stopped heart-beating', async () => {
      await t.dataSource.query(`UPDATE devices SET last_seen_at = now() - interval '1 hour' WHERE id = $1`, [workgroupPc]);
      const res = await start({ deviceId: workgroupPc });
      expect(res.status).toBe(409);
      expect(res.body.reason).toBe('deviceOffline');
    });

    it('unattendedNotAllowed when nobody is logged on and unattended control is off', async () => {
      await withSettings({ allowUnattendedComputer: false });
      const unattended = await f.agent('DENY-UNATT', { currentUser: null });
      const res = await start({ deviceId: unattended.deviceId });
      expect(res.status).toBe(403);
      expect(res.body.reason).toBe('unattendedNotAllowed');
      await withSettings({});
    });

    it('an out-of-scope or unknown device is 404, not 403', async () => {
      const scoped = await f.principal('CONTOSO\\scoped', 'remoteToolsOperator', [await f.collection('Empty scope', "name eq 'NOBODY'")]);
      expect((await start({ deviceId: domainPc }, bearer(scoped))).status).toBe(404);
      expect((await start({ deviceId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    });

    it('explains before connecting: POST /sessions/check traces every rule and creates nothing', async () => {
      await withSettings({ enableRemoteControl: false });
      const before = (await t.http().get('/api/v1/sessions').set(admin)).body.value.length;
      const res = await t.http().post('/api/v1/sessions/check').set(admin).send({ deviceId: domainPc, type: 'remoteControl', accessLevel: 'fullControl' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ allowed: false, reason: 'remoteControlDisabled', status: 403, sourceClientSettingsId: settingsId });
      expect(res.body.rules).toHaveLength(10);
      expect(res.body.resultantSettings.enableRemoteControl).toBe(false);
      expect((await t.http().get('/api/v1/sessions').set(admin)).body.value.length).toBe(before);
      await withSettings({});
    });
  });

  describe('a session without consent', () => {
    it('is ready at once with a viewer ticket, and the agent long-poll gets its offer immediately', async () => {
      const agent = await f.agent('READY-01', { currentUser: null });
      const poll = t.http().get('/api/v1/agent/offers?wait=25').set(bearer(agent.deviceToken));
      const pollStarted = Date.now();
      await new Promise((r) => setTimeout(r, 300));
      const res = await start({ deviceId: agent.deviceId, reason: 'ticket INC-42' });
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toMatchObject({ state: 'ready', consentRequired: false, viewer: 'admin' });
      expect(res.body.viewerTicket.split('.')).toHaveLength(3);
      expect(res.body.viewerUrl).toContain(`/viewer/#session=${res.body.id}&ticket=`);
      const offers = await poll;
      expect(Date.now() - pollStarted).toBeLessThan(5000);
      expect(offers.body.value).toEqual([expect.objectContaining({ sessionId: res.body.id, consentRequired: false, agentTicket: expect.any(String) })]);
      const again = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken));
      expect(again.body.value).toEqual([]);
    });

    it('leaves an offer to the next poll when the agent hung up on its long poll (the dead poll takes no ticket)', async () => {
      const agent = await f.agent('HANGUP-01', { currentUser: null });
      const base = await t.listen();
      const hangUp = new AbortController();
      const abandoned = fetch(`${base}/api/v1/agent/offers?wait=25`, { headers: bearer(agent.deviceToken), signal: hangUp.signal }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      hangUp.abort();
      await abandoned;
      await new Promise((r) => setTimeout(r, 200));
      const res = await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' });
      expect(res.status).toBe(201);
      // The offer's NOTIFY has had time to wake a poll still waiting on the server for nobody.
      await new Promise((r) => setTimeout(r, 1000));
      const offers = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken));
      expect(offers.body.value).toEqual([expect.objectContaining({ sessionId: res.body.id, agentTicket: expect.any(String) })]);
    });

    it('offers again, with a new ticket, a session whose agent ticket was handed out but never used (a lost answer), at most 3 times', async () => {
      const agent = await f.agent('REOFFER-01', { currentUser: null });
      const res = await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' });
      const poll = async () => (await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken))).body.value as { sessionId: string; agentTicket: string }[];
      // As if each answer went to a connection that was already gone: nobody uses the tickets.
      const age = () => t.dataSource.query(`UPDATE session_tickets SET created_at = created_at - interval '11 seconds' WHERE session_id = $1 AND role = 'agent'`, [res.body.id]);
      const tickets: string[] = [];
      for (let i = 0; i < 3; i++) {
        const offered = await poll();
        expect(offered).toEqual([expect.objectContaining({ sessionId: res.body.id, agentTicket: expect.any(String) })]);
        tickets.push(offered[0].agentTicket);
        expect(await poll()).toEqual([]); // not again while the agent may still be joining
        await age();
      }
      expect(new Set(tickets).size).toBe(3);
      expect(await poll()).toEqual([]); // the third was the last
      const issued = await t.dataSource.query(`SELECT count(*)::int AS n FROM session_tickets WHERE session_id = $1 AND role = 'agent'`, [res.body.id]);
      expect(issued[0].n).toBe(3);
    });

    it('does not offer again a session whose agent joined', async () => {
      const agent = await f.agent('REOFFER-02', { currentUser: null });
      const res = await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' });
      const first = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken));
      expect(first.body.value).toHaveLength(1);
      await t.dataSource.query(`UPDATE session_tickets SET consumed_at = now(), created_at = created_at - interval '11 seconds' WHERE session_id = $1 AND role = 'agent'`, [res.body.id]);
      expect((await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken))).body.value).toEqual([]);
    });

    it('answers a long poll as soon as an offer another transaction held locked is free, not when the poll runs out', async () => {
      const agent = await f.agent('LOCKED-01', { currentUser: null });
      const res = await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' });
      expect(res.status).toBe(201);
      // The viewer consuming its ticket holds the session row like this for a moment.
      const lock = new Client({ connectionString: t.databaseUrl });
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [res.body.id]);
      const pollStarted = Date.now();
      const poll = t.http().get('/api/v1/agent/offers?wait=30').set(bearer(agent.deviceToken)).then((r) => r);
      await new Promise((r) => setTimeout(r, 500));
      await lock.query('COMMIT');
      await lock.end();
      const offers = await poll;
      expect(offers.body.value).toEqual([expect.objectContaining({ sessionId: res.body.id, agentTicket: expect.any(String) })]);
      expect(Date.now() - pollStarted).toBeLessThan(15_000);
    });

    it('ends ticketExpired when nobody joins before the tickets expire', async () => {
      const agent = await f.agent('EXPIRE-01', { currentUser: null });
      const res = await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' });
      // TICKET_TTL_SECONDS is 15: long enough that a busy machine's 50-request race below never outlives its winner's tickets.
      const ended = await until(() => session(res.body.id), (s) => s.state === 'ended', 45_000);
      expect(ended.endReason).toBe('ticketExpired');
    });

    it('ends endedByAdministrator, and a deleted device ends its sessions deviceDeleted', async () => {
      const agent = await f.agent('END-01', { currentUser: null });
      const a = (await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' })).body;
      const ended = await t.http().post(`/api/v1/sessions/${a.id}/end`).set(admin);
      expect(ended.body).toMatchObject({ state: 'ended', endReason: 'endedByAdministrator' });
      const b = (await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' })).body;
      expect((await t.http().delete(`/api/v1/devices/${agent.deviceId}`).set(admin)).status).toBe(204);
      expect((await session(b.id)).endReason).toBe('deviceDeleted');
    });
  });

  describe('consent', () => {
    it('granted: the agent gets its ticket in the answer, then the viewer fetches its own', async () => {
      const agent = await f.agent('CONSENT-1', { currentUser: 'CONTOSO\\bob' });
      await f.settings({ ...FULL, promptUserForPermission: true }, 'all-systems', 1);
      const res = await start({ deviceId: agent.deviceId });
      expect(res.body).toMatchObject({ state: 'awaitingConsent', consentRequired: true });
      expect(res.body.viewerTicket).toBeUndefined();
      expect((await t.http().post(`/api/v1/sessions/${res.body.id}/viewer-ticket`).set(admin)).status).toBe(409);
      const offers = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken));
      expect(offers.body.value[0]).toMatchObject({ sessionId: res.body.id, consentRequired: true, viewer: 'admin' });
      expect(offers.body.value[0].agentTicket).toBeUndefined();
      const answer = await t.http().post(`/api/v1/agent/sessions/${res.body.id}/consent`).set(bearer(agent.deviceToken)).send({ granted: true });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ state: 'ready', agentTicket: expect.any(String) });
      const viewer = await t.http().post(`/api/v1/sessions/${res.body.id}/viewer-ticket`).set(admin);
      expect(viewer.status).toBe(200);
      expect(viewer.body.viewerTicket).toEqual(expect.any(String));
      expect((await session(res.body.id)).consentedAt).toEqual(expect.any(String));
      await t.http().post(`/api/v1/sessions/${res.body.id}/end`).set(admin);
    });

    it('denied: the session ends consentDenied', async () => {
      const agent = await f.agent('CONSENT-2');
      const res = await start({ deviceId: agent.deviceId });
      const answer = await t.http().post(`/api/v1/agent/sessions/${res.body.id}/consent`).set(bearer(agent.deviceToken)).send({ granted: false });
      expect(answer.body).toMatchObject({ state: 'ended', endReason: 'consentDenied' });
      expect((await session(res.body.id)).endReason).toBe('consentDenied');
    });

    it('timed out: nobody answers within CONSENT_TIMEOUT_SECONDS', async () => {
      const agent = await f.agent('CONSENT-3');
      const res = await start({ deviceId: agent.deviceId });
      const ended = await until(() => session(res.body.id), (s) => s.state === 'ended');
      expect(ended.endReason).toBe('consentTimeout');
      const late = await t.http().post(`/api/v1/agent/sessions/${res.body.id}/consent`).set(bearer(agent.deviceToken)).send({ granted: true });
      expect(late.status).toBe(409);
    });

    it('an answer retried with the same Idempotency-Key (the first reply lost) is replayed without the ticket, and the session is offered again with one', async () => {
      const agent = await f.agent('CONSENT-6', { currentUser: 'CONTOSO\\bob' });
      const res = await start({ deviceId: agent.deviceId });
      expect(res.body.state).toBe('awaitingConsent');
      const answer = () => t.http().post(`/api/v1/agent/sessions/${res.body.id}/consent`).set(bearer(agent.deviceToken)).set('Idempotency-Key', 'consent-CONSENT-6').send({ granted: true });
      const first = await answer();
      expect(first.body).toMatchObject({ state: 'ready', agentTicket: expect.any(String) });
      const retry = await answer();
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toMatchObject({ state: 'ready' });
      expect(retry.body.agentTicket).toBeUndefined();
      // The first ticket never reached the agent: once it has gone unused long enough, the next poll carries a new one.
      await t.dataSource.query(`UPDATE session_tickets SET created_at = created_at - interval '11 seconds' WHERE session_id = $1 AND role = 'agent'`, [res.body.id]);
      const offers = await t.http().get('/api/v1/agent/offers?wait=0').set(bearer(agent.deviceToken));
      expect(offers.body.value).toEqual([expect.objectContaining({ sessionId: res.body.id, agentTicket: expect.any(String) })]);
      expect(offers.body.value[0].agentTicket).not.toBe(first.body.agentTicket);
      await t.http().post(`/api/v1/sessions/${res.body.id}/end`).set(admin);
    });

    it('another device cannot answer for this one', async () => {
      const mine = await f.agent('CONSENT-4');
      const other = await f.agent('CONSENT-5');
      const res = await start({ deviceId: mine.deviceId });
      expect((await t.http().post(`/api/v1/agent/sessions/${res.body.id}/consent`).set(bearer(other.deviceToken)).send({ granted: true })).status).toBe(404);
      await t.http().post(`/api/v1/sessions/${res.body.id}/end`).set(admin);
    });
  });

  describe('concurrency and retries', () => {
    it('50 parallel full-control requests for one device: exactly one wins, the rest are deviceBusy', async () => {
      const agent = await f.agent('BUSY-01', { currentUser: null });
      const results = await Promise.all(Array.from({ length: 50 }, () => start({ deviceId: agent.deviceId })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.reason === 'deviceBusy')).toBe(true);
      // View-only may still join alongside.
      expect((await start({ deviceId: agent.deviceId, accessLevel: 'viewOnly' })).status).toBe(201);
    });

    it('a retried POST with the same Idempotency-Key never starts two sessions', async () => {
      const agent = await f.agent('IDEM-01', { currentUser: null });
      const body = { deviceId: agent.deviceId, type: 'remoteControl', accessLevel: 'viewOnly' };
      const first = await t.http().post('/api/v1/sessions').set(admin).set('Idempotency-Key', 'ps-retry-1').send(body);
      const second = await t.http().post('/api/v1/sessions').set(admin).set('Idempotency-Key', 'ps-retry-1').send(body);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.id).toBe(first.body.id);
      expect(second.body.viewerTicket).toBeUndefined();
      const list = await t.http().get(`/api/v1/sessions?deviceId=${agent.deviceId}`).set(admin);
      expect(list.body.value).toHaveLength(1);
    });
  });

  it('lists sessions with filters, and the audit chain still verifies after all of this', async () => {
    const ended = await t.http().get(`/api/v1/sessions?state=ended&top=5`).set(admin);
    expect(ended.status).toBe(200);
    expect(ended.body.value.every((s: { state: string }) => s.state === 'ended')).toBe(true);
    expect((await t.http().get('/api/v1/sessions?filter=' + encodeURIComponent("endReason eq 'consentDenied'")).set(admin)).body.value.length).toBeGreaterThan(0);
    const verify = await t.http().get('/api/v1/audit-records/verify').set(admin);
    expect(verify.body).toMatchObject({ valid: true, firstBrokenSeq: null });
  });
});
