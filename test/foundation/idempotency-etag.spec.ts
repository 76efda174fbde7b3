import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectProblem } from './problem-assertions';

describe('Idempotency-Key and ETags', () => {
  let t: TestApp;
  const post = (path: string, key: string | undefined, body: unknown, token = t.adminToken) => {
    const req = t.http().post(path).set(bearer(token));
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };
  const principalsNamed = async (name: string): Promise<number> => {
    const [{ count }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM principals WHERE name_key = lower($1)', [name])) as { count: number }[];
    return count;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('Idempotency-Key on POST', () => {
    it('replays the first response for the same key and body, creating one principal', async () => {
      const body = { name: 'retry-me', role: 'readOnlyAnalyst', groups: ['CONTOSO\\Helpdesk'] };
      const first = await post('/api/v1/principals', 'create-retry-me-1', body);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const second = await post('/api/v1/principals', 'create-retry-me-1', body);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      expect(second.headers.location).toBe(first.headers.location);

      expect(await principalsNamed('retry-me')).toBe(1);
      const [{ count }] = (await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_records WHERE type = 'principalCreated' AND details->>'name' = 'retry-me'`)) as { count: number }[];
      expect(count).toBe(1);
    });

    it('treats the same body with keys in another order as the same request', async () => {
      const first = await post('/api/v1/principals', 'reordered', { name: 'reordered', role: 'readOnlyAnalyst' }).expect(201);
      const second = await post('/api/v1/principals', 'reordered', { role: 'readOnlyAnalyst', name: 'reordered' });
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.id).toBe(first.body.id);
    });

    it('refuses the same key with a different body with 422 idempotencyKeyReused', async () => {
      await post('/api/v1/principals', 'key-reused', { name: 'first-body', role: 'readOnlyAnalyst' }).expect(201);
      const res = await post('/api/v1/principals', 'key-reused', { name: 'second-body', role: 'readOnlyAnalyst' });
      expectProblem(res, 422, 'idempotencyKeyReused');
      expect(await principalsNamed('second-body')).toBe(0);
    });

    it('refuses the same key on another route with 422', async () => {
      await post('/api/v1/principals', 'cross-route', { name: 'cross', role: 'readOnlyAnalyst' }).expect(201);
      const res = await post('/api/v1/principals/cross/tokens', 'cross-route', { name: 'cross', role: 'readOnlyAnalyst' });
      expectProblem(res, 422, 'idempotencyKeyReused');
    });

    it('runs a request again after the first attempt with that key failed', async () => {
      const bad = await post('/api/v1/principals', 'failed-first', { name: 'late', role: 'emperor' });
      expectProblem(bad, 400, 'validationFailed');
      const good = await post('/api/v1/principals', 'failed-first', { name: 'late', role: 'readOnlyAnalyst' });
      expect(good.status).toBe(201);
      expect(good.headers['idempotent-replayed']).toBeUndefined();
      expect(await principalsNamed('late')).toBe(1);
    });

    it('keeps keys apart per principal', async () => {
      await post('/api/v1/principals', undefined, { name: 'other-admin', role: 'fullAdministrator' }).expect(201);
      const issued = await post('/api/v1/principals/other-admin/tokens', undefined, { name: 'k' }).expect(201);
      const other = issued.body.token as string;
      const mine = await post('/api/v1/principals', 'per-principal', { name: 'mine', role: 'readOnlyAnalyst' }).expect(201);
      const theirs = await post('/api/v1/principals', 'per-principal', { name: 'theirs', role: 'readOnlyAnalyst' }, other);
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
    });

    it('lets only one of two simultaneous requests with the same key run', async () => {
      const body = { name: 'simultaneous', role: 'readOnlyAnalyst' };
      const results = await Promise.all([post('/api/v1/principals', 'simultaneous', body), post('/api/v1/principals', 'simultaneous', body)]);
      const fresh = results.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined);
      expect(fresh).toHaveLength(1);
      const other = results.find((r) => r !== fresh[0]);
      if (other?.status === 409) expectProblem(other, 409, 'idempotencyKeyInProgress');
      else expect(other?.headers['idempotent-replayed']).toBe('true');
      expect(await principalsNamed('simultaneous')).toBe(1);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const res = await post('/api/v1/principals', 'x'.repeat(256), { name: 'long-key', role: 'readOnlyAnalyst' });
      expectProblem(res, 400, 'invalidIdempotencyKey');
      expect(await principalsNamed('long-key')).toBe(0);
    });

    it('without a key, a repeated POST runs again (and here conflicts)', async () => {
      await post('/api/v1/principals', undefined, { name: 'no-key', role: 'readOnlyAnalyst' }).expect(201);
      expectProblem(await post('/api/v1/principals', undefined, { name: 'no-key', role: 'readOnlyAnalyst' }), 409, 'conflict');
    });

    describe('token creation', () => {
      let first: { status: number; headers: Record<string, string>; body: Record<string, unknown> };
      let replay: { status: number; headers: Record<string, string>; body: Record<string, unknown> };

      beforeAll(async () => {
        await post('/api/v1/principals', undefined, { name: 'svc-deploy', role: 'readOnlyAnalyst' }).expect(201);
        first = (await post('/api/v1/principals/svc-deploy/tokens', 'mint-once', { name: 'deploy' })) as unknown as typeof first;
        replay = (await post('/api/v1/principals/svc-deploy/tokens', 'mint-once', { name: 'deploy' })) as unknown as typeof replay;
      });

      it('mints one token; the replay has the same id but never the secret', () => {
        expect(first.status).toBe(201);
        expect(first.body.token).toMatch(/^rcg_/);
        expect(replay.status).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.headers['cache-control']).toBe('no-store');
        expect(replay.body.id).toBe(first.body.id);
        expect(replay.body).not.toHaveProperty('token');
        expect(JSON.stringify(replay.body)).not.toContain(first.body.token as string);
        const { token: _secret, ...rest } = first.body;
        expect(replay.body).toEqual(rest);
      });

      it('creates only one token row', async () => {
        const rows = (await t.dataSource.query(`SELECT t.id FROM api_tokens t JOIN principals p ON p.id = t.principal_id WHERE p.name = 'svc-deploy'`)) as { id: string }[];
        expect(rows).toEqual([{ id: first.body.id }]);
      });

      it('never stores the secret in idempotency_keys', async () => {
        const rows = (await t.dataSource.query('SELECT row_to_json(k)::text AS json FROM idempotency_keys k')) as { json: string }[];
        const mintOnce = rows.filter((r) => r.json.includes('mint-once'));
        expect(mintOnce).toHaveLength(1);
        expect(mintOnce[0].json).toContain(first.body.id as string);
        for (const { json } of rows) {
          expect(json).not.toContain(first.body.token as string);
          expect(json).not.toContain(t.adminToken);
        }
      });

      it('the minted token still works', async () => {
        const me = await t.http().get('/api/v1/me').set(bearer(first.body.token as string)).expect(200);
        expect(me.body.name).toBe('svc-deploy');
      });
    });
  });

  describe('ETags', () => {
    it('gives GET, POST and PATCH the same quoted strong ETag as the item etag', async () => {
      const created = await post('/api/v1/principals', undefined, { name: 'etagged', role: 'readOnlyAnalyst' }).expect(201);
      expect(created.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const fetched = await t.http().get('/api/v1/principals/etagged').set(bearer(t.adminToken)).expect(200);
      expect(fetched.headers.etag).toBe(created.headers.etag);
      expect(fetched.body.etag).toBe(fetched.headers.etag);
      const listed = await t.http().get(`/api/v1/principals?filter=${encodeURIComponent("name eq 'etagged'")}`).set(bearer(t.adminToken)).expect(200);
      expect(listed.body.value[0].etag).toBe(created.headers.etag);
    });

    it('changes the ETag on every change', async () => {
      const seen = new Set<string>();
      let etag = (await t.http().get('/api/v1/principals/etagged').set(bearer(t.adminToken)).expect(200)).headers.etag as string;
      seen.add(etag);
      for (const displayName of ['one', 'two', 'three']) {
        const res = await t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', etag).send({ displayName }).expect(200);
        etag = res.headers.etag as string;
        expect(seen.has(etag)).toBe(false);
        seen.add(etag);
      }
    });

    it('accepts If-Match: * and a list containing the current ETag, refuses a foreign or unknown one', async () => {
      const current = (await t.http().get('/api/v1/principals/etagged').set(bearer(t.adminToken)).expect(200)).headers.etag as string;
      const other = (await t.http().get('/api/v1/principals/admin').set(bearer(t.adminToken)).expect(200)).headers.etag as string;
      expectProblem(await t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', other).send({ displayName: 'x' }), 412, 'preconditionFailed');
      expectProblem(await t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', '"nonsense"').send({ displayName: 'x' }), 412, 'preconditionFailed');
      const listed = await t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', `${other}, ${current}`).send({ displayName: 'listed' });
      expect(listed.status).toBe(200);
      const star = await t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', '*').send({ displayName: 'star' });
      expect(star.status).toBe(200);
      expect(star.body.displayName).toBe('star');
    });

    it('lets exactly one of two writers holding the same ETag win', async () => {
      const etag = (await t.http().get('/api/v1/principals/etagged').set(bearer(t.adminToken)).expect(200)).headers.etag as string;
      const results = await Promise.all(
        ['writer-a', 'writer-b'].map((displayName) => t.http().patch('/api/v1/principals/etagged').set(bearer(t.adminToken)).set('If-Match', etag).send({ displayName })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200);
      const after = await t.http().get('/api/v1/principals/etagged').set(bearer(t.adminToken)).expect(200);
      expect(after.body.displayName).toBe(winner?.body.displayName);
    });
  });
});
