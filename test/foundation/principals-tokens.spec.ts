import { createHash } from 'node:crypto';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectProblem } from './problem-assertions';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('principals and API tokens', () => {
  let t: TestApp;
  /** Every secret this file has seen: none may ever be stored or audited in clear. */
  const secrets: string[] = [];

  const admin = () => bearer(t.adminToken);
  const createPrincipal = (body: Record<string, unknown>, token = t.adminToken) => t.http().post('/api/v1/principals').set(bearer(token)).send(body);
  const issueToken = async (principal: string, body: Record<string, unknown> = { name: 'test' }, token = t.adminToken): Promise<{ id: string; token: string }> => {
    const res = await t.http().post(`/api/v1/principals/${encodeURIComponent(principal)}/tokens`).set(bearer(token)).send(body).expect(201);
    secrets.push(res.body.token as string);
    return res.body as { id: string; token: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    secrets.push(t.adminToken);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('principals', () => {
    it('creates a principal with 201, Location and a strong ETag', async () => {
      const res = await createPrincipal({ name: 'CONTOSO\\alice', displayName: 'Alice', role: 'remoteToolsOperator', groups: ['CONTOSO\\Helpdesk'] });
      expect(res.status).toBe(201);
      expect(res.headers.location).toMatch(/\/api\/v1\/principals\/CONTOSO%5Calice$/);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(res.body).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          name: 'CONTOSO\\alice',
          displayName: 'Alice',
          role: 'remoteToolsOperator',
          groups: ['CONTOSO\\Helpdesk'],
          etag: res.headers.etag,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        }),
      );
      const location = new URL(res.headers.location, 'http://x').pathname;
      const fetched = await t.http().get(location).set(admin()).expect(200);
      expect(fetched.body.id).toBe(res.body.id);
      expect(fetched.headers.etag).toBe(res.headers.etag);
    });

    it('refuses a name that differs from an existing one only in case with 409', async () => {
      await createPrincipal({ name: 'bob', role: 'readOnlyAnalyst' }).expect(201);
      const res = await createPrincipal({ name: 'BOB', role: 'readOnlyAnalyst' });
      expectProblem(res, 409, 'conflict');
      const rows = (await t.dataSource.query(`SELECT name FROM principals WHERE name_key = 'bob'`)) as { name: string }[];
      expect(rows).toEqual([{ name: 'bob' }]);
    });

    it('finds a principal by name in any case', async () => {
      const res = await t.http().get('/api/v1/principals/Bob').set(admin()).expect(200);
      expect(res.body.name).toBe('bob');
      expect(res.headers.etag).toBe(res.body.etag);
    });

    it('lists principals in an envelope, never a bare array', async () => {
      const res = await t.http().get('/api/v1/principals').set(admin()).expect(200);
      expect(Array.isArray(res.body)).toBe(false);
      expect(res.body.value.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['admin', 'bob', 'CONTOSO\\alice']));
    });

    it('refuses a PATCH with a stale If-Match with 412 and changes nothing, then accepts the current ETag', async () => {
      const created = await createPrincipal({ name: 'carol', displayName: 'Carol', role: 'readOnlyAnalyst' }).expect(201);
      const firstEtag = created.headers.etag as string;
      const updated = await t.http().patch('/api/v1/principals/carol').set(admin()).set('If-Match', firstEtag).send({ displayName: 'Carol A.' });
      expect(updated.status).toBe(200);
      expect(updated.body.displayName).toBe('Carol A.');
      expect(updated.headers.etag).not.toBe(firstEtag);

      const stale = await t.http().patch('/api/v1/principals/carol').set(admin()).set('If-Match', firstEtag).send({ displayName: 'Overwritten', role: 'remoteToolsOperator' });
      expectProblem(stale, 412, 'preconditionFailed');
      const after = await t.http().get('/api/v1/principals/carol').set(admin()).expect(200);
      expect(after.body).toEqual(expect.objectContaining({ displayName: 'Carol A.', role: 'readOnlyAnalyst' }));
      expect(after.headers.etag).toBe(updated.headers.etag);

      const current = await t.http().patch('/api/v1/principals/carol').set(admin()).set('If-Match', updated.headers.etag as string).send({ role: 'remoteToolsOperator' });
      expect(current.status).toBe(200);
      expect(current.body.role).toBe('remoteToolsOperator');
    });

    it('refuses a DELETE with a stale If-Match, then deletes', async () => {
      const created = await createPrincipal({ name: 'dave', role: 'readOnlyAnalyst' }).expect(201);
      await t.http().patch('/api/v1/principals/dave').set(admin()).send({ displayName: 'Dave' }).expect(200);
      expectProblem(await t.http().delete('/api/v1/principals/dave').set(admin()).set('If-Match', created.headers.etag as string), 412, 'preconditionFailed');
      await t.http().get('/api/v1/principals/dave').set(admin()).expect(200);
      await t.http().delete('/api/v1/principals/dave').set(admin()).expect(204);
      expectProblem(await t.http().get('/api/v1/principals/dave').set(admin()), 404, 'notFound');
    });

    it('deleting a principal removes its tokens, which stop working', async () => {
      await createPrincipal({ name: 'erin', role: 'readOnlyAnalyst' }).expect(201);
      const { token } = await issueToken('erin');
      await t.http().get('/api/v1/me').set(bearer(token)).expect(200);
      await t.http().delete('/api/v1/principals/erin').set(admin()).expect(204);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(token)), 401, 'invalidToken');
    });

    describe('role rules', () => {
      let infraToken: string;

      beforeAll(async () => {
        await createPrincipal({ name: 'infra', role: 'infrastructureAdministrator' }).expect(201);
        infraToken = (await issueToken('infra')).token;
      });

      it('does not let an infrastructureAdministrator create a fullAdministrator', async () => {
        const res = await createPrincipal({ name: 'promoted', role: 'fullAdministrator' }, infraToken);
        expectProblem(res, 403, 'forbidden');
        await createPrincipal({ name: 'promoted', role: 'readOnlyAnalyst' }, infraToken).expect(201);
      });

      it('does not let an infrastructureAdministrator promote anyone to fullAdministrator', async () => {
        expectProblem(await t.http().patch('/api/v1/principals/promoted').set(bearer(infraToken)).send({ role: 'fullAdministrator' }), 403, 'forbidden');
        const row = (await t.dataSource.query(`SELECT role FROM principals WHERE name = 'promoted'`)) as { role: string }[];
        expect(row).toEqual([{ role: 'readOnlyAnalyst' }]);
      });

      it('does not let an infrastructureAdministrator touch a fullAdministrator', async () => {
        expectProblem(await t.http().delete('/api/v1/principals/admin').set(bearer(infraToken)), 403, 'forbidden');
        expectProblem(await t.http().post('/api/v1/principals/admin/tokens').set(bearer(infraToken)).send({ name: 'stolen' }), 403, 'forbidden');
      });

      it('refuses to delete yourself with 409', async () => {
        expectProblem(await t.http().delete('/api/v1/principals/admin').set(admin()), 409, 'cannotDeleteSelf');
        expectProblem(await t.http().delete('/api/v1/principals/infra').set(bearer(infraToken)), 409, 'cannotDeleteSelf');
        await t.http().get('/api/v1/principals/admin').set(admin()).expect(200);
      });

      it('refuses to demote the last fullAdministrator with 409', async () => {
        const res = await t.http().patch('/api/v1/principals/admin').set(admin()).send({ role: 'readOnlyAnalyst' });
        expectProblem(res, 409, 'lastAdministrator');
        const me = await t.http().get('/api/v1/me').set(admin()).expect(200);
        expect(me.body.role).toBe('fullAdministrator');
      });

      it('lets a second fullAdministrator be deleted while another remains', async () => {
        await createPrincipal({ name: 'admin2', role: 'fullAdministrator' }).expect(201);
        await t.http().delete('/api/v1/principals/admin2').set(admin()).expect(204);
        const [{ count }] = (await t.dataSource.query(`SELECT count(*)::int AS count FROM principals WHERE role = 'fullAdministrator'`)) as { count: number }[];
        expect(count).toBe(1);
      });
    });
  });

  describe('API tokens', () => {
    let frank: { id: string; token: string; [k: string]: unknown };
    let createRes: { headers: Record<string, string>; body: Record<string, unknown> };

    beforeAll(async () => {
      await createPrincipal({ name: 'frank', role: 'readOnlyAnalyst' }).expect(201);
      const res = await t.http().post('/api/v1/principals/frank/tokens').set(admin()).send({ name: 'nightly-report' }).expect(201);
      createRes = res as unknown as typeof createRes;
      frank = res.body as typeof frank;
      secrets.push(frank.token);
    });

    it('returns the secret, starting rcg_, only in the creating response and with Cache-Control: no-store', () => {
      expect(frank.token).toMatch(/^rcg_[A-Za-z0-9_-]{40,}$/);
      expect(createRes.headers['cache-control']).toBe('no-store');
      expect(createRes.body).toEqual(expect.objectContaining({ id: expect.any(String), name: 'nightly-report', prefix: frank.token.slice(0, 8) }));
      expect(frank.token.startsWith(createRes.body.prefix as string)).toBe(true);
    });

    it('authenticates GET /me as its principal', async () => {
      const res = await t.http().get('/api/v1/me').set(bearer(frank.token)).expect(200);
      expect(res.body).toEqual(expect.objectContaining({ name: 'frank', role: 'readOnlyAnalyst' }));
    });

    it('mints a different secret every time', async () => {
      const second = await issueToken('frank', { name: 'second' });
      expect(second.token).not.toBe(frank.token);
      expect(second.token).toMatch(/^rcg_/);
    });

    it('never lists the secret', async () => {
      const res = await t.http().get('/api/v1/principals/frank/tokens').set(admin()).expect(200);
      expect(res.body.value.length).toBeGreaterThanOrEqual(2);
      for (const item of res.body.value as Record<string, unknown>[]) expect(item).not.toHaveProperty('token');
      for (const secret of secrets) expect(res.text).not.toContain(secret);
      const own = await t.http().get('/api/v1/principals/frank/tokens').set(bearer(frank.token)).expect(200);
      expect(own.text).not.toContain(frank.token);
    });

    it('stores only the SHA-256 hex of the secret, in no column of api_tokens in clear', async () => {
      const [row] = (await t.dataSource.query('SELECT token_hash FROM api_tokens WHERE id = $1', [frank.id])) as { token_hash: string }[];
      expect(row.token_hash).toBe(sha256(frank.token));
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      const all = (await t.dataSource.query('SELECT row_to_json(t)::text AS json FROM api_tokens t')) as { json: string }[];
      expect(all.length).toBeGreaterThan(1);
      for (const { json } of all) {
        for (const secret of secrets) expect(json).not.toContain(secret);
      }
    });

    it('sets lastUsedAt once the token is used', async () => {
      const fresh = await issueToken('frank', { name: 'fresh' });
      const listed = async () => {
        const res = await t.http().get('/api/v1/principals/frank/tokens').set(admin()).expect(200);
        return (res.body.value as { id: string; lastUsedAt: string | null }[]).find((x) => x.id === fresh.id);
      };
      expect((await listed())?.lastUsedAt).toBeNull();
      const before = Date.now();
      await t.http().get('/api/v1/me').set(bearer(fresh.token)).expect(200);
      let lastUsedAt: string | null | undefined = null;
      for (let i = 0; i < 50 && !lastUsedAt; i++) {
        lastUsedAt = (await listed())?.lastUsedAt;
        if (!lastUsedAt) await new Promise((r) => setTimeout(r, 20));
      }
      expect(lastUsedAt).toMatch(/Z$/);
      expect(Date.parse(lastUsedAt as string)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('stops authenticating once revoked', async () => {
      const doomed = await issueToken('frank', { name: 'doomed' });
      await t.http().get('/api/v1/me').set(bearer(doomed.token)).expect(200);
      await t.http().delete(`/api/v1/principals/frank/tokens/${doomed.id}`).set(admin()).expect(204);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(doomed.token)), 401, 'invalidToken');
      const list = await t.http().get('/api/v1/principals/frank/tokens').set(admin()).expect(200);
      const listed = (list.body.value as { id: string; revokedAt: string | null }[]).find((x) => x.id === doomed.id);
      expect(listed?.revokedAt).toMatch(/Z$/);
      await t.http().get('/api/v1/me').set(bearer(frank.token)).expect(200);
    });

    it('answers 404 when revoking a token of another principal or an unknown id', async () => {
      const own = await issueToken('frank', { name: 'kept' });
      expectProblem(await t.http().delete(`/api/v1/principals/admin/tokens/${own.id}`).set(admin()), 404, 'notFound');
      expectProblem(await t.http().delete('/api/v1/principals/frank/tokens/00000000-0000-4000-8000-000000000000').set(admin()), 404, 'notFound');
      await t.http().get('/api/v1/me').set(bearer(own.token)).expect(200);
    });

    it('stops authenticating once expired', async () => {
      const soon = await issueToken('frank', { name: 'short-lived' });
      await t.http().get('/api/v1/me').set(bearer(soon.token)).expect(200);
      await t.dataSource.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [soon.id]);
      expectProblem(await t.http().get('/api/v1/me').set(bearer(soon.token)), 401, 'invalidToken');
    });

    it('refuses an expiry in the past or more than two years ahead', async () => {
      for (const expiresAt of ['2000-01-01T00:00:00.000Z', new Date(Date.now() + 3 * 365 * 86_400_000).toISOString()]) {
        const res = await t.http().post('/api/v1/principals/frank/tokens').set(admin()).send({ name: 'bad-expiry', expiresAt });
        const problem = expectProblem(res, 400, 'validationFailed');
        expect(problem.errors).toEqual([expect.objectContaining({ field: 'expiresAt' })]);
      }
      const rows = (await t.dataSource.query(`SELECT id FROM api_tokens WHERE name = 'bad-expiry'`)) as unknown[];
      expect(rows).toEqual([]);
    });

    it('lets a principal without principals:write manage only its own tokens', async () => {
      expectProblem(await t.http().post('/api/v1/principals/bob/tokens').set(bearer(frank.token)).send({ name: 'not-mine' }), 403, 'forbidden');
      const own = await t.http().post('/api/v1/principals/frank/tokens').set(bearer(frank.token)).send({ name: 'self-service' }).expect(201);
      secrets.push(own.body.token as string);
    });
  });

  describe('audit of principals and tokens', () => {
    const recordsOf = async (type: string) => {
      const res = await t.http().get(`/api/v1/audit-records?type=${type}&top=1000`).set(admin()).expect(200);
      return res.body.value as { type: string; actor: string; details: Record<string, unknown> }[];
    };

    beforeAll(async () => {
      await t.http().get('/api/v1/me').set(bearer('rcg_thisOneIsMadeUpAndPresentedOnce_0123456789')).expect(401);
      secrets.push('rcg_thisOneIsMadeUpAndPresentedOnce_0123456789');
    });

    it('records principalCreated, tokenCreated, tokenRevoked and authenticationFailed', async () => {
      const created = await recordsOf('principalCreated');
      expect(created).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'admin', details: expect.objectContaining({ name: 'frank', role: 'readOnlyAnalyst' }) })]));
      const tokens = await recordsOf('tokenCreated');
      expect(tokens).toEqual(expect.arrayContaining([expect.objectContaining({ details: expect.objectContaining({ principal: 'frank', name: 'nightly-report' }) })]));
      const revoked = await recordsOf('tokenRevoked');
      expect(revoked).toEqual([expect.objectContaining({ actor: 'admin', details: expect.objectContaining({ principal: 'frank', name: 'doomed' }) })]);
      const failed = await recordsOf('authenticationFailed');
      expect(failed.length).toBeGreaterThanOrEqual(1);
      expect(failed.every((r) => r.type === 'authenticationFailed' && r.actor === 'anonymous')).toBe(true);
      expect(failed.map((r) => r.details.reason)).toEqual(expect.arrayContaining(['invalidToken']));
      const deleted = await recordsOf('principalDeleted');
      expect(deleted.map((r) => r.details.name)).toEqual(expect.arrayContaining(['dave', 'erin', 'admin2']));
    });

    it('never puts a token secret into any audit record', async () => {
      expect(secrets.length).toBeGreaterThan(5);
      const rows = (await t.dataSource.query('SELECT row_to_json(a)::text AS json FROM audit_records a')) as { json: string }[];
      expect(rows.length).toBeGreaterThan(10);
      for (const { json } of rows) {
        for (const secret of secrets) expect(json).not.toContain(secret);
      }
    });
  });
});
