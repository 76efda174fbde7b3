import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const CONSOLE = 'https://console.contoso.com';

/** A self-signed certificate for 127.0.0.1, made the way an operator would. */
function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rcgate-tls-'));
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=rcgate-test', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { certFile, keyFile };
}

/** Sends `text` on a raw connection and resolves with what comes back before the server closes. */
function rawExchange(port: number, text: string): Promise<{ reply: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let reply = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve({ reply, ms: Date.now() - started }));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 10_000).unref();
  });
}

/** One raw keep-alive connection: send a request, wait for its whole (Content-Length) answer; when did the server close it. */
function keepAliveConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffered = '';
  let closedAt: number | undefined;
  let onData = () => {};
  socket.on('data', (chunk) => { buffered += chunk.toString(); onData(); });
  socket.on('close', () => { closedAt = Date.now(); onData(); });
  socket.on('error', () => undefined);
  return {
    get closedAt() { return closedAt; },
    request: (path: string) =>
      new Promise<string>((resolve, reject) => {
        buffered = '';
        onData = () => {
          const head = buffered.split('\r\n\r\n')[0];
          const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? NaN);
          if (buffered.length >= head.length + 4 + length) resolve(buffered);
          else if (closedAt) reject(new Error(`closed by the server; got ${JSON.stringify(buffered)}`));
        };
        socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      }),
    destroy: () => socket.destroy(),
  };
}

describe('HTTP hardening: helmet, CORS, GraphQL alias and batch limits, request timeouts', () => {
  let t: TestApp;
  let base: string;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${CONSOLE},http://localhost:3000`, REQUEST_TIMEOUT_SECONDS: '1', HTTP_KEEP_ALIVE_SECONDS: '3' });
    base = await t.listen();
    port = Number(new URL(base).port);
  });
  afterAll(() => t.close());

  it('sends helmet’s security headers and no X-Powered-By', async () => {
    const res = await t.http().get('/api/v1/me').set(bearer(t.adminToken));
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  describe('CORS with CORS_ORIGINS set', () => {
    it('allows exactly the listed origins, without credentials, and exposes the headers clients need', async () => {
      const preflight = await t.http().options('/api/v1/me').set('Origin', CONSOLE).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(CONSOLE);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const res = await t.http().get('/api/v1/me').set('Origin', CONSOLE).set(bearer(t.adminToken));
      expect(res.headers['access-control-allow-origin']).toBe(CONSOLE);
      expect(res.headers['access-control-expose-headers']).toEqual(expect.stringContaining('Retry-After'));
      expect(res.headers['access-control-expose-headers']).toEqual(expect.stringContaining('X-Error-Code'));
    });

    it('gives any other origin nothing to go on', async () => {
      for (const origin of ['https://evil.example', 'https://console.contoso.com.evil.example', 'null']) {
        const preflight = await t.http().options('/api/v1/me').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        const res = await t.http().get('/api/v1/me').set('Origin', origin).set(bearer(t.adminToken));
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('GraphQL', () => {
    const gql = (body: object) => t.http().post('/graphql').set(bearer(t.adminToken)).send(body);

    it('refuses more than 30 aliases with extensions.code tooManyAliases', async () => {
      const fields = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: me { name }`).join(' ');
      const ok = await gql({ query: `{ ${fields(30)} }` });
      expect(ok.body.errors).toBeUndefined();
      const refused = await gql({ query: `{ ${fields(31)} }` });
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors[0].extensions.code).toBe('tooManyAliases');
    });

    it('runs a batch of up to 10 operations and refuses 11 with extensions.code batchTooLarge', async () => {
      const op = { query: '{ me { name } }' };
      const ten = await gql(Array.from({ length: 10 }, () => op));
      expect(ten.status).toBe(200);
      expect(ten.body).toHaveLength(10);
      expect(ten.body[9].data).toEqual({ me: { name: 'admin' } });
      const eleven = await gql(Array.from({ length: 11 }, () => op));
      expect(eleven.status).toBe(400);
      expect(eleven.body.errors[0].extensions.code).toBe('batchTooLarge');
    });
  });

  describe('REQUEST_TIMEOUT_SECONDS=1', () => {
    it('answers a client that never finishes its headers with 408 and closes', async () => {
      const { reply, ms } = await rawExchange(port, 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\n');
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(5_000);
    });

    it('keeps an idle keep-alive connection past the request timeout, and closes it after HTTP_KEEP_ALIVE_SECONDS', async () => {
      const conn = keepAliveConnection(port);
      try {
        const first = await conn.request('/healthz');
        expect(first).toMatch(/^HTTP\/1\.1 200/);
        expect(first).toMatch(/\r\nKeep-Alive: timeout=3\r\n/i);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        // Idle for twice the request timeout: the same connection still takes the next request.
        expect(await conn.request('/healthz')).toMatch(/^HTTP\/1\.1 200/);
        const answered = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 6_000));
        expect(conn.closedAt).toBeDefined();
        expect(conn.closedAt! - answered).toBeGreaterThanOrEqual(2_500);
      } finally {
        conn.destroy();
      }
    });

    it('does not cut the agent long poll, whose answer takes longer than the timeout', async () => {
      const f = new Fixtures(t);
      await f.site('S01');
      const agent = await f.agent('PC-POLL');
      const started = Date.now();
      const res = await fetch(`${base}/api/v1/agent/offers?wait=3`, { headers: bearer(agent.deviceToken) });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
    });

    it('does not close an upgraded WebSocket (GraphQL subscriptions) held longer than the timeout', async () => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
      const messages: { type: string }[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as { type: string }));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.adminToken}` } }));
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.send(JSON.stringify({ type: 'ping' }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(messages.map((m) => m.type)).toEqual(['connection_ack', 'pong']);
      ws.close();
    });
  });
});

describe('HTTPS with TLS_CERT_FILE and TLS_KEY_FILE', () => {
  let t: TestApp;
  let base: string;
  const { certFile, keyFile } = selfSignedCertificate();

  /** Trusts only the test's own certificate, as a client given the operator's CA would. */
  const tlsGet = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status?: number; headers: IncomingHttpHeaders; body: string; peer: string }>((resolve, reject) => {
      httpsGet(`${base}${path}`, { ca: readFileSync(certFile), headers, method }, (res) => {
        let body = '';
        const peer = String((res.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, peer }));
      }).on('error', reject);
    });

  beforeAll(async () => {
    t = await startTestApp({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });
    base = await t.listen();
  });
  afterAll(() => t.close());

  it('serves the API over TLS with the configured certificate', async () => {
    expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await tlsGet('/healthz');
    expect({ status: res.status, body: JSON.parse(res.body), peer: res.peer }).toEqual({ status: 200, body: { status: 'ok' }, peer: 'rcgate-test' });
    const me = await tlsGet('/api/v1/me', bearer(t.adminToken));
    expect(me.status).toBe(200);
  });

  it('does not speak plain HTTP on the TLS port', async () => {
    const { reply } = await rawExchange(Number(new URL(base).port), 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(reply).not.toContain('"status":"ok"');
  });

  it('leaves CORS off when CORS_ORIGINS is not set', async () => {
    const res = await tlsGet('/api/v1/me', { Origin: CONSOLE, ...bearer(t.adminToken) });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await tlsGet('/api/v1/me', { Origin: CONSOLE, 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});
