import { toProblem } from '../../src/common/http/problem-mapper';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectProblem } from './problem-assertions';

/** REST conventions every route shares: bodies, content types, errors, authentication. */
describe('REST conventions', () => {
  let t: TestApp;
  let analystToken: string;

  const principalCount = async (): Promise<number> => {
    const [{ count }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM principals')) as { count: number }[];
    return count;
  };
  const auditCount = async (type: string): Promise<number> => {
    const [{ count }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM audit_records WHERE type = $1', [type])) as { count: number }[];
    return count;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'analyst', role: 'readOnlyAnalyst' }).expect(201);
    const issued = await t.http().post('/api/v1/principals/analyst/tokens').set(bearer(t.adminToken)).send({ name: 'conventions' }).expect(201);
    analystToken = issued.body.token as string;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('request bodies', () => {
    it('refuses malformed JSON with malformedJson', async () => {
      const res = await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('{"name": "x", ');
      const problem = expectProblem(res, 400, 'malformedJson');
      expect(problem.instance).toBe('/api/v1/principals');
    });

    it.each([
      ['an array', '[{"name":"x","role":"readOnlyAnalyst"}]'],
      ['a string', '"readOnlyAnalyst"'],
      ['a number', '42'],
    ])('refuses %s as the body with bodyNotObject', async (_what, raw) => {
      const res = await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send(raw);
      const problem = expectProblem(res, 400, 'bodyNotObject');
      expect(problem.detail).toMatch(/JSON object/);
    });

    it('refuses unknown fields and names each one in errors[].field', async () => {
      const res = await t
        .http()
        .post('/api/v1/principals')
        .set(bearer(t.adminToken))
        .send({ name: 'mallory', role: 'readOnlyAnalyst', isAdmin: true, colour: 'red' });
      const problem = expectProblem(res, 400, 'validationFailed');
      const errors = problem.errors as { field: string; code: string }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'isAdmin', code: 'unknownField' }),
          expect.objectContaining({ field: 'colour', code: 'unknownField' }),
        ]),
      );
      expect(errors.map((e) => e.field)).not.toContain('name');
    });

    it('names invalid values of known fields', async () => {
      const res = await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'mallory', role: 'emperor' });
      const problem = expectProblem(res, 400, 'validationFailed');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'role', code: 'invalidValue' })]);
    });

    it('refuses a text/plain body with 415', async () => {
      const res = await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).set('Content-Type', 'text/plain').send('name=mallory');
      expectProblem(res, 415, 'unsupportedMediaType');
    });

    it('accepts application/json without a charset', async () => {
      const res = await t
        .http()
        .post('/api/v1/principals')
        .set(bearer(t.adminToken))
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'no-charset', role: 'readOnlyAnalyst' }));
      expect(res.status).toBe(201);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const padding = 'a'.repeat(1024 * 1024);
      const res = await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).set('Content-Type', 'application/json').send(JSON.stringify({ name: 'big', role: 'readOnlyAnalyst', displayName: padding }));
      expectProblem(res, 413, 'payloadTooLarge');
    });
  });

  describe('routing', () => {
    it('answers an unknown route with a 404 problem', async () => {
      const res = await t.http().get('/api/v1/no-such-resource').set(bearer(t.adminToken));
      const problem = expectProblem(res, 404, 'notFound');
      expect(problem.instance).toBe('/api/v1/no-such-resource');
    });

    it('answers an unknown principal with a 404 problem', async () => {
      const res = await t.http().get('/api/v1/principals/nobody-here').set(bearer(t.adminToken));
      const problem = expectProblem(res, 404, 'notFound');
      expect(problem.detail).toContain('nobody-here');
    });
  });

  describe('authentication and authorisation', () => {
    it('answers a request without a token with 401 and WWW-Authenticate: Bearer', async () => {
      const res = await t.http().get('/api/v1/principals');
      expectProblem(res, 401, 'missingToken');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
    });

    it('answers a non-bearer Authorization header with 401', async () => {
      const res = await t.http().get('/api/v1/principals').set('Authorization', `Basic ${Buffer.from('admin:admin').toString('base64')}`);
      expectProblem(res, 401, 'missingToken');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
    });

    it('answers an unknown token with 401 and WWW-Authenticate: Bearer', async () => {
      const res = await t.http().get('/api/v1/principals').set(bearer('rcg_thisTokenWasNeverIssuedByAnyone0123456789'));
      expectProblem(res, 401, 'invalidToken');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
    });

    it('checks the token before looking at the body', async () => {
      const res = await t.http().post('/api/v1/principals').send({ name: 'sneaky', role: 'fullAdministrator' });
      expectProblem(res, 401, 'missingToken');
    });

    it('lets a readOnlyAnalyst read principals but answers 403 to creating one', async () => {
      await t.http().get('/api/v1/principals').set(bearer(analystToken)).expect(200);
      const res = await t.http().post('/api/v1/principals').set(bearer(analystToken)).send({ name: 'escalated', role: 'fullAdministrator' });
      const problem = expectProblem(res, 403, 'forbidden');
      expect(problem.requiredPermission).toBe('principals:write');
      expect(res.headers['www-authenticate']).toBeUndefined();
    });

    it('records each failed authentication in the audit trail', async () => {
      const before = await auditCount('authenticationFailed');
      await t.http().get('/api/v1/me').expect(401);
      await t.http().get('/api/v1/me').set(bearer('rcg_anotherNeverIssuedToken_0123456789')).expect(401);
      expect(await auditCount('authenticationFailed')).toBe(before + 2);
    });
  });

  describe('bad input changes nothing', () => {
    it('leaves principals and the audit trail untouched after every refused request', async () => {
      const principalsBefore = await principalCount();
      const createdBefore = await auditCount('principalCreated');
      const post = () => t.http().post('/api/v1/principals');
      const responses = await Promise.all([
        post().set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('{"name":"half"'),
        post().set(bearer(t.adminToken)).set('Content-Type', 'application/json').send('[{"name":"arr","role":"readOnlyAnalyst"}]'),
        post().set(bearer(t.adminToken)).send({ name: 'unknown-field', role: 'readOnlyAnalyst', extra: 1 }),
        post().set(bearer(t.adminToken)).set('Content-Type', 'text/plain').send('{"name":"plain","role":"readOnlyAnalyst"}'),
        post().send({ name: 'anonymous', role: 'readOnlyAnalyst' }),
        post().set(bearer('rcg_notARealTokenButLongEnough_123')).send({ name: 'bad-token', role: 'readOnlyAnalyst' }),
        post().set(bearer(analystToken)).send({ name: 'analyst-made', role: 'readOnlyAnalyst' }),
        post().set(bearer(t.adminToken)).send({ name: 'ANALYST', role: 'readOnlyAnalyst' }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([400, 400, 400, 415, 401, 401, 403, 409]);
      for (const res of responses) expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(await principalCount()).toBe(principalsBefore);
      expect(await auditCount('principalCreated')).toBe(createdBefore);
      const names = ((await t.dataSource.query('SELECT name FROM principals')) as { name: string }[]).map((r) => r.name);
      for (const name of ['half', 'arr', 'unknown-field', 'plain', 'anonymous', 'bad-token', 'analyst-made']) expect(names).not.toContain(name);
    });
  });

  describe('input the database cannot store', () => {
    it('answers a NUL character in a path, a query or a body with 400, not 500', async () => {
      const before = await principalCount();
      const problems = [
        await t.http().get('/api/v1/principals/a%00b').set(bearer(t.adminToken)),
        await t.http().get(`/api/v1/principals?filter=${encodeURIComponent("name eq 'a\u0000b'")}`).set(bearer(t.adminToken)),
        await t.http().get('/api/v1/audit-records?actor=%00').set(bearer(t.adminToken)),
        await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'nul', role: 'readOnlyAnalyst', displayName: 'a\u0000b' }),
      ];
      for (const res of problems) expectProblem(res, 400, 'invalidCharacter');
      expect(await principalCount()).toBe(before);
    });
  });

  describe('unexpected errors', () => {
    it('map to a 500 that reveals nothing of the error', () => {
      const error = Object.assign(new Error('relation "secret_table" does not exist'), { stack: 'Error: boom\n    at Object.<anonymous> (/srv/rcgate/node_modules/pg/lib/client.js:1:1)' });
      const { problem, unexpected } = toProblem(error);
      expect(unexpected).toBe(true);
      expect(problem).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.', code: 'internalError' });
    });

    it('map an unreachable database to 503 with Retry-After', () => {
      const { problem, headers } = toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
      expect(problem).toEqual(expect.objectContaining({ status: 503, code: 'databaseUnavailable' }));
      expect(JSON.stringify(problem)).not.toContain('5432');
      expect(headers['Retry-After']).toMatch(/^\d+$/);
    });
  });

  describe('trace ids', () => {
    it('gives every response an X-Trace-Id and adopts the one of a W3C traceparent', async () => {
      const plain = await t.http().get('/api/v1/me').set(bearer(t.adminToken)).expect(200);
      expect(plain.headers['x-trace-id']).toMatch(/^[0-9a-f]{32}$/);
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const res = await t.http().get('/api/v1/no-such-thing').set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).set(bearer(t.adminToken));
      const problem = expectProblem(res, 404, 'notFound');
      expect(problem.traceId).toBe(traceId);
    });
  });
});
