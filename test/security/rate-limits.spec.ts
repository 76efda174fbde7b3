import type { Response } from 'supertest';
import { expectProblem } from '../foundation/problem-assertions';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const PER_TOKEN = 8;
const ANON = 3;
const AUTH_FAILURES = 3;

/** The app trusts X-Forwarded-For from loopback (a local proxy), which lets one test play many addresses. */
const from = (address: string) => ({ 'X-Forwarded-For': address });

function expectTooManyRequests(res: Response): void {
  const body = expectProblem(res, 429, 'tooManyRequests');
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(body.detail).toEqual(expect.any(String));
}

describe('rate limits: per token, per address, and on failed authentication', () => {
  let t: TestApp;
  let f: Fixtures;
  let alice: string[];

  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_PER_MINUTE: String(PER_TOKEN),
      RATE_LIMIT_ANON_PER_MINUTE: String(ANON),
      AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES),
    });
    f = new Fixtures(t);
    // Admin budget spent here: 3 of 8.
    await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'alice', role: 'readOnlyAnalyst' }).expect(201);
    const issue = async () => (await t.http().post('/api/v1/principals/alice/tokens').set(bearer(t.adminToken)).send({ name: 'x' }).expect(201)).body.token as string;
    alice = [await issue(), await issue()];
  });
  afterAll(() => t.close());

  it('gives each token its own budget, spent across all routes, then answers 429 problem+json with Retry-After', async () => {
    const [first, second] = alice;
    const routes = ['/api/v1/me', '/api/v1/principals', '/api/v1/audit-records?top=1'];
    for (let i = 0; i < PER_TOKEN; i++) {
      const res = await t.http().get(routes[i % routes.length]).set(bearer(first));
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe(String(PER_TOKEN));
      expect(res.headers['x-ratelimit-remaining']).toBe(String(PER_TOKEN - i - 1));
    }
    expectTooManyRequests(await t.http().get('/api/v1/me').set(bearer(first)));
    expectTooManyRequests(await t.http().get('/api/v1/principals').set(bearer(first)).set(from('192.0.2.50')));
    // Another token of the same principal, from the same address, is untouched: the key is the token id.
    expect((await t.http().get('/api/v1/me').set(bearer(second))).status).toBe(200);
  });

  it('limits callers without a token per source address', async () => {
    const enrol = (address: string) => t.http().post('/api/v1/agent/enroll').set(from(address)).send({});
    for (let i = 0; i < ANON; i++) expect((await enrol('198.51.100.1')).status).toBe(400);
    expectTooManyRequests(await enrol('198.51.100.1'));
    expect((await enrol('198.51.100.2')).status).toBe(400);
  });

  it('after AUTH_FAILURES_PER_MINUTE failed logins, refuses the address with 429 before even checking its token', async () => {
    const address = from('203.0.113.7');
    const audited = async () => Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_records WHERE type = 'authenticationFailed'`))[0].n);
    const before = await audited();
    for (let i = 0; i < AUTH_FAILURES; i++) {
      expectProblem(await t.http().get('/api/v1/me').set(address).set(bearer(`rcg_guess_${i}_aaaaaaaaaaaaaaaaaaaaaaaa`)), 401, 'invalidToken');
    }
    expect(await audited()).toBe(before + AUTH_FAILURES);
    // The right token, from the blocked address, is not even looked at.
    expectTooManyRequests(await t.http().get('/api/v1/me').set(address).set(bearer(alice[1])));
    const graph = await t.http().post('/graphql').set(address).set(bearer(alice[1])).send({ query: '{ me { name } }' });
    expect(graph.body.errors[0].extensions).toMatchObject({ code: 'tooManyRequests', retryAfterSeconds: expect.any(Number) });
    expect(graph.headers['retry-after']).toMatch(/^\d+$/);
    // Refusals once blocked are not audited one by one: a flood cannot fill the audit trail.
    expect(await audited()).toBe(before + AUTH_FAILURES);
    // Other addresses are not affected.
    expect((await t.http().get('/api/v1/me').set(from('203.0.113.8')).set(bearer(alice[1]))).status).toBe(200);
  });

  describe('agents', () => {
    let devices: { deviceId: string; deviceToken: string }[];

    beforeAll(async () => {
      // Admin budget: 5 of 8 after these two.
      await f.site('S01');
      const key = (await t.http().post('/api/v1/enrollment-keys').set(bearer(t.adminToken)).send({ name: 'k', siteCode: 'S01', usesLeft: 2 }).expect(201)).body.key as string;
      devices = [];
      for (const [i, name] of ['PC-1', 'PC-2'].entries()) {
        const res = await t.http().post('/api/v1/agent/enroll').set(from(`198.51.100.${20 + i}`)).send({ enrollmentKey: key, name, joinType: 'workgroup', workgroup: 'WG' });
        expect(res.status).toBe(201);
        devices.push(res.body);
      }
    });

    const heartbeat = (token: string, address = '10.1.1.1') => t.http().post('/api/v1/agent/heartbeat').set(from(address)).set(bearer(token)).send({ currentUser: null });

    it('charges agent routes to the device token, so devices behind one NAT address do not starve each other', async () => {
      for (let i = 0; i < PER_TOKEN; i++) expect((await heartbeat(devices[0].deviceToken)).status).toBe(200);
      expectTooManyRequests(await heartbeat(devices[0].deviceToken));
      expect((await heartbeat(devices[1].deviceToken)).status).toBe(200);
      // The long poll answers normally within the device's budget.
      const poll = await t.http().get('/api/v1/agent/offers?wait=1').set(from('10.1.1.1')).set(bearer(devices[1].deviceToken));
      expect(poll.status).toBe(200);
    });

    it('counts wrong device tokens and wrong enrolment keys as failed authentication', async () => {
      for (let i = 0; i < AUTH_FAILURES; i++) {
        expectProblem(await heartbeat(`rcd_guess_${i}_aaaaaaaaaaaaaaaaaaaaaaaa`, '203.0.113.30'), 401, 'invalidDeviceToken');
      }
      expectTooManyRequests(await heartbeat(devices[1].deviceToken, '203.0.113.30'));
      const enrol = (address: string) =>
        t.http().post('/api/v1/agent/enroll').set(from(address)).send({ enrollmentKey: 'rce_wrong_aaaaaaaaaaaaaaaaaaaaaaaa', name: 'PC-X', joinType: 'workgroup', workgroup: 'WG' });
      for (let i = 0; i < AUTH_FAILURES - 1; i++) expectProblem(await enrol('203.0.113.31'), 401, 'invalidEnrollmentKey');
      expectProblem(await t.http().get('/api/v1/me').set(from('203.0.113.31')), 401, 'missingToken');
      expectTooManyRequests(await enrol('203.0.113.31'));
    });
  });

  it('never throttles health, readiness or metrics', async () => {
    for (let i = 0; i < ANON * 4; i++) {
      for (const path of ['/healthz', '/readyz', '/metrics']) expect((await t.http().get(path).set(from('198.51.100.1'))).status).toBe(200);
    }
  });

  it('counts one GraphQL operation once however many root fields it has, and each operation of a batch', async () => {
    const issued = await t.http().post('/api/v1/principals/alice/tokens').set(bearer(t.adminToken)).send({ name: 'graph' }).expect(201);
    const token = issued.body.token as string;
    const gql = (body: object) => t.http().post('/graphql').set(bearer(token)).send(body);
    const twoFields = { query: '{ a: me { name } b: me { name } }' };
    const batch = await gql([twoFields, twoFields, twoFields]);
    expect(batch.status).toBe(200);
    expect(batch.body.map((r: { errors?: unknown }) => r.errors)).toEqual([undefined, undefined, undefined]);
    for (let i = 0; i < PER_TOKEN - 3; i++) {
      const res = await gql(twoFields);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toEqual({ a: { name: 'alice' }, b: { name: 'alice' } });
    }
    // Nullable root fields, so each reports its own error: none slips through after the first is refused.
    const throttled = await gql({ query: '{ a: node(id: "eA==") { id } b: node(id: "eQ==") { id } }' });
    expect(throttled.status).toBe(200);
    expect(throttled.body.data).toEqual({ a: null, b: null });
    expect(throttled.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['tooManyRequests', 'tooManyRequests']);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
