import type { Response as AgentResponse } from 'superagent';
import type { Response } from 'supertest';
import type { QueryRunner } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { CSV_COLUMNS } from '../../src/audit/audit-export.format';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { expectProblem } from './problem-assertions';

interface RecordJson {
  seq: number;
  type: string;
  actor: string;
  occurredAt: string;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

const WORKERS = 20;
const APPENDS_PER_WORKER = 50;

/** The path and query of an absolute nextLink, for supertest. */
const relative = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

/** Collects a streamed body as text whatever its content type. */
const asText = (res: AgentResponse, done: (err: Error | null, body: string) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
};

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

describe('audit trail', () => {
  let t: TestApp;
  const count = async (where = 'true', params: unknown[] = []): Promise<number> => {
    const [row] = (await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_records WHERE ${where}`, params)) as { count: number }[];
    return row.count;
  };
  const get = (path: string) => t.http().get(path).set(bearer(t.adminToken));
  /** Every record of a listing, following nextLink to the end. */
  const listAll = async (path: string): Promise<RecordJson[]> => {
    const out: RecordJson[] = [];
    for (let next: string | undefined = path; next; ) {
      const res: Response = await get(next).expect(200);
      out.push(...(res.body.value as RecordJson[]));
      next = res.body.nextLink ? relative(res.body.nextLink as string) : undefined;
    }
    return out;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('hash chain under concurrency', () => {
    it('keeps one valid, gap-free chain after 1,000 appends from 20 concurrent connections', async () => {
      const before = await count();
      const audit = t.app.get(AuditService);
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, worker) => {
          for (let n = 0; n < APPENDS_PER_WORKER; n++) {
            await audit.recordAlone({ type: n % 2 ? 'deviceChanged' : 'siteChanged', actor: `worker-${worker}`, details: { worker, n } });
          }
        }),
      );

      const total = before + WORKERS * APPENDS_PER_WORKER;
      const [shape] = (await t.dataSource.query(
        'SELECT count(*)::int AS count, min(seq)::int AS min, max(seq)::int AS max, count(DISTINCT seq)::int AS distinct FROM audit_records',
      )) as { count: number; min: number; max: number; distinct: number }[];
      expect(shape).toEqual({ count: total, min: 1, max: total, distinct: total });

      const [head] = (await t.dataSource.query('SELECT seq::int AS seq, hash FROM audit_chain_head')) as { seq: number; hash: string }[];
      const [last] = (await t.dataSource.query('SELECT hash FROM audit_records WHERE seq = $1', [total])) as { hash: string }[];
      expect(head).toEqual({ seq: total, hash: last.hash });

      const [{ forks }] = (await t.dataSource.query(
        'SELECT count(*)::int AS forks FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY seq) AS prior FROM audit_records) x WHERE prior IS NOT NULL AND prev_hash <> prior',
      )) as { forks: number }[];
      expect(forks).toBe(0);

      // Each worker's every append is there exactly once, and the workers really interleaved.
      const perWorker = (await t.dataSource.query(
        `SELECT actor, count(*)::int AS count, count(DISTINCT details->>'n')::int AS distinct FROM audit_records WHERE actor LIKE 'worker-%' GROUP BY actor`,
      )) as { actor: string; count: number; distinct: number }[];
      expect(perWorker).toHaveLength(WORKERS);
      for (const row of perWorker) expect(row).toEqual({ actor: row.actor, count: APPENDS_PER_WORKER, distinct: APPENDS_PER_WORKER });
      const [{ actors }] = (await t.dataSource.query(
        `SELECT count(DISTINCT actor)::int AS actors FROM (SELECT actor FROM audit_records WHERE actor LIKE 'worker-%' ORDER BY seq LIMIT 60) x`,
      )) as { actors: number }[];
      expect(actors).toBeGreaterThan(1);

      const verdict = await get('/api/v1/audit-records/verify').expect(200);
      expect(verdict.body).toEqual({ valid: true, checked: total, firstBrokenSeq: null, lastSeq: total });
      expect(verdict.body.checked).toBeGreaterThanOrEqual(1000);
    });
  });

  describe('appending at commit', () => {
    it('chains every record of a transaction, in order, with non-ASCII details, also under concurrency', async () => {
      const audit = t.app.get(AuditService);
      const before = await count();
      const details = (worker: number, n: number, k: number) => ({ worker, n, k, text: `Zoë 東京 \u2028 "q" \\ ${'é'.repeat(k)}`, seq: 'not the seq' });
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let n = 0; n < 10; n++) {
            await t.dataSource.transaction(async (tx) => {
              for (let k = 0; k < 3; k++) await audit.record(tx, { type: 'collectionChanged', actor: `multi-${worker}`, details: details(worker, n, k) });
            });
          }
        }),
      );
      expect(await count()).toBe(before + 8 * 10 * 3);
      // The three records of each transaction are consecutive and in the order they were recorded.
      const runs = (await t.dataSource.query(
        `SELECT actor, details->>'n' AS n, array_agg((details->>'k')::int ORDER BY seq) AS ks, max(seq) - min(seq) AS span
         FROM audit_records WHERE actor LIKE 'multi-%' GROUP BY actor, details->>'n'`,
      )) as { ks: number[]; span: string }[];
      expect(runs).toHaveLength(80);
      for (const run of runs) expect(run).toMatchObject({ ks: [0, 1, 2], span: '2' });
      const [stored] = (await t.dataSource.query(`SELECT details FROM audit_records WHERE actor = 'multi-3' AND details->>'n' = '4' AND details->>'k' = '2'`)) as { details: unknown }[];
      expect(stored.details).toEqual(details(3, 4, 2));
      const verdict = await get('/api/v1/audit-records/verify').expect(200);
      expect(verdict.body).toMatchObject({ valid: true, firstBrokenSeq: null });
    });

    it('writes nothing, and leaves the head where it was, when the transaction rolls back', async () => {
      const audit = t.app.get(AuditService);
      const head = async () => (await t.dataSource.query('SELECT seq::text AS seq, hash FROM audit_chain_head')) as unknown[];
      const [before, headBefore] = [await count(), await head()];
      await expect(
        t.dataSource.transaction(async (tx) => {
          await audit.record(tx, { type: 'collectionChanged', actor: 'rolled-back', details: {} });
          throw new Error('decision failed');
        }),
      ).rejects.toThrow('decision failed');
      expect(await count()).toBe(before);
      expect(await head()).toEqual(headBefore);
      await audit.recordAlone({ type: 'collectionChanged', actor: 'after-rollback', details: {} });
      const verdict = await get('/api/v1/audit-records/verify').expect(200);
      expect(verdict.body).toMatchObject({ valid: true, firstBrokenSeq: null, checked: before + 1 });
    });

    it('refuses to append outside a transaction', async () => {
      await expect(t.app.get(AuditService).record(t.dataSource.manager, { type: 'collectionChanged', actor: 'x' })).rejects.toThrow(/inside a transaction/);
    });
  });

  describe('append-only table', () => {
    it.each([
      ['UPDATE', `UPDATE audit_records SET actor = 'x'`],
      ['UPDATE of one row', `UPDATE audit_records SET details = '{"n": -1}' WHERE seq = 1`],
      ['DELETE', 'DELETE FROM audit_records'],
      ['DELETE of one row', 'DELETE FROM audit_records WHERE seq = 1'],
      ['TRUNCATE', 'TRUNCATE audit_records'],
    ])('refuses a direct %s', async (_operation, sql) => {
      const before = (await t.dataSource.query('SELECT seq, actor, details, hash FROM audit_records ORDER BY seq')) as unknown[];
      await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      const after = (await t.dataSource.query('SELECT seq, actor, details, hash FROM audit_records ORDER BY seq')) as unknown[];
      expect(after).toHaveLength(before.length);
      expect(after).toEqual(before);
    });
  });

  describe('reading', () => {
    beforeAll(async () => {
      const audit = t.app.get(AuditService);
      for (let n = 0; n < 7; n++) await audit.recordAlone({ type: 'consentGranted', actor: 'pager', details: { n } });
      await audit.recordAlone({ type: 'consentDenied', actor: '=HYPERLINK("http://evil.example/x","click")', details: { note: '+SUM(A1:A9)' } });
    });

    it('pages with an absolute nextLink, a matching Link header, and visits every record once', async () => {
      const seen: number[] = [];
      let path: string | undefined = '/api/v1/audit-records?type=consentGranted&top=2';
      let pages = 0;
      while (path) {
        const res: Response = await get(path).expect(200);
        pages++;
        const { value, nextLink } = res.body as { value: RecordJson[]; nextLink?: string };
        expect(value.length).toBeLessThanOrEqual(2);
        seen.push(...value.map((r) => r.seq));
        if (nextLink) {
          const url = new URL(nextLink);
          expect(url.protocol).toBe('http:');
          expect(url.pathname).toBe('/api/v1/audit-records');
          expect(url.searchParams.get('type')).toBe('consentGranted');
          expect(res.headers.link).toBe(`<${nextLink}>; rel="next"`);
          path = relative(nextLink);
        } else {
          expect(res.headers.link).toBeUndefined();
          path = undefined;
        }
      }
      const expected = ((await t.dataSource.query(`SELECT seq::int AS seq FROM audit_records WHERE type = 'consentGranted' ORDER BY seq DESC`)) as { seq: number }[]).map((r) => r.seq);
      expect(expected).toHaveLength(7);
      expect(pages).toBe(4);
      expect(seen).toEqual(expected);
    });

    it('visits every record of the whole trail exactly once across pages', async () => {
      const seen = new Set<number>();
      let visits = 0;
      let path: string | undefined = '/api/v1/audit-records?top=300';
      while (path) {
        const res: Response = await get(path).expect(200);
        for (const record of res.body.value as RecordJson[]) {
          seen.add(record.seq);
          visits++;
        }
        path = res.body.nextLink ? relative(res.body.nextLink as string) : undefined;
      }
      const total = await count();
      expect(total).toBeGreaterThan(1000);
      expect(visits).toBe(total);
      expect(seen.size).toBe(total);
    });

    it('pages ascending with orderby and the OData $-spellings', async () => {
      const first = await get('/api/v1/audit-records?$filter=' + encodeURIComponent("actor eq 'pager'") + '&$orderby=seq%20asc&$top=3').expect(200);
      const seqs = (first.body.value as RecordJson[]).map((r) => r.seq);
      expect(seqs).toHaveLength(3);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const second = await get(relative(first.body.nextLink as string)).expect(200);
      expect((second.body.value as RecordJson[])[0].seq).toBeGreaterThan(seqs[2]);
    });

    it('refuses a cursor replayed on a different query', async () => {
      const first = await get('/api/v1/audit-records?type=consentGranted&top=2').expect(200);
      const cursor = new URL(first.body.nextLink as string).searchParams.get('cursor') as string;
      const res = await get(`/api/v1/audit-records?orderby=seq%20asc&top=2&cursor=${cursor}`);
      expectProblem(res, 400, 'invalidCursor');
      expectProblem(await get('/api/v1/audit-records?cursor=not-a-cursor'), 400, 'invalidCursor');
    });

    it('filters by type', async () => {
      const res = await get('/api/v1/audit-records?type=deviceChanged&top=1000').expect(200);
      const value = res.body.value as RecordJson[];
      expect(value).toHaveLength(await count(`type = 'deviceChanged'`));
      expect(value.length).toBe(500);
      expect(value.every((r) => r.type === 'deviceChanged')).toBe(true);
    });

    it('filters by actor, regardless of case', async () => {
      const res = await get('/api/v1/audit-records?actor=WORKER-7&top=1000').expect(200);
      const value = res.body.value as RecordJson[];
      expect(value).toHaveLength(APPENDS_PER_WORKER);
      expect(new Set(value.map((r) => r.actor))).toEqual(new Set(['worker-7']));
    });

    it('filters by from (inclusive) and to (exclusive)', async () => {
      const [mid] = (await t.dataSource.query(`SELECT occurred_at FROM audit_records WHERE type = 'consentGranted' ORDER BY seq LIMIT 1 OFFSET 3`)) as { occurred_at: Date }[];
      const from = mid.occurred_at.toISOString();
      const after = await listAll(`/api/v1/audit-records?from=${from}&top=1000`);
      const before = await listAll(`/api/v1/audit-records?to=${from}&top=1000`);
      expect(after.length).toBe(await count('occurred_at >= $1', [from]));
      expect(before.length).toBe(await count('occurred_at < $1', [from]));
      expect(after.length).toBeGreaterThan(0);
      expect(before.length).toBeGreaterThan(1000);
      expect(after.every((r) => r.occurredAt >= from)).toBe(true);
      expect(before.every((r) => r.occurredAt < from)).toBe(true);
      expect(after.length + before.length).toBe(await count());
      const window = await listAll(`/api/v1/audit-records?from=${from}&to=${from}`);
      expect(window).toEqual([]);
    });

    it('refuses a malformed from with 400 naming the parameter', async () => {
      const problem = expectProblem(await get('/api/v1/audit-records?from=yesterday'), 400, 'validationFailed');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    });

    it("accepts filter=type eq 'consentGranted'", async () => {
      const res = await get(`/api/v1/audit-records?filter=${encodeURIComponent("type eq 'consentGranted'")}`).expect(200);
      const value = res.body.value as RecordJson[];
      expect(value).toHaveLength(7);
      expect(value.every((r) => r.type === 'consentGranted')).toBe(true);
    });

    it("accepts filter=type eq 'tokenCreated' (the bootstrap token)", async () => {
      const res = await get(`/api/v1/audit-records?filter=${encodeURIComponent("type eq 'tokenCreated'")}`).expect(200);
      expect((res.body.value as RecordJson[]).map((r) => r.type)).toEqual(['tokenCreated']);
    });

    it('refuses filter=bogus eq 1 with 400 naming bogus and its position', async () => {
      const problem = expectProblem(await get(`/api/v1/audit-records?filter=${encodeURIComponent('bogus eq 1')}`), 400, 'unknownField');
      expect(problem.detail).toContain("'bogus'");
      expect(problem.position).toBe(1);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'filter', code: 'unknownField' })]);
    });

    it('reports the position of a syntax error in a filter', async () => {
      const filter = "type eq 'consentGranted' and";
      const problem = expectProblem(await get(`/api/v1/audit-records?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
      expect(problem.position).toBe(filter.length + 1);
    });

    it('gets one record by seq with its hash as ETag', async () => {
      const res = await get('/api/v1/audit-records/1').expect(200);
      expect(res.body).toEqual(expect.objectContaining({ seq: 1, id: '1', type: 'principalCreated', actor: 'system', prevHash: '0'.repeat(64) }));
      expect(res.headers.etag).toBe(`"${res.body.hash as string}"`);
    });

    it('answers 404 for an unknown or malformed seq', async () => {
      expectProblem(await get('/api/v1/audit-records/99999999'), 404, 'notFound');
      expectProblem(await get('/api/v1/audit-records/0'), 404, 'notFound');
      expectProblem(await get('/api/v1/audit-records/abc'), 404, 'notFound');
    });

    it('exports NDJSON as one JSON record per line, in seq order', async () => {
      const res = await get('/api/v1/audit-records/export?format=ndjson').buffer(true).parse(asText).expect(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const text = res.body as string;
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.slice(0, -1).split('\n');
      expect(lines).toHaveLength(await count());
      const records = lines.map((line) => JSON.parse(line) as RecordJson);
      expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
      expect(records[1].prevHash).toBe(records[0].hash);
    });

    it('exports NDJSON filtered by type', async () => {
      const res = await get('/api/v1/audit-records/export?format=ndjson&type=consentGranted').buffer(true).parse(asText).expect(200);
      const records = (res.body as string).trim().split('\n').map((line) => JSON.parse(line) as RecordJson);
      expect(records.map((r) => r.type)).toEqual(Array(7).fill('consentGranted'));
    });

    it('exports CSV with a header row and neutralises cells that a spreadsheet would run', async () => {
      const res = await get('/api/v1/audit-records/export?format=csv').buffer(true).parse(asText).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parseCsv(res.body as string);
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength((await count()) + 1);
      expect(new Set(rows.map((row) => row.length))).toEqual(new Set([CSV_COLUMNS.length]));
      const runnable = rows.slice(1).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
      expect(runnable).toEqual([]);
      const actorColumn = CSV_COLUMNS.indexOf('actor');
      const evil = rows.find((row) => row[actorColumn].includes('HYPERLINK'));
      expect(evil?.[actorColumn]).toBe(`'=HYPERLINK("http://evil.example/x","click")`);
      expect(res.body as string).not.toMatch(/(^|,)=HYPERLINK/m);
    });

    it('refuses an unknown export format', async () => {
      const problem = expectProblem(await get('/api/v1/audit-records/export?format=xlsx'), 400, 'validationFailed');
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    });

    it('does not let a remoteToolsOperator verify the chain or read others’ records', async () => {
      await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name: 'operator', role: 'remoteToolsOperator' }).expect(201);
      const issued = await t.http().post('/api/v1/principals/operator/tokens').set(bearer(t.adminToken)).send({ name: 'ops' }).expect(201);
      const operator = bearer(issued.body.token as string);
      expectProblem(await t.http().get('/api/v1/audit-records/verify').set(operator), 403, 'forbidden');
      const own = await t.http().get('/api/v1/audit-records?top=1000').set(operator).expect(200);
      expect((own.body.value as RecordJson[]).every((r) => r.actor === 'operator')).toBe(true);
      expectProblem(await t.http().get('/api/v1/audit-records/1').set(operator), 404, 'notFound');
    });
  });
});

describe('audit tamper detection', () => {
  let t: TestApp;
  /** A connection of its own, outside the app's request handling, as the database superuser. */
  let superuser: QueryRunner;

  /** Runs statements with the append-only trigger off, in one transaction, so it is never left off. */
  const tamper = async (...statements: [string, unknown[]?][]) => {
    await superuser.startTransaction();
    try {
      await superuser.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_update_delete');
      for (const [sql, params] of statements) await superuser.query(sql, params);
      await superuser.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_no_update_delete');
      await superuser.commitTransaction();
    } catch (error) {
      await superuser.rollbackTransaction();
      throw error;
    }
  };
  const verify = async () => (await t.http().get('/api/v1/audit-records/verify').set(bearer(t.adminToken)).expect(200)).body as { valid: boolean; firstBrokenSeq: number | null; checked: number };
  const rowOf = async (seq: number) => {
    const [row] = (await superuser.query('SELECT * FROM audit_records WHERE seq = $1', [seq])) as Record<string, unknown>[];
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp();
    superuser = t.dataSource.createQueryRunner();
    await superuser.connect();
    const [{ rolsuper }] = (await superuser.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')) as { rolsuper: boolean }[];
    expect(rolsuper).toBe(true);
    for (const name of ['t1', 't2', 't3', 't4', 't5']) {
      await t.http().post('/api/v1/principals').set(bearer(t.adminToken)).send({ name, role: 'readOnlyAnalyst' }).expect(201);
    }
    expect(await verify()).toEqual(expect.objectContaining({ valid: true, firstBrokenSeq: null }));
  });

  afterAll(async () => {
    await superuser?.release();
    await t?.close();
  });

  it('names the record whose details were changed behind the trigger’s back, and recovers once restored', async () => {
    const original = await rowOf(4);
    await tamper([`UPDATE audit_records SET details = jsonb_set(details, '{role}', '"fullAdministrator"') WHERE seq = 4`]);
    expect((await rowOf(4)).details).not.toEqual(original.details);
    expect(await verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 4 }));
    await tamper(['UPDATE audit_records SET details = $1 WHERE seq = 4', [JSON.stringify(original.details)]]);
    expect(await verify()).toEqual(expect.objectContaining({ valid: true, firstBrokenSeq: null }));
  });

  it('still catches a forged record whose own hash was recomputed, at the next link', async () => {
    const original = await rowOf(5);
    await tamper([`UPDATE audit_records SET actor = 'mallory', hash = repeat('a', 64) WHERE seq = 5`]);
    expect(await verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 5 }));
    // Even a self-consistent forgery breaks the next record's prev_hash.
    const { chainHash } = await import('../../src/audit/audit-hash');
    const forged = await rowOf(5);
    const hash = chainHash(forged.prev_hash as string, {
      seq: '5',
      occurredAt: (forged.occurred_at as Date).toISOString(),
      type: forged.type as string,
      actor: 'mallory',
      sessionId: null,
      deviceId: null,
      details: forged.details as Record<string, unknown>,
    });
    await tamper(['UPDATE audit_records SET hash = $1 WHERE seq = 5', [hash]]);
    expect(await verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 6 }));
    await tamper(['UPDATE audit_records SET actor = $1, hash = $2 WHERE seq = 5', [original.actor, original.hash]]);
    expect(await verify()).toEqual(expect.objectContaining({ valid: true }));
  });

  it('names a deleted record as the first broken link, and a deleted newest record through the chain head', async () => {
    const middle = await rowOf(3);
    await tamper(['DELETE FROM audit_records WHERE seq = 3']);
    expect(await verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: 3 }));
    await superuser.query(
      'INSERT INTO audit_records (seq, occurred_at, type, actor, session_id, device_id, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [middle.seq, middle.occurred_at, middle.type, middle.actor, middle.session_id, middle.device_id, JSON.stringify(middle.details), middle.prev_hash, middle.hash],
    );
    expect(await verify()).toEqual(expect.objectContaining({ valid: true }));

    const [{ max }] = (await superuser.query('SELECT max(seq)::int AS max FROM audit_records')) as { max: number }[];
    await tamper(['DELETE FROM audit_records WHERE seq = $1', [max]]);
    expect(await verify()).toEqual(expect.objectContaining({ valid: false, firstBrokenSeq: max }));
  });
});
