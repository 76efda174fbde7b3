import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers /healthz with 200 and no token', async () => {
    const res = await t.http().get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 200 when the database is reachable and migrated', async () => {
    const res = await t.http().get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok', disk: 'ok' } });
  });

  it('keeps ops endpoints outside /api/v1', async () => {
    await t.http().get('/api/v1/healthz').expect(404);
    await t.http().get('/api/v1/metrics').expect(404);
  });

  it('times requests under their route template, never the raw URL', async () => {
    await t.http().get('/api/v1/me').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/api/v1/principals/admin').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/api/v1/no-such-route-4f1c9a').set(bearer(t.adminToken)).expect(404);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain('# TYPE rcgate_http_request_duration_seconds histogram');
    expect(text).toMatch(/rcgate_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/me"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/rcgate_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/principals\/:name"[^}]*\}/);
    // An unknown URL is counted under a fixed label (a catch-all template), so labels cannot explode.
    expect(text).toMatch(/rcgate_http_request_duration_seconds_count\{method="GET",route="(unmatched|[^"]*\{\*path\})",status="404"\} [1-9]/);
    expect(text).not.toContain('no-such-route-4f1c9a');
    expect(text).not.toContain('route="/api/v1/principals/admin"');
  });

  it('exposes the database pool and Node.js process metrics', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toMatch(/rcgate_db_pool_connections\{state="total"\} \d+/);
    expect(res.text).toContain('rcgate_process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document as JSON with verb-first operationIds', async () => {
    const res = await t.http().get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const operationIds = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(operationIds).toEqual(expect.arrayContaining(['listPrincipals', 'createApiToken', 'getMe', 'verifyAuditChain', 'exportAuditRecords']));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(doc.paths['/api/v1/principals']?.get?.operationId).toBe('listPrincipals');
    expect(doc.paths['/api/v1/principals/{name}/tokens']?.post?.operationId).toBe('createApiToken');
  });

  it('serves Swagger UI at /docs/ as HTML', async () => {
    const res = await t.http().get('/docs/').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger-ui/i);
    expect(res.text).toContain('rcgate API');
  });
});
