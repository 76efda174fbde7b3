import fc from 'fast-check';
import { load } from 'js-yaml';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { renderOpenApi } from '../../src/cli/commands/contracts.command';
import { loadConfig } from '../../src/config/config.loader';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { discoverRestRoutes, toOpenApiPath } from './served-routes';

/*
 * Property tests over every request body the API accepts: for each POST, PUT
 * and PATCH operation of the OpenAPI document, bodies generated from the
 * operation's own schema and then broken (wrong types, 100 KB strings, 1,000
 * levels of nesting, lone surrogates, RTL overrides, NUL, emoji, invalid and
 * overlong UTF-8, unknown and prototype-polluting fields, arrays for objects).
 * Whatever arrives: never a 5xx, 4xx always problem+json with a code, nothing
 * internal (stack frames, node_modules, SQL or driver text) in the answer,
 * and /healthz still answers. Then the same for the query strings of every
 * list operation, with OData garbage and SQL injection payloads.
 */

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

// ---------------------------------------------------------------- OpenAPI

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * The checked-in openapi.yaml, unless it lacks operations the app serves; then
 * the document the code generates now (renderOpenApi, as `npm run openapi`
 * does), written to a temporary file.
 */
async function openApiFor(served: string[]): Promise<{ doc: OpenApiDoc; source: string }> {
  const checkedIn = load(readFileSync(join(__dirname, '..', '..', 'openapi.yaml'), 'utf8')) as OpenApiDoc;
  const missing = served
    .filter((r) => r.includes(' /api/v1/'))
    .filter((r) => {
      const [method, path] = r.split(' ');
      return !checkedIn.paths?.[toOpenApiPath(path)]?.[method.toLowerCase()];
    });
  if (!missing.length) return { doc: checkedIn, source: 'openapi.yaml' };
  const text = await renderOpenApi(loadConfig({ LOG_LEVEL: 'silent' }));
  const file = join(mkdtempSync(join(tmpdir(), 'rcgate-openapi-')), 'openapi.yaml');
  writeFileSync(file, text);
  return { doc: load(text) as OpenApiDoc, source: `${file} (openapi.yaml lacks ${missing.length} served operations, e.g. ${missing[0]})` };
}

function deref(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length) {
    const parts = s.allOf.map((p) => deref(doc, p));
    s = { ...s, allOf: undefined, type: s.type ?? parts[0].type, properties: Object.assign({}, ...parts.map((p) => p.properties), s.properties), required: [...(s.required ?? []), ...parts.flatMap((p) => p.required ?? [])] };
  }
  return s;
}

// ---------------------------------------------------------------- arbitraries

/** Strings that have broken parsers, databases and terminals before. */
const EDGE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFF', 'x\uDC00\uD800y', '\u202Egnp.exe', '\u200F\u200E\u061C', '\uFEFF', '\u2028\u2029',
  '😀', '👩‍👩‍👧‍👦', '🏳️‍🌈'.repeat(20), 'e\u0301'.repeat(100), 'Ａｄｍｉｎ', 'İı', 'ß', 'ǅ', '\u0085', '\r\n\t\v\f', '\\', '"', "'", '%00', '%s%n%x',
  "x' OR '1'='1", "'; DROP TABLE devices;--", '${jndi:ldap://127.0.0.1/a}', '{{7*7}}', '<script>alert(1)</script>', '../../../../etc/passwd',
  'CONTOSO\\', '\\\\?\\C:\\', '-1', '1e309', 'NaN', 'null', 'true', '[]', '{}', 'constructor', '__proto__',
];

const edgeUnit = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u202E', '\u200F', '\uFEFF', '😀', '\u0301', "'", '\\', '\u2028'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const edgeString = fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ unit: edgeUnit, maxLength: 64 }));

/** Up to ~100 KB of one repeated character (ASCII, Latin-1, RTL override, emoji or NUL). */
const hugeString = fc.tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('a', 'é', '\u202E', '😀', '\u0000', 'x\u0301')).map(([bytes, ch]) => ch.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(ch)))));

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}
const deepValue = fc.tuple(fc.integer({ min: 100, max: 1_000 }), fc.boolean()).map(([depth, asArray]) => nested(depth, asArray));

/** Anything but what the schema asks for. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-0), fc.constant(Number.MAX_SAFE_INTEGER * 10),
  edgeString, hugeString, deepValue,
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** A value the schema accepts, more or less (lengths and ranges are respected, semantics are not). */
function validFor(doc: OpenApiDoc, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(doc, raw);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validFor(doc, a, depth + 1)));
  const type = s.type ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 24, 24) });
    case 'integer':
    case 'number':
      return fc.integer({ min: Math.ceil(s.minimum ?? -5), max: Math.floor(s.maximum ?? 10_000) });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validFor(doc, s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 3 || !s.properties) return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(s.properties)) record[name] = validFor(doc, prop, depth + 1);
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A raw body: bytes sent as they are (invalid or overlong UTF-8, prototype keys, broken JSON). */
interface Raw {
  raw: Buffer;
}
const rawBodies: fc.Arbitrary<Raw> = fc.constantFrom(
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), // {"name":"<overlong />"}
  Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe0, 0x80, 0xaf, 0xed, 0xa0, 0x80, 0x80, 0xff, 0x22, 0x7d]), // overlong, UTF-8 surrogate, stray bytes
  Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM then {}
  Buffer.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]), // UTF-16 BE
  Buffer.from('{"__proto__": {"isAdmin": true, "role": "fullAdministrator"}, "constructor": {"prototype": {"polluted": 1}}}'),
  Buffer.from('{"name": "a", "name": "b", "NAME": "c"}'),
  Buffer.from('{"name": "\\ud800\\udc00\\ud800", "x": "\\u0000"}'),
  Buffer.from('{"a":'),
  Buffer.from('{"a": 1e999999, "b": -1e-999999, "c": 123456789012345678901234567890}'),
  Buffer.from('[' + '['.repeat(5000) + ']'.repeat(5000) + ']'),
  Buffer.from('\u0000'),
  Buffer.from(''),
).map((raw) => ({ raw }));

const setDeep = (value: unknown, path: string[], replacement: unknown): unknown => {
  if (!path.length) return replacement;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return { ...(value as Record<string, unknown>), [path[0]]: setDeep((value as Record<string, unknown>)[path[0]], path.slice(1), replacement) };
};
const mapStrings = (value: unknown, f: (s: string) => string): unknown =>
  typeof value === 'string' ? f(value) : Array.isArray(value) ? value.map((v) => mapStrings(v, f)) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) : value;

/** Property paths of a schema (one level into nested objects, e.g. remoteTools.accessLevel). */
function pathsOf(doc: OpenApiDoc, schema: Schema | undefined): string[][] {
  const s = deref(doc, schema);
  const out: string[][] = [];
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    out.push([name]);
    for (const inner of Object.keys(deref(doc, prop).properties ?? {})) out.push([name, inner]);
  }
  return out;
}

/**
 * Mutations start from a body the operation accepts (a known-good example when
 * there is one, so that one broken field gets past the others and reaches the
 * service and the database) or from one generated from the schema.
 */
function bodiesFor(doc: OpenApiDoc, schema: Schema | undefined, example?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown | Raw> {
  const generated = validFor(doc, schema);
  const valid = example ? fc.oneof({ arbitrary: example, weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
  const paths = pathsOf(doc, schema);
  const extraKeys = fc.dictionary(fc.oneof(fc.constantFrom('isAdmin', 'role', 'id', 'createdAt', 'version', 'scopeCollectionIds', 'constructor', 'prototype'), fc.string({ maxLength: 12 })), nastyValue, { minKeys: 1, maxKeys: 4 });
  return fc.oneof(
    { arbitrary: valid, weight: 1 },
    fc.tuple(valid, extraKeys).map(([body, extra]) => (body && typeof body === 'object' && !Array.isArray(body) ? { ...body, ...extra } : extra)),
    ...(paths.length ? [{ arbitrary: fc.tuple(valid, fc.constantFrom(...paths), nastyValue).map(([body, path, bad]) => setDeep(body, path, bad)), weight: 4 }] : []),
    fc.tuple(valid, edgeString).map(([body, edge]) => mapStrings(body, (str) => `${str}${edge}`)),
    fc.tuple(valid, hugeString).map(([body, huge]) => mapStrings(body, () => huge)),
    nastyValue,
    fc.array(valid, { minLength: 1, maxLength: 3 }),
    ...(paths.length ? [fc.tuple(valid, fc.constantFrom(...paths), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })).map(([body, path, arr]) => setDeep(body, path, arr))] : []),
    rawBodies,
  );
}

/** Known-good bodies by operationId (api.md's request bodies), with unique names where names must be unique. */
function examplesFor(ids: Record<string, string>): Record<string, fc.Arbitrary<unknown>> {
  const n = fc.integer({ min: 1, max: 999_999 });
  const future = new Date(Date.now() + 86_400_000).toISOString();
  const session = { deviceId: ids.device, type: 'remoteControl', accessLevel: 'viewOnly', reason: 'fuzz' };
  return {
    createPrincipal: n.map((i) => ({ name: `fz-${i}`, displayName: 'Fuzz', role: 'readOnlyAnalyst', scopeCollectionIds: [ids.collection], groups: ['CONTOSO\\Helpdesk'] })),
    updatePrincipal: fc.constant({ displayName: 'Fuzzed', groups: ['G'] }),
    createApiToken: n.map((i) => ({ name: `t-${i}`, expiresAt: future })),
    createSite: fc.stringMatching(/^F[A-Z0-9]{2}$/).map((code) => ({ code, name: 'Fuzz site', type: 'primary' })),
    updateSite: fc.constant({ name: 'Renamed' }),
    importDevices: n.map((i) => [{ name: `FZI-${i}`, siteCode: 'S01', joinType: 'workgroup', workgroup: 'WG' }]),
    createDevice: n.map((i) => ({ name: `FZD-${i}`, siteCode: 'S01', joinType: 'domain', domain: 'contoso.com', osName: 'Windows 11', ipAddresses: ['10.0.0.1'], currentUser: 'CONTOSO\\bob' })),
    updateDevice: fc.constant({ osName: 'Windows 11', osVersion: '10.0.22631' }),
    createCollection: n.map((i) => ({ name: `fz-${i}`, description: 'fuzz' })),
    updateCollection: fc.constant({ description: 'fuzzed' }),
    addCollectionRule: fc.constantFrom({ type: 'query', name: 'q', filter: "name eq 'NOBODY-ELSE'" }, { type: 'direct', deviceId: ids.device }, { type: 'exclude', collectionId: ids.other }),
    createClientSettings: fc.tuple(n, fc.integer({ min: 100, max: 9_999 })).map(([i, priority]) => ({ name: `fz-${i}`, description: 'fuzz', priority, remoteTools: { enableRemoteControl: true, accessLevel: 'viewOnly', permittedViewers: ['G'] } })),
    updateClientSettings: fc.constant({ description: 'fuzzed', remoteTools: { playSound: 'never' } }),
    setClientSettingsPriority: fc.integer({ min: 1, max: 9_999 }).map((priority) => ({ priority })),
    startSession: fc.constant(session),
    checkSession: fc.constant(session),
    createEnrollmentKey: n.map((i) => ({ name: `k-${i}`, siteCode: 'S01', usesLeft: 5, expiresAt: future })),
    enrollDevice: n.map((i) => ({ enrollmentKey: ids.enrollmentKey, name: `FZE-${i}`, joinType: 'workgroup', workgroup: 'WG', osName: 'Windows 11' })),
    sendHeartbeat: fc.constant({ currentUser: 'CONTOSO\\bob', ipAddresses: ['10.0.0.5'], localAdministrators: ['CONTOSO\\Admins'], osVersion: '10.0' }),
    sendConsent: fc.constant({ granted: true }),
  };
}

// ---------------------------------------------------------------- judging an answer

const STACK = /\bat [^\s"]+ \([^)]*:\d+:\d+\)|\bat [^\s"]*\.(?:ts|js):\d+/;
/** What leaks when a database or driver error reaches the client (our payloads never contain these). */
const SQL_LEAK = /QueryFailedError|syntax error at or near|invalid input syntax for|violates (?:not-null|unique|foreign key|check) constraint|unterminated quoted|operator does not exist|invalid byte sequence for encoding|relation "[a-z_]+"|column "[a-z_.]+"|\bINSERT INTO\b|\bSELECT\b[^"]{0,80}\bFROM\s+"?[a-z_]+"?\s|collection_members|\$\d+::|typeorm|\bpg_\w+\(/i;

function judge(res: Response): string | undefined {
  const text = typeof res.text === 'string' ? res.text : '';
  if (res.status >= 500) return `${res.status} ${text.slice(0, 300)}`;
  if (res.status >= 400) {
    if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) return `${res.status} is not problem+json: ${res.headers['content-type']}`;
    let body: { code?: unknown } = {};
    try {
      body = JSON.parse(text) as { code?: unknown };
    } catch {
      return `${res.status} problem is not JSON`;
    }
    if (typeof body.code !== 'string' || !body.code) return `${res.status} problem without a code: ${text.slice(0, 200)}`;
  }
  if (STACK.test(text) || text.includes('node_modules')) return `${res.status} leaks a stack trace: ${text.slice(0, 300)}`;
  if (SQL_LEAK.test(text)) return `${res.status} leaks SQL or driver text: ${text.slice(0, 300)}`;
  return undefined;
}

/** encodeURIComponent, except that lone surrogates go out as their (invalid) 3-byte UTF-8 form instead of throwing. */
function encodeLoose(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(value[i]);
    }
  }
  return out;
}

const describeBody = (body: unknown) => {
  if (body && typeof body === 'object' && 'raw' in body && Buffer.isBuffer((body as Raw).raw)) return `raw ${(body as Raw).raw.toString('hex').slice(0, 120)}`;
  const json = JSON.stringify(body) ?? String(body);
  return json.length > 300 ? `${json.slice(0, 300)}… (${json.length} chars)` : json;
};

// ---------------------------------------------------------------- the tests

describe('fuzzing request bodies and query strings', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  let source: string;
  let ids: Record<string, string>;
  let deviceToken: string;
  /** Requests to the app listening on a loopback port (cheaper per request than supertest's listen-per-request). */
  let http: () => ReturnType<typeof request>;

  beforeAll(async () => {
    t = await startTestApp({
      RELAY_NODE_TIMEOUT_SECONDS: '3600', AGENT_OFFLINE_AFTER_SECONDS: '3600', TICKET_TTL_SECONDS: '300', CONSENT_TIMEOUT_SECONDS: '600',
      RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000',
    });
    const base = await t.listen();
    http = () => request(base);
    ({ doc, source } = await openApiFor(discoverRestRoutes(t.app)));
    const f = new Fixtures(t);
    const admin = bearer(t.adminToken);
    await f.site('S01');
    await f.site('FZ1');
    await f.relayNode();
    const agent = await f.agent('FUZZ-PC', { currentUser: 'CONTOSO\\bob' });
    deviceToken = agent.deviceToken;
    const collection = await f.collection('Fuzz', "startswith(name,'FUZZ')");
    const other = await f.collection('Fuzz other');
    const settings = await f.settings({ enableRemoteControl: true, promptUserForPermission: true, permittedViewers: ['admin'] }, collection, 10);
    await f.principal('fuzz-target', 'readOnlyAnalyst');
    const token = await http().post('/api/v1/principals/fuzz-target/tokens').set(admin).send({ name: 'fuzz' });
    const rule = await http().post(`/api/v1/collections/${collection}/rules`).set(admin).send({ type: 'query', filter: "name eq 'NOBODY'" });
    const key = await http().post('/api/v1/enrollment-keys').set(admin).send({ name: 'fuzz', siteCode: 'S01' });
    const enrollmentKey = await f.enrollmentKey('S01', { usesLeft: 1000 });
    const session = await http().post('/api/v1/sessions').set(admin).send({ deviceId: agent.deviceId, type: 'remoteControl', accessLevel: 'viewOnly' });
    const [{ seq }] = (await t.dataSource.query('SELECT max(seq)::text AS seq FROM audit_records')) as { seq: string }[];
    ids = {
      device: agent.deviceId, collection, settings: settings.id, principal: 'fuzz-target', site: 'FZ1', token: token.body.id, rule: rule.body.id,
      key: key.body.id, session: session.body.id, seq, other, enrollmentKey,
    };
    for (const [name, value] of Object.entries(ids)) if (!value) throw new Error(`fixture ${name} missing`);
  }, 120_000);

  afterAll(() => t?.close());

  /** Real ids for the path parameters, chosen by the segment before them ({id} of /devices is a device, and so on). */
  function concrete(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
      const before = path.slice(0, offset).split('/').filter(Boolean).pop();
      if (name === 'name') return ids.principal;
      if (name === 'code') return ids.site;
      if (name === 'seq') return ids.seq;
      if (name === 'collectionId') return ids.collection;
      if (name === 'deviceId') return ids.device;
      if (name === 'ruleId') return ids.rule;
      const byResource: Record<string, string> = {
        devices: ids.device, collections: ids.collection, 'client-settings': ids.settings, sessions: ids.session,
        'enrollment-keys': ids.key, tokens: ids.token,
      };
      const id = byResource[before ?? ''];
      if (!id) throw new Error(`no id for {${name}} in ${path}`);
      return id;
    });
  }

  const authFor = (path: string) => (path === '/api/v1/agent/enroll' ? {} : bearer(path.startsWith('/api/v1/agent/') ? deviceToken : t.adminToken));

  async function send(method: string, path: string, body: unknown): Promise<Response> {
    // If-Match: * so that PATCHes (client settings require If-Match) get past the precondition to the body.
    const req = http()[method as 'post'](concrete(path)).set(authFor(path)).set('Content-Type', 'application/json').set(method === 'patch' ? { 'If-Match': '*' } : {});
    if (body && typeof body === 'object' && 'raw' in body && Buffer.isBuffer((body as Raw).raw)) return req.send((body as Raw).raw);
    return req.send(JSON.stringify(body) ?? 'null');
  }

  it('answers every mutated body of every POST/PUT/PATCH operation with a clean 2xx or 4xx, and stays healthy', async () => {
    const examples = examplesFor(ids);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([method]) => ['post', 'put', 'patch'].includes(method)).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    let requests = 0;
    const queue = [...operations];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { path, method, op } = next;
        const schema = op.requestBody?.content?.['application/json']?.schema;
        const result = await fc.check(
          fc.asyncProperty(bodiesFor(doc, schema, examples[op.operationId ?? '']), async (body) => {
            requests++;
            const res = await send(method, path, body);
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const complaint = judge(res);
            if (complaint) throw new Error(complaint);
          }),
          { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
        );
        if (result.failed) {
          failures.push(`${method.toUpperCase()} ${path}: ${(result.errorInstance as Error)?.message ?? 'failed'} — body ${describeBody(result.counterexample?.[0])}`);
        }
        const health = await http().get('/healthz');
        if (health.status !== 200) failures.push(`${method.toUpperCase()} ${path}: /healthz answered ${health.status} afterwards`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    process.stdout.write(`body fuzzing: ${operations.length} operations from ${source}, ${requests} requests, seed ${SEED}, statuses ${JSON.stringify(statuses)}\n`);
    expect(failures).toEqual([]);
    expect((await http().get('/healthz')).status).toBe(200);
  }, 240_000);

  it('answers garbage and injection in filter, orderby, select, top and cursor with 200 or 400, never 5xx, and the devices table survives', async () => {
    const lists = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.in === 'query' && (p.name === 'filter' || p.name === 'top')))
      .map(([path]) => path);
    expect(lists).toEqual(expect.arrayContaining(['/api/v1/devices', '/api/v1/audit-records']));
    const [{ count: devicesBefore }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM devices')) as { count: number }[];

    // A string field each list filters on, so that well-formed payloads get through the parser to the database.
    const stringField = (path: string) => (path.endsWith('/sessions') ? 'viewer' : path.endsWith('/audit-records') ? 'actor' : 'name');
    const queriesFor = (field: string) => {
      const WELL_FORMED = [
        `${field} eq 'x'' OR 1=1--'`, `${field} eq 'x''; DROP TABLE devices;--'`, `startswith(${field},'x'') or true or (''')`, `contains(${field},'%')`, `contains(${field},'_')`,
        `contains(${field},'\\')`, `${field} eq ''`, `${field} eq 'x\u0000y'`, `${field} eq '\uD800'`, `${field} eq '\u202Eevil'`, `${field} eq '😀'`, `${field} in ('a','b'' OR ''1''=''1')`,
        `${field} eq '${'a'.repeat(10_000)}'`, `not (${field} eq 'x') and ${field} ne '$1'`, Array.from({ length: 100 }, (_, i) => `${field} eq 'n${i}'`).join(' or '),
      ];
      const MALFORMED = [
        "'; DROP TABLE devices;--", '1=1', `${field} eq $1`, `${field} eq 'x'::text`, `${field} eq 'x') OR ('1'='1`, `${field} eq '' UNION SELECT token_hash FROM api_tokens--`,
        `id; DELETE FROM devices`, `${field} in ('a','b'`, '('.repeat(500) + `${field} eq 'x'` + ')'.repeat(500), 'not '.repeat(300) + `${field} eq 'x'`, `${field} eq 'unterminated`,
        `exec(${field},'x')`, `${field} like 'x%'`, `${field} eq "x"`, `${field} eq x`,
      ];
      const FIELDS = [field, 'id', 'createdAt', 'bogus', 'd.name', '"name"', 'name;--', `${field}\u0000`];
      const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'EQ', '=', 'like', '||'];
      const LITERALS = ["'x'", "'x'' OR 1=1--'", "''", '1', '-1', '1e309', 'true', 'null', "'2026-01-01T00:00:00.000Z'", "'00000000-0000-0000-0000-000000000000'", "'\u202E'", "'😀'"];
      const clause = fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPS), fc.constantFrom(...LITERALS)).map((p) => p.join(' '));
      const filter = fc.oneof(
        { arbitrary: fc.constantFrom(...WELL_FORMED), weight: 3 },
        { arbitrary: fc.constantFrom(...MALFORMED), weight: 2 },
        fc.array(clause, { minLength: 1, maxLength: 4 }).chain((cs) => fc.constantFrom(' and ', ' or ', ' and not ').map((j) => cs.join(j))),
        edgeString,
        fc.string({ maxLength: 60 }),
      );
      const word = fc.oneof({ arbitrary: fc.constantFrom(field, 'id', 'createdAt'), weight: 3 }, fc.constantFrom(...FIELDS, "name desc; DROP TABLE devices", '(SELECT 1)', `${field} desc nulls first`), edgeString);
      const orderby = fc.array(fc.tuple(word, fc.constantFrom('', ' asc', ' desc', ' DESC', ' sideways', '--')).map(([w, d]) => `${w}${d}`), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(','));
      const select = fc.array(word, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(','));
      const top = fc.oneof(fc.integer({ min: -5, max: 2_000 }).map(String), fc.constantFrom('1e3', '0x10', '', ' 5', '5abc', '1.5', 'NaN', '99999999999999999999', '-0', '1;DROP TABLE devices'), edgeString);
      const cursor = fc.oneof(
        fc.base64String({ maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(Buffer.from('{"values":["x\' OR 1=1--"],"id":"1;DROP TABLE devices","q":"x"}').toString('base64url'), Buffer.from('{"values":[{"$gt":""}],"id":null}').toString('base64url'), '..', '%'),
        edgeString,
      );
      const one = <K extends string>(key: K, arb: fc.Arbitrary<string>) => arb.map((v) => ({ [key]: v }) as Record<string, string>);
      return fc.oneof(
        { arbitrary: one('filter', filter), weight: 4 }, one('$filter', filter), one('orderby', orderby), one('$orderby', orderby), one('select', select), one('$select', select),
        one('top', top), one('$top', top), one('cursor', cursor),
        { arbitrary: fc.record({ filter, orderby, select, top }, { requiredKeys: ['filter'] }), weight: 2 },
      );
    };

    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    const okPerPath: Record<string, number> = {};
    let requests = 0;
    for (const path of lists) {
      const result = await fc.check(
        fc.asyncProperty(queriesFor(stringField(path)), async (query) => {
          requests++;
          const qs = Object.entries(query).map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(String(v))}`).join('&');
          const res = await http().get(`${concrete(path)}${qs ? `?${qs}` : ''}`).set(bearer(t.adminToken));
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status === 200) okPerPath[path] = (okPerPath[path] ?? 0) + 1;
          if (res.status !== 200 && res.status !== 400) throw new Error(`status ${res.status}: ${String(res.text).slice(0, 200)}`);
          const complaint = judge(res);
          if (complaint) throw new Error(complaint);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
      );
      if (result.failed) failures.push(`GET ${path}: ${(result.errorInstance as Error)?.message ?? 'failed'} — query ${describeBody(result.counterexample?.[0])}`);
      else if (!okPerPath[path]) failures.push(`GET ${path}: no generated query was accepted (200), so none reached the database`);
    }
    process.stdout.write(`query fuzzing: ${lists.length} list operations, ${requests} requests, seed ${SEED}, statuses ${JSON.stringify(statuses)}\n`);
    expect(failures).toEqual([]);
    const [{ table }] = (await t.dataSource.query(`SELECT to_regclass('public.devices')::text AS table`)) as { table: string | null }[];
    expect(table).toBe('devices');
    const [{ count: devicesAfter }] = (await t.dataSource.query('SELECT count(*)::int AS count FROM devices')) as { count: number }[];
    expect(devicesAfter).toBe(devicesBefore);
    expect((await http().get('/healthz')).status).toBe(200);
  }, 120_000);
});
