import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request, { type Response } from 'supertest';
import { hasPermission, Permission, Role, ROLES } from '../../src/common/authz/roles';
import { Fixtures } from '../support/fixtures';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { discoverRestRoutes } from './served-routes';

/*
 * The authorization matrix: every route the running app serves (discovered
 * from Express's router, so a new route without a row fails) and every
 * GraphQL Query/Mutation field (from the served schema) × every caller
 * (anonymous, a device token, the four roles) × in-scope / out-of-scope
 * object → the status class the design says it must get.
 *
 * Expectations are computed from roles.ts (PERMISSIONS_OF via hasPermission)
 * and the rules of domain.md / api.md, never from what the server answers:
 *   no or wrong kind of token → 401; the role lacks the route's permission →
 *   403 (before any lookup, so it leaks nothing); the object is outside a
 *   non-full-administrator's scope → 404; otherwise 2xx. POST /sessions is
 *   the documented exception: scope (404) comes before the role (403
 *   roleNotAllowed), because it is rule 1 of the session policy.
 *
 * The operator, the analyst and the infrastructure administrator are all
 * scoped to one collection, "Scope", whose query rule holds IN-SCOPE* devices;
 * OUT-SCOPE* devices exist but are outside it. Variants name the object a
 * cell aims at: in / out (of that scope: a device, its sessions, resultant
 * settings, collections, audit records), and for principals and tokens self /
 * other / fullAdmin / strongerRole / widerScope (a non-full-administrator may
 * not grant, or mint tokens for, more than it holds itself).
 *
 * Cells expected to succeed get fresh objects to consume; denied cells aim at
 * stand-ins. Rows run four at a time, the cells of a row together.
 */

type Caller = 'anonymous' | 'device' | Role;
type Outcome = '2xx' | '3xx' | 401 | 403 | 404 | 409;
const CALLERS: Caller[] = ['anonymous', 'device', ...ROLES];
const FA: Role = 'fullAdministrator';
const P = Permission;

// ---------------------------------------------------------------- expectations

const isPrincipal = (c: Caller): c is Role => c !== 'anonymous' && c !== 'device';
/** A principal route: 401 without a principal token, 403 when the role lacks the permission (undefined: any principal). */
const needs = (c: Caller, permission?: Permission): Outcome | undefined =>
  !isPrincipal(c) ? 401 : permission && !hasPermission(c, permission) ? 403 : undefined;
/** Out-of-scope device (or its sessions, settings, collections): 404 to anyone but a full administrator. */
const scoped = (c: Caller, v: string): Outcome | undefined => (v === 'out' && c !== FA ? 404 : undefined);
const principalRoute = (permission?: Permission) => (c: Caller) => needs(c, permission) ?? '2xx';
const scopedRoute = (permission?: Permission) => (c: Caller, v: string) => needs(c, permission) ?? scoped(c, v) ?? '2xx';
const publicRoute = (outcome: Outcome = '2xx') => () => outcome;
/** Agent routes take a device token only; a principal token is 401. 'out': another device's session (404). */
const agentRoute = (c: Caller, v: string): Outcome => (c !== 'device' ? 401 : v === 'out' ? 404 : '2xx');
/** Non-full administrators may not grant, widen into, or impersonate what they do not hold. */
const notBeyondCaller = (c: Caller, v: string): Outcome | undefined => (c !== FA && (v === 'fullAdmin' || v === 'widerScope' || v === 'strongerRole') ? 403 : undefined);

// ---------------------------------------------------------------- fixtures

interface Ctx {
  t: TestApp;
  /** Requests to the app listening on a loopback port (cheaper per request than supertest's listen-per-request). */
  http: () => ReturnType<typeof request>;
  f: Fixtures;
  tokens: Record<Role, string>;
  names: Record<Role, string>;
  /** Stable principals: a read-only analyst scoped like the callers, an operator (a role with sessions:start), an analyst scoped to All Systems, a second full administrator. */
  other: string;
  strong: string;
  wide: string;
  admin2: string;
  /** Stand-ins that denied cells aim at (a denial must not need a fresh object; a wrongly allowed one shows up anyway). */
  standIn: { otherToken: string; admin2Token: string; rule: string; key: string; settings: { id: string; etag: string } };
  deviceToken: string;
  deviceA: string;
  deviceB: string;
  deviceC: string;
  nodeA: string;
  nodeB: string;
  scope: string;
  outside: string;
  scratch: string;
  settings: string;
  sessions: { faA: string; faB: string; opA: string; consentC: string };
  audit: { opOnA: string; adminOnB: string };
  n: () => number;
}

const admin = (x: Ctx) => bearer(x.t.adminToken);

async function ok<T = Record<string, unknown>>(res: Promise<Response> | Response, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body as T;
}

const fresh = {
  device: async (x: Ctx, prefix: 'IN-SCOPE' | 'OUT-SCOPE') =>
    (await ok<{ id: string }>(x.http().post('/api/v1/devices').set(admin(x)).send({ name: `${prefix}-${x.n()}`, siteCode: 'S01', joinType: 'workgroup', workgroup: 'WG' }), 'device')).id,
  session: async (x: Ctx, token: string, deviceId: string) =>
    (await ok<{ id: string }>(x.http().post('/api/v1/sessions').set(bearer(token)).send({ deviceId, type: 'remoteControl', accessLevel: 'viewOnly' }), 'session')).id,
  principal: async (x: Ctx, role: Role, scopeCollectionIds: string[]) => {
    const name = `target-${x.n()}`;
    await ok(x.http().post('/api/v1/principals').set(admin(x)).send({ name, role, scopeCollectionIds }), 'principal');
    return name;
  },
  token: async (x: Ctx, principal: string) => (await ok<{ id: string }>(x.http().post(`/api/v1/principals/${principal}/tokens`).set(admin(x)).send({ name: `t-${x.n()}` }), 'token')).id,
  site: async (x: Ctx) => {
    const code = `Q${x.n().toString(36).toUpperCase().padStart(2, '0')}`;
    await ok(x.http().post('/api/v1/sites').set(admin(x)).send({ code, name: `Site ${code}`, type: 'primary' }), 'site');
    return code;
  },
  collection: async (x: Ctx) => (await ok<{ id: string }>(x.http().post('/api/v1/collections').set(admin(x)).send({ name: `scratch-${x.n()}` }), 'collection')).id,
  rule: async (x: Ctx, collectionId: string) =>
    (await ok<{ id: string }>(x.http().post(`/api/v1/collections/${collectionId}/rules`).set(admin(x)).send({ type: 'query', filter: "name eq 'NOTHING'" }), 'rule')).id,
  settings: async (x: Ctx) =>
    ok<{ id: string; etag: string }>(x.http().post('/api/v1/client-settings').set(admin(x)).send({ name: `cs-${x.n()}`, priority: 1000 + x.n(), remoteTools: null }), 'settings'),
  key: async (x: Ctx) => ok<{ id: string; key: string }>(x.http().post('/api/v1/enrollment-keys').set(admin(x)).send({ name: `key-${x.n()}`, siteCode: 'S01' }), 'key'),
};

/** The principal whose own object a "self" variant names; anonymous and device callers get someone's. */
const selfName = (x: Ctx, c: Caller) => (isPrincipal(c) ? x.names[c] : x.names.readOnlyAnalyst);
const deviceOf = (x: Ctx, v: string) => (v === 'out' ? x.deviceB : x.deviceA);
const deviceNode = (x: Ctx, v: string) => (v === 'out' ? x.nodeB : x.nodeA);

// ---------------------------------------------------------------- REST rows

interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Extra assertion on a 2xx answer (e.g. a list narrowed to the scope); returns a complaint or undefined. */
  check?: (res: Response) => string | undefined;
}

interface RestRow {
  route: string;
  variants?: string[];
  /** Cells of this row run one after another (they reorder shared state, e.g. client settings priorities). */
  serial?: boolean;
  expect: (c: Caller, v: string) => Outcome;
  /** A 403 of this row must carry this code (REST problem code, or GraphQL userError code). */
  deniedCode?: string;
  /** live: the cell is expected to succeed, so it gets fresh objects to consume; otherwise it aims at stand-ins. */
  call: (x: Ctx, c: Caller, v: string, live: boolean) => Call | Promise<Call>;
}

const IN_OUT = ['in', 'out'];
const textOf = (res: Response) => (typeof res.text === 'string' ? res.text : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body));
const names = (res: Response) => ((res.body.value ?? []) as { name: string }[]).map((d) => d.name);
/** A device list for a scoped caller holds IN-SCOPE* and no OUT-SCOPE*; a full administrator's holds both. */
const scopedDeviceList = (c: Caller) => (res: Response) => {
  const got = names(res);
  if (!got.some((n) => n.startsWith('IN-SCOPE'))) return `lists no in-scope device: ${got.join(',')}`;
  const out = got.some((n) => n.startsWith('OUT-SCOPE'));
  if (c === FA ? !out : out) return `${c === FA ? 'misses' : 'leaks'} out-of-scope devices: ${got.join(',')}`;
  return undefined;
};

const REST: RestRow[] = [
  // audit
  { route: 'GET /api/v1/audit-records', expect: principalRoute(P.AuditRead), call: (x, c) => ({
    url: '/api/v1/audit-records?top=1000',
    check: (res) => {
      const rows = res.body.value as { deviceId: string | null; actor: string }[];
      if (!rows.some((r) => r.deviceId === x.deviceA)) return 'lists no audit record of device A';
      return c !== FA && rows.some((r) => r.deviceId === x.deviceB) ? 'lists audit records of an out-of-scope device' : undefined;
    },
  }) },
  { route: 'GET /api/v1/audit-records/verify', expect: principalRoute(P.AuditReadAll), call: () => ({ url: '/api/v1/audit-records/verify' }) },
  { route: 'GET /api/v1/audit-records/export', expect: principalRoute(P.AuditRead), call: (x, c) => ({
    url: '/api/v1/audit-records/export?format=ndjson',
    check: (res) => (c !== FA && textOf(res).includes(x.deviceB) ? 'exports audit records of an out-of-scope device' : undefined),
  }) },
  {
    // in: the operator's own sessionRequested on device A; out: the administrator's on device B.
    route: 'GET /api/v1/audit-records/:seq', variants: IN_OUT,
    expect: (c, v) => needs(c, P.AuditRead) ?? scoped(c, v) ?? '2xx',
    call: (x, c, v) => ({ url: `/api/v1/audit-records/${v === 'in' ? x.audit.opOnA : x.audit.adminOnB}` }),
  },

  // principals and tokens
  { route: 'GET /api/v1/me', expect: principalRoute(), call: () => ({ url: '/api/v1/me' }) },
  { route: 'GET /api/v1/principals', expect: principalRoute(P.PrincipalsRead), call: () => ({ url: '/api/v1/principals' }) },
  {
    // inScope: a principal scoped like the caller; widerScope: scoped to All Systems (beyond every scoped caller); fullAdmin: the role.
    route: 'POST /api/v1/principals', variants: ['inScope', 'widerScope', 'fullAdmin'],
    expect: (c, v) => needs(c, P.PrincipalsWrite) ?? notBeyondCaller(c, v) ?? '2xx',
    call: (x, _c, v) => ({ url: '/api/v1/principals', body: { name: `new-${x.n()}`, role: v === 'fullAdmin' ? FA : 'readOnlyAnalyst', scopeCollectionIds: v === 'widerScope' ? ['all-systems'] : [x.scope] } }),
  },
  {
    // self: the caller itself; other: another (non-administrator) principal, visible only with principals:read.
    route: 'GET /api/v1/principals/:name', variants: ['self', 'other'],
    expect: (c, v) => needs(c) ?? (v === 'other' && !hasPermission(c as Role, P.PrincipalsRead) ? 404 : '2xx'),
    call: (x, c, v) => ({ url: `/api/v1/principals/${v === 'self' ? selfName(x, c) : x.other}` }),
  },
  {
    route: 'PATCH /api/v1/principals/:name', variants: ['inScope', 'widerScope', 'fullAdmin'],
    expect: (c, v) => needs(c, P.PrincipalsWrite) ?? notBeyondCaller(c, v) ?? '2xx',
    call: async (x, _c, v, live) => ({
      url: `/api/v1/principals/${live ? await fresh.principal(x, v === 'fullAdmin' ? FA : 'readOnlyAnalyst', [x.scope]) : v === 'fullAdmin' ? x.admin2 : x.other}`,
      body: v === 'widerScope' ? { scopeCollectionIds: ['all-systems'] } : { displayName: 'Changed' },
    }),
  },
  {
    route: 'DELETE /api/v1/principals/:name', variants: ['inScope', 'fullAdmin'],
    expect: (c, v) => needs(c, P.PrincipalsWrite) ?? notBeyondCaller(c, v) ?? '2xx',
    call: async (x, _c, v, live) => ({ url: `/api/v1/principals/${live ? await fresh.principal(x, v === 'fullAdmin' ? FA : 'readOnlyAnalyst', [x.scope]) : v === 'fullAdmin' ? x.admin2 : x.other}` }),
  },
  {
    // Your own tokens, or (with principals:write) those of a principal you could have made yourself.
    route: 'GET /api/v1/principals/:name/tokens', variants: ['self', 'other', 'fullAdmin'],
    expect: (c, v) => needs(c) ?? (v === 'self' ? '2xx' : !hasPermission(c as Role, P.PrincipalsRead) ? 404 : !hasPermission(c as Role, P.PrincipalsWrite) ? 403 : notBeyondCaller(c, v) ?? '2xx'),
    call: (x, c, v) => ({ url: `/api/v1/principals/${v === 'self' ? selfName(x, c) : v === 'fullAdmin' ? x.admin2 : x.other}/tokens` }),
  },
  {
    route: 'POST /api/v1/principals/:name/tokens', variants: ['self', 'other', 'fullAdmin', 'strongerRole', 'widerScope'],
    expect: (c, v) => needs(c) ?? (v === 'self' ? '2xx' : !hasPermission(c as Role, P.PrincipalsRead) ? 404 : !hasPermission(c as Role, P.PrincipalsWrite) ? 403 : notBeyondCaller(c, v) ?? '2xx'),
    call: (x, c, v) => {
      const target = { self: selfName(x, c), other: x.other, fullAdmin: x.admin2, strongerRole: x.strong, widerScope: x.wide }[v];
      return { url: `/api/v1/principals/${target}/tokens`, body: { name: `minted-${x.n()}` } };
    },
  },
  {
    route: 'DELETE /api/v1/principals/:name/tokens/:id', variants: ['self', 'other', 'fullAdmin'],
    expect: (c, v) => needs(c) ?? (v === 'self' ? '2xx' : !hasPermission(c as Role, P.PrincipalsRead) ? 404 : !hasPermission(c as Role, P.PrincipalsWrite) ? 403 : notBeyondCaller(c, v) ?? '2xx'),
    call: async (x, c, v, live) => {
      const target = v === 'self' ? selfName(x, c) : v === 'fullAdmin' ? x.admin2 : x.other;
      if (live) return { url: `/api/v1/principals/${target}/tokens/${await fresh.token(x, target)}` };
      return { url: `/api/v1/principals/${target}/tokens/${target === x.admin2 ? x.standIn.admin2Token : x.standIn.otherToken}` };
    },
  },

  // sites
  { route: 'GET /api/v1/sites', expect: principalRoute(P.InventoryRead), call: () => ({ url: '/api/v1/sites' }) },
  { route: 'POST /api/v1/sites', expect: principalRoute(P.SitesWrite), call: (x) => ({ url: '/api/v1/sites', body: { code: `N${x.n().toString(36).toUpperCase().padStart(2, '0')}`, name: 'New', type: 'primary' } }) },
  { route: 'GET /api/v1/sites/:code', expect: principalRoute(P.InventoryRead), call: () => ({ url: '/api/v1/sites/S01' }) },
  { route: 'PATCH /api/v1/sites/:code', expect: principalRoute(P.SitesWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/sites/${live ? await fresh.site(x) : 'S01'}`, body: { name: 'Renamed' } }) },
  { route: 'DELETE /api/v1/sites/:code', expect: principalRoute(P.SitesWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/sites/${live ? await fresh.site(x) : 'S01'}` }) },

  // devices
  { route: 'POST /api/v1/devices/import', expect: principalRoute(P.InventoryWrite), call: (x) => ({ url: '/api/v1/devices/import', body: [{ name: `IN-SCOPE-${x.n()}`, siteCode: 'S01', joinType: 'workgroup', workgroup: 'WG' }] }) },
  { route: 'GET /api/v1/devices', expect: principalRoute(P.InventoryRead), call: (_x, c) => ({ url: '/api/v1/devices?top=1000', check: scopedDeviceList(c) }) },
  { route: 'POST /api/v1/devices', expect: principalRoute(P.InventoryWrite), call: (x) => ({ url: '/api/v1/devices', body: { name: `IN-SCOPE-${x.n()}`, siteCode: 'S01', joinType: 'workgroup', workgroup: 'WG' } }) },
  { route: 'GET /api/v1/devices/:id', variants: IN_OUT, expect: scopedRoute(P.InventoryRead), call: (x, _c, v) => ({ url: `/api/v1/devices/${deviceOf(x, v)}` }) },
  { route: 'PATCH /api/v1/devices/:id', variants: IN_OUT, expect: scopedRoute(P.InventoryWrite), call: (x, _c, v) => ({ url: `/api/v1/devices/${deviceOf(x, v)}`, body: { osVersion: `10.0.${x.n()}` } }) },
  { route: 'DELETE /api/v1/devices/:id', variants: IN_OUT, expect: scopedRoute(P.InventoryWrite), call: async (x, _c, v, live) => ({ url: `/api/v1/devices/${live ? await fresh.device(x, v === 'in' ? 'IN-SCOPE' : 'OUT-SCOPE') : deviceOf(x, v)}` }) },
  { route: 'GET /api/v1/devices/:id/resultant-settings', variants: IN_OUT, expect: scopedRoute(P.InventoryRead), call: (x, _c, v) => ({ url: `/api/v1/devices/${deviceOf(x, v)}/resultant-settings` }) },
  {
    route: 'GET /api/v1/devices/:id/collections', variants: IN_OUT, expect: scopedRoute(P.InventoryRead),
    call: (x, _c, v) => ({ url: `/api/v1/devices/${deviceOf(x, v)}/collections`, check: (res) => (v === 'in' && !(res.body.value as { id: string }[]).some((c) => c.id === x.scope) ? 'device A is not listed in its scope collection' : undefined) }),
  },

  // collections (visible to every reader; scope narrows members, and direct rules name devices)
  { route: 'GET /api/v1/collections', expect: principalRoute(P.InventoryRead), call: () => ({ url: '/api/v1/collections' }) },
  { route: 'POST /api/v1/collections', expect: principalRoute(P.CollectionsWrite), call: (x) => ({ url: '/api/v1/collections', body: { name: `made-${x.n()}` } }) },
  { route: 'GET /api/v1/collections/:id', expect: principalRoute(P.InventoryRead), call: (x) => ({ url: `/api/v1/collections/${x.outside}` }) },
  { route: 'PATCH /api/v1/collections/:id', expect: principalRoute(P.CollectionsWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/collections/${live ? await fresh.collection(x) : x.scratch}`, body: { description: 'changed' } }) },
  { route: 'DELETE /api/v1/collections/:id', expect: principalRoute(P.CollectionsWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/collections/${live ? await fresh.collection(x) : x.scratch}` }) },
  { route: 'GET /api/v1/collections/:id/rules', expect: principalRoute(P.InventoryRead), call: (x) => ({ url: `/api/v1/collections/${x.scope}/rules` }) },
  {
    route: 'POST /api/v1/collections/:id/rules', variants: IN_OUT, expect: scopedRoute(P.CollectionsWrite),
    call: async (x, _c, v, live) => ({ url: `/api/v1/collections/${live ? await fresh.collection(x) : x.scratch}/rules`, body: { type: 'direct', deviceId: deviceOf(x, v) } }),
  },
  {
    route: 'DELETE /api/v1/collections/:id/rules/:ruleId', expect: principalRoute(P.CollectionsWrite),
    call: async (x, _c, _v, live) => {
      if (!live) return { url: `/api/v1/collections/${x.scratch}/rules/${x.standIn.rule}` };
      const id = await fresh.collection(x);
      return { url: `/api/v1/collections/${id}/rules/${await fresh.rule(x, id)}` };
    },
  },
  { route: 'PUT /api/v1/collections/:id/members/:deviceId', variants: IN_OUT, expect: scopedRoute(P.CollectionsWrite), call: (x, _c, v) => ({ url: `/api/v1/collections/${x.scratch}/members/${deviceOf(x, v)}` }) },
  { route: 'DELETE /api/v1/collections/:id/members/:deviceId', variants: IN_OUT, expect: scopedRoute(P.CollectionsWrite), call: (x, _c, v) => ({ url: `/api/v1/collections/${x.scratch}/members/${deviceOf(x, v)}` }) },
  { route: 'POST /api/v1/collections/:id/evaluate', expect: principalRoute(P.CollectionsWrite), call: (x) => ({ url: `/api/v1/collections/${x.scope}/evaluate` }) },
  { route: 'GET /api/v1/collections/:id/members', expect: principalRoute(P.InventoryRead), call: (_x, c) => ({ url: '/api/v1/collections/all-systems/members?top=1000', check: scopedDeviceList(c) }) },

  // client settings (not scoped: they are definitions, deployed to collections)
  { route: 'GET /api/v1/client-settings', expect: principalRoute(P.ClientSettingsRead), call: () => ({ url: '/api/v1/client-settings' }) },
  { route: 'POST /api/v1/client-settings', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: (x) => ({ url: '/api/v1/client-settings', body: { name: `made-${x.n()}`, priority: 1000 + x.n(), remoteTools: null } }) },
  { route: 'GET /api/v1/client-settings/:id', expect: principalRoute(P.ClientSettingsRead), call: (x) => ({ url: `/api/v1/client-settings/${x.settings}` }) },
  {
    route: 'PATCH /api/v1/client-settings/:id', serial: true, expect: principalRoute(P.ClientSettingsWrite),
    call: async (x, _c, _v, live) => {
      const s = live ? await fresh.settings(x) : x.standIn.settings;
      return { url: `/api/v1/client-settings/${s.id}`, body: { description: 'changed' }, headers: { 'If-Match': s.etag } };
    },
  },
  {
    route: 'DELETE /api/v1/client-settings/:id', serial: true, expect: principalRoute(P.ClientSettingsWrite),
    call: async (x, _c, _v, live) => {
      const s = live ? await fresh.settings(x) : x.standIn.settings;
      return { url: `/api/v1/client-settings/${s.id}`, headers: { 'If-Match': s.etag } };
    },
  },
  { route: 'POST /api/v1/client-settings/:id/priority', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/client-settings/${(live ? await fresh.settings(x) : x.standIn.settings).id}/priority`, body: { priority: 9000 - x.n() } }) },
  { route: 'GET /api/v1/client-settings/:id/deployments', expect: principalRoute(P.ClientSettingsRead), call: (x) => ({ url: `/api/v1/client-settings/${x.settings}/deployments` }) },
  { route: 'PUT /api/v1/client-settings/:id/deployments/:collectionId', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/client-settings/${(live ? await fresh.settings(x) : x.standIn.settings).id}/deployments/${x.scratch}` }) },
  { route: 'DELETE /api/v1/client-settings/:id/deployments/:collectionId', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/client-settings/${(live ? await fresh.settings(x) : x.standIn.settings).id}/deployments/${x.scratch}` }) },
  { route: 'GET /api/v1/collections/:id/client-settings', expect: principalRoute(P.ClientSettingsRead), call: () => ({ url: '/api/v1/collections/all-systems/client-settings' }) },

  // sessions
  {
    // Policy order: rule 1 (in scope, else 404) before rule 2 (role may start sessions, else 403 roleNotAllowed).
    route: 'POST /api/v1/sessions', variants: IN_OUT, deniedCode: 'roleNotAllowed',
    expect: (c, v) => needs(c) ?? scoped(c, v) ?? (hasPermission(c as Role, P.SessionsStart) ? '2xx' : 403),
    call: (x, _c, v) => ({ url: '/api/v1/sessions', body: { deviceId: deviceOf(x, v), type: 'remoteControl', accessLevel: 'viewOnly' } }),
  },
  {
    // Explains the verdict (allowed or not) to anyone who may see the device.
    route: 'POST /api/v1/sessions/check', variants: IN_OUT, expect: scopedRoute(),
    call: (x, c, v) => ({
      url: '/api/v1/sessions/check', body: { deviceId: deviceOf(x, v), type: 'remoteControl', accessLevel: 'viewOnly' },
      check: (res) => (res.body.allowed !== hasPermission(c as Role, P.SessionsStart) ? `verdict allowed=${res.body.allowed} (${res.body.reason})` : undefined),
    }),
  },
  {
    route: 'GET /api/v1/sessions', expect: principalRoute(P.SessionsRead),
    call: (x, c) => ({ url: '/api/v1/sessions?top=1000', check: (res) => {
      const devices = (res.body.value as { deviceId: string }[]).map((s) => s.deviceId);
      if (!devices.includes(x.deviceA)) return 'misses sessions on device A';
      return (c === FA) !== devices.includes(x.deviceB) ? `${c === FA ? 'misses' : 'leaks'} sessions on device B` : undefined;
    } }),
  },
  { route: 'GET /api/v1/sessions/:id', variants: IN_OUT, expect: scopedRoute(P.SessionsRead), call: (x, _c, v) => ({ url: `/api/v1/sessions/${v === 'in' ? x.sessions.opA : x.sessions.faB}` }) },
  {
    // in: the caller's own ready session on A (the operator's where the caller has none); out: the administrator's on B.
    route: 'POST /api/v1/sessions/:id/viewer-ticket', variants: IN_OUT, expect: scopedRoute(P.SessionsStart),
    call: (x, c, v) => ({ url: `/api/v1/sessions/${v === 'out' ? x.sessions.faB : c === FA ? x.sessions.faA : x.sessions.opA}/viewer-ticket` }),
  },
  {
    // A fresh session each: in: the operator's on A (an administrator ends anyone's); out: the administrator's on B.
    route: 'POST /api/v1/sessions/:id/end', variants: IN_OUT, expect: scopedRoute(P.SessionsStart),
    call: async (x, _c, v, live) => ({ url: `/api/v1/sessions/${!live ? (v === 'in' ? x.sessions.opA : x.sessions.faB) : v === 'in' ? await fresh.session(x, x.tokens.remoteToolsOperator, x.deviceA) : await fresh.session(x, x.t.adminToken, x.deviceB)}/end` }),
  },

  // enrolment keys
  { route: 'GET /api/v1/enrollment-keys', expect: principalRoute(P.EnrollmentKeysWrite), call: () => ({ url: '/api/v1/enrollment-keys' }) },
  { route: 'POST /api/v1/enrollment-keys', expect: principalRoute(P.EnrollmentKeysWrite), call: (x) => ({ url: '/api/v1/enrollment-keys', body: { name: `k-${x.n()}`, siteCode: 'S01' } }) },
  { route: 'DELETE /api/v1/enrollment-keys/:id', expect: principalRoute(P.EnrollmentKeysWrite), call: async (x, _c, _v, live) => ({ url: `/api/v1/enrollment-keys/${live ? (await fresh.key(x)).id : x.standIn.key}` }) },

  // agent API: enrolment is public (the key is the credential); the rest takes a device token only
  { route: 'POST /api/v1/agent/enroll', expect: publicRoute(), call: async (x) => ({ url: '/api/v1/agent/enroll', body: { enrollmentKey: (await fresh.key(x)).key, name: `ENR-${x.n()}`, joinType: 'workgroup', workgroup: 'WG' } }) },
  { route: 'POST /api/v1/agent/heartbeat', expect: agentRoute, call: () => ({ url: '/api/v1/agent/heartbeat', body: { currentUser: 'CONTOSO\\carol' } }) },
  { route: 'GET /api/v1/agent/offers', expect: agentRoute, call: () => ({ url: '/api/v1/agent/offers?wait=0' }) },
  {
    // in: the session awaiting this device's user; out: a session on another device.
    route: 'POST /api/v1/agent/sessions/:id/consent', variants: IN_OUT, expect: agentRoute,
    call: (x, _c, v) => ({ url: `/api/v1/agent/sessions/${v === 'in' ? x.sessions.consentC : x.sessions.opA}/consent`, body: { granted: true } }),
  },

  // outside /api/v1, public by design: probes, metrics, API docs, the browser viewer
  { route: 'GET /healthz', expect: publicRoute(), call: () => ({ url: '/healthz' }) },
  { route: 'GET /readyz', expect: publicRoute(), call: () => ({ url: '/readyz' }) },
  { route: 'GET /metrics', expect: publicRoute(), call: () => ({ url: '/metrics' }) },
  { route: 'GET /openapi.json', expect: publicRoute(), call: () => ({ url: '/openapi.json' }) },
  { route: 'GET /openapi.yaml', expect: publicRoute(), call: () => ({ url: '/openapi.yaml' }) },
  { route: 'GET /docs', expect: publicRoute(), call: () => ({ url: '/docs' }) },
  { route: 'GET /docs/', expect: publicRoute(), call: () => ({ url: '/docs/' }) },
  { route: 'GET /docs/index.html', expect: publicRoute(), call: () => ({ url: '/docs/index.html' }) },
  // Swagger UI registers it, but swagger-ui-dist ships no LICENSE file: our 404, not an auth failure.
  { route: 'GET /docs/LICENSE', expect: publicRoute(404), call: () => ({ url: '/docs/LICENSE' }) },
  { route: 'GET /docs/swagger-ui-init.js', expect: publicRoute(), call: () => ({ url: '/docs/swagger-ui-init.js' }) },
  { route: 'GET /docs/docs/swagger-ui-init.js', expect: publicRoute(), call: () => ({ url: '/docs/docs/swagger-ui-init.js' }) },
  { route: 'GET /viewer', expect: publicRoute('3xx'), call: () => ({ url: '/viewer' }) },
  { route: 'GET /viewer/:file', expect: publicRoute(), call: () => ({ url: '/viewer/index.html' }) },
  { route: 'GET /viewer/novnc/*path', expect: publicRoute(), call: () => ({ url: '/viewer/novnc/core/rfb.js' }) },
];

// ---------------------------------------------------------------- GraphQL rows

interface GqlCall {
  query: string;
  variables?: Record<string, unknown>;
  check?: (data: Record<string, unknown>) => string | undefined;
}

interface GqlRow {
  field: string;
  kind: 'query' | 'mutation';
  variants?: string[];
  serial?: boolean;
  expect: (c: Caller, v: string) => Outcome;
  deniedCode?: string;
  call: (x: Ctx, c: Caller, v: string, live: boolean) => GqlCall | Promise<GqlCall>;
}

const q = (query: string, variables?: Record<string, unknown>, check?: GqlCall['check']): GqlCall => ({ query, variables, check });
const gqlDeviceNames = (c: Caller, list: { nodes: { name: string }[] } | undefined) => {
  const got = (list?.nodes ?? []).map((d) => d.name);
  if (!got.some((n) => n.startsWith('IN-SCOPE'))) return `no in-scope device: ${got.join(',')}`;
  const out = got.some((n) => n.startsWith('OUT-SCOPE'));
  return (c === FA ? !out : out) ? `${c === FA ? 'misses' : 'leaks'} out-of-scope devices: ${got.join(',')}` : undefined;
};

const GQL: GqlRow[] = [
  { field: 'me', kind: 'query', expect: principalRoute(), call: () => q('{ me { name } }') },
  { field: 'principals', kind: 'query', expect: principalRoute(P.PrincipalsRead), call: () => q('{ principals { totalCount } }') },
  {
    field: 'node', kind: 'query', variants: IN_OUT, expect: scopedRoute(),
    call: (x, _c, v) => q('query($id: ID!) { node(id: $id) { id ... on Device { name } } }', { id: deviceNode(x, v) }),
  },
  { field: 'sites', kind: 'query', expect: principalRoute(P.InventoryRead), call: () => q('{ sites { totalCount } }') },
  { field: 'site', kind: 'query', expect: principalRoute(P.InventoryRead), call: () => q('{ site(code: "S01") { code } }') },
  {
    field: 'devices', kind: 'query', expect: principalRoute(P.InventoryRead),
    call: (_x, c) => q('{ devices(first: 100) { nodes { name } } }', undefined, (d) => gqlDeviceNames(c, d.devices as { nodes: { name: string }[] })),
  },
  { field: 'device', kind: 'query', variants: IN_OUT, expect: scopedRoute(P.InventoryRead), call: (x, _c, v) => q('query($id: ID!) { device(id: $id) { name collections { totalCount } resultantSettings { sourceClientSettingsId } sessions { sessionId } } }', { id: deviceOf(x, v) }) },
  { field: 'collections', kind: 'query', expect: principalRoute(P.InventoryRead), call: () => q('{ collections { totalCount } }') },
  {
    field: 'collection', kind: 'query', expect: principalRoute(P.InventoryRead),
    call: (_x, c) => q('{ collection(id: "all-systems") { name members(first: 100) { nodes { name } } } }', undefined, (d) => gqlDeviceNames(c, (d.collection as { members: { nodes: { name: string }[] } }).members)),
  },
  { field: 'clientSettings', kind: 'query', expect: principalRoute(P.ClientSettingsRead), call: () => q('{ clientSettings { totalCount } }') },
  {
    field: 'sessions', kind: 'query', expect: principalRoute(P.SessionsRead),
    call: (x, c) => q('{ sessions(first: 100) { nodes { deviceId } } }', undefined, (d) => {
      const devices = ((d.sessions as { nodes: { deviceId: string }[] }).nodes).map((s) => s.deviceId);
      return (c === FA) !== devices.includes(x.deviceB) ? `${c === FA ? 'misses' : 'leaks'} sessions on device B` : undefined;
    }),
  },
  { field: 'session', kind: 'query', variants: IN_OUT, expect: scopedRoute(P.SessionsRead), call: (x, _c, v) => q('query($id: ID!) { session(id: $id) { state } }', { id: v === 'in' ? x.sessions.opA : x.sessions.faB }) },

  { field: 'createSite', kind: 'mutation', expect: principalRoute(P.SitesWrite), call: (x) => q('mutation($code: String!) { createSite(input: { code: $code, name: "G", type: PRIMARY }) { site { code } userErrors { code } } }', { code: `G${x.n().toString(36).toUpperCase().padStart(2, '0')}` }) },
  { field: 'updateSite', kind: 'mutation', expect: principalRoute(P.SitesWrite), call: async (x, _c, _v, live) => q('mutation($code: ID!) { updateSite(input: { code: $code, name: "Renamed" }) { site { code } userErrors { code } } }', { code: live ? await fresh.site(x) : 'S01' }) },
  { field: 'deleteSite', kind: 'mutation', expect: principalRoute(P.SitesWrite), call: async (x, _c, _v, live) => q('mutation($code: ID!) { deleteSite(input: { code: $code }) { deletedCode userErrors { code } } }', { code: live ? await fresh.site(x) : 'S01' }) },
  { field: 'createDevice', kind: 'mutation', expect: principalRoute(P.InventoryWrite), call: (x) => q('mutation($name: String!) { createDevice(input: { name: $name, siteCode: "S01", joinType: WORKGROUP, workgroup: "WG" }) { device { name } userErrors { code } } }', { name: `IN-SCOPE-${x.n()}` }) },
  { field: 'updateDevice', kind: 'mutation', variants: IN_OUT, expect: scopedRoute(P.InventoryWrite), call: (x, _c, v) => q('mutation($id: ID!, $os: String) { updateDevice(input: { id: $id, osVersion: $os }) { device { name } userErrors { code } } }', { id: deviceOf(x, v), os: `11.${x.n()}` }) },
  { field: 'deleteDevice', kind: 'mutation', variants: IN_OUT, expect: scopedRoute(P.InventoryWrite), call: async (x, _c, v, live) => q('mutation($id: ID!) { deleteDevice(input: { id: $id }) { deletedDeviceId userErrors { code } } }', { id: live ? await fresh.device(x, v === 'in' ? 'IN-SCOPE' : 'OUT-SCOPE') : deviceOf(x, v) }) },
  { field: 'importDevices', kind: 'mutation', expect: principalRoute(P.InventoryWrite), call: (x) => q('mutation($name: String!) { importDevices(input: { devices: [{ name: $name, siteCode: "S01", joinType: WORKGROUP, workgroup: "WG" }] }) { result { createdCount } userErrors { code } } }', { name: `IN-SCOPE-${x.n()}` }) },
  { field: 'createCollection', kind: 'mutation', expect: principalRoute(P.CollectionsWrite), call: (x) => q('mutation($name: String!) { createCollection(input: { name: $name }) { collection { name } userErrors { code } } }', { name: `gq-${x.n()}` }) },
  { field: 'updateCollection', kind: 'mutation', expect: principalRoute(P.CollectionsWrite), call: async (x, _c, _v, live) => q('mutation($id: ID!) { updateCollection(input: { id: $id, description: "changed" }) { collection { name } userErrors { code } } }', { id: live ? await fresh.collection(x) : x.scratch }) },
  { field: 'deleteCollection', kind: 'mutation', expect: principalRoute(P.CollectionsWrite), call: async (x, _c, _v, live) => q('mutation($id: ID!) { deleteCollection(input: { id: $id }) { deletedCollectionId userErrors { code } } }', { id: live ? await fresh.collection(x) : x.scratch }) },
  {
    field: 'addCollectionRule', kind: 'mutation', variants: IN_OUT, expect: scopedRoute(P.CollectionsWrite),
    call: async (x, _c, v, live) => q('mutation($id: ID!, $device: ID) { addCollectionRule(input: { id: $id, type: DIRECT, deviceId: $device }) { result { rule { id } } userErrors { code } } }', { id: live ? await fresh.collection(x) : x.scratch, device: deviceOf(x, v) }),
  },
  {
    field: 'removeCollectionRule', kind: 'mutation', expect: principalRoute(P.CollectionsWrite),
    call: async (x, _c, _v, live) => {
      if (!live) return q('mutation($id: ID!, $rule: ID!) { removeCollectionRule(input: { id: $id, ruleId: $rule }) { result { collection { name } } userErrors { code } } }', { id: x.scratch, rule: x.standIn.rule });
      const id = await fresh.collection(x);
      return q('mutation($id: ID!, $rule: ID!) { removeCollectionRule(input: { id: $id, ruleId: $rule }) { result { collection { name } } userErrors { code } } }', { id, rule: await fresh.rule(x, id) });
    },
  },
  { field: 'evaluateCollection', kind: 'mutation', expect: principalRoute(P.CollectionsWrite), call: (x) => q('mutation($id: ID!) { evaluateCollection(input: { id: $id }) { collection { name } userErrors { code } } }', { id: x.scope }) },
  { field: 'createClientSettings', kind: 'mutation', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: (x) => q('mutation($name: String!, $p: Int) { createClientSettings(input: { name: $name, priority: $p }) { clientSettings { name } userErrors { code } } }', { name: `gq-${x.n()}`, p: 1000 + x.n() }) },
  {
    field: 'updateClientSettings', kind: 'mutation', serial: true, expect: principalRoute(P.ClientSettingsWrite),
    call: async (x, _c, _v, live) => {
      const s = live ? await fresh.settings(x) : x.standIn.settings;
      return q('mutation($id: ID!, $etag: String!) { updateClientSettings(input: { id: $id, etag: $etag, description: "changed" }) { clientSettings { name } userErrors { code } } }', { id: s.id, etag: s.etag });
    },
  },
  { field: 'deployClientSettings', kind: 'mutation', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: async (x, _c, _v, live) => q('mutation($id: ID!, $c: ID!) { deployClientSettings(input: { clientSettingsId: $id, collectionId: $c }) { clientSettings { name } userErrors { code } } }', { id: (live ? await fresh.settings(x) : x.standIn.settings).id, c: x.scratch }) },
  { field: 'setClientSettingsPriority', kind: 'mutation', serial: true, expect: principalRoute(P.ClientSettingsWrite), call: async (x, _c, _v, live) => q('mutation($id: ID!, $p: Int!) { setClientSettingsPriority(input: { id: $id, priority: $p }) { clientSettings { name } userErrors { code } } }', { id: (live ? await fresh.settings(x) : x.standIn.settings).id, p: 9000 - x.n() }) },
  {
    field: 'startSession', kind: 'mutation', variants: IN_OUT, deniedCode: 'roleNotAllowed',
    expect: (c, v) => needs(c) ?? scoped(c, v) ?? (hasPermission(c as Role, P.SessionsStart) ? '2xx' : 403),
    call: (x, _c, v) => q('mutation($d: ID!) { startSession(input: { deviceId: $d, accessLevel: VIEW_ONLY }) { session { state } userErrors { code } } }', { d: deviceOf(x, v) }),
  },
  {
    // GraphQL reports a denying verdict as a userError with the policy reason (REST answers 200 with allowed: false).
    field: 'checkSession', kind: 'mutation', variants: IN_OUT, deniedCode: 'roleNotAllowed',
    expect: (c, v) => needs(c) ?? scoped(c, v) ?? (hasPermission(c as Role, P.SessionsStart) ? '2xx' : 403),
    call: (x, _c, v) => q('mutation($d: ID!) { checkSession(input: { deviceId: $d, accessLevel: VIEW_ONLY }) { allowed reason userErrors { code } } }', { d: deviceOf(x, v) }),
  },
  {
    field: 'endSession', kind: 'mutation', variants: IN_OUT, expect: scopedRoute(P.SessionsStart),
    call: async (x, _c, v, live) => q('mutation($id: ID!) { endSession(input: { id: $id }) { session { state } userErrors { code } } }', { id: !live ? (v === 'in' ? x.sessions.opA : x.sessions.faB) : v === 'in' ? await fresh.session(x, x.tokens.remoteToolsOperator, x.deviceA) : await fresh.session(x, x.t.adminToken, x.deviceB) }),
  },
];

// ---------------------------------------------------------------- discovery

function discoverGraphQlFields(app: NestExpressApplication): string[] {
  const schema = app.get(GraphQLSchemaHost).schema;
  return [
    ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `query ${f}`),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `mutation ${f}`),
  ].sort();
}

// ---------------------------------------------------------------- running cells

const STACK = /\bat [^\s"]+ \(|node_modules/;

function classOf(status: number): Outcome | number {
  if (status >= 200 && status < 300) return '2xx';
  if (status >= 300 && status < 400) return '3xx';
  return status;
}

function authFor(x: Ctx, c: Caller): Record<string, string> {
  if (c === 'anonymous') return {};
  return bearer(c === 'device' ? x.deviceToken : x.tokens[c]);
}

async function runRest(x: Ctx, row: RestRow, c: Caller, v: string): Promise<string | undefined> {
  const expected = row.expect(c, v);
  const call = await row.call(x, c, v, expected === '2xx');
  const [method] = row.route.split(' ');
  let req = x.http()[method.toLowerCase() as 'get'](call.url).set({ ...authFor(x, c), ...(call.headers ?? {}) });
  if (call.body !== undefined) req = req.send(call.body as object);
  const res = await req;
  const where = `${row.route} [${c}${v ? `, ${v}` : ''}]`;
  const actual = classOf(res.status);
  if (actual !== expected) return `${where}: expected ${expected}, got ${res.status} ${String(res.body?.code ?? '')} ${res.status >= 400 ? String(res.body?.detail ?? '').slice(0, 120) : ''}`.trim();
  if (res.status >= 400) {
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) return `${where}: ${res.status} is not problem+json`;
    if (typeof res.body?.code !== 'string') return `${where}: ${res.status} problem without a code`;
    if (STACK.test(res.text)) return `${where}: ${res.status} leaks internals`;
    if (res.status === 401 && !/^Bearer/.test(String(res.headers['www-authenticate']))) return `${where}: 401 without WWW-Authenticate: Bearer`;
    if (res.status === 403 && row.deniedCode && (res.body.code !== row.deniedCode || res.body.reason !== row.deniedCode)) return `${where}: 403 ${res.body.code}/${res.body.reason}, expected ${row.deniedCode}`;
  }
  if (actual === '2xx' && call.check) {
    const complaint = call.check(res);
    if (complaint) return `${where}: ${complaint}`;
  }
  return undefined;
}

const NOT_FOUND_CODES = new Set(['notFound']);
const FORBIDDEN_CODES = new Set(['forbidden', 'roleNotAllowed', 'notSessionViewer']);

async function runGql(x: Ctx, row: GqlRow, c: Caller, v: string): Promise<string | undefined> {
  const expected = row.expect(c, v);
  const call = await row.call(x, c, v, expected === '2xx');
  const res = await x.http().post('/graphql').set(authFor(x, c)).send({ query: call.query, variables: call.variables ?? {} });
  const where = `graphql ${row.kind} ${row.field} [${c}${v ? `, ${v}` : ''}]`;
  const body = res.body as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
  if (STACK.test(res.text)) return `${where}: leaks internals`;
  let actual: Outcome | string;
  let deniedWith: string | undefined;
  const topCode = body.errors?.[0]?.extensions?.code;
  const value = body.data?.[row.field] as { userErrors?: { code: string }[] } | null | undefined;
  if (topCode) {
    actual = topCode === 'missingToken' || topCode === 'invalidToken' ? 401 : FORBIDDEN_CODES.has(topCode) ? 403 : `error ${topCode}: ${body.errors?.[0].message}`;
    deniedWith = topCode;
  } else if (value === null || value === undefined) {
    actual = 404;
  } else if (value.userErrors?.length) {
    const code = value.userErrors[0].code;
    deniedWith = code;
    actual = NOT_FOUND_CODES.has(code) ? 404 : FORBIDDEN_CODES.has(code) ? 403 : `userError ${code}`;
  } else {
    actual = '2xx';
  }
  if (actual !== expected) return `${where}: expected ${expected}, got ${actual}`;
  if (actual === 403 && row.deniedCode && deniedWith !== row.deniedCode) return `${where}: denied with ${deniedWith}, expected ${row.deniedCode}`;
  if (actual === '2xx' && call.check && body.data) {
    const complaint = call.check(body.data);
    if (complaint) return `${where}: ${complaint}`;
  }
  return undefined;
}

async function runRows<R extends { variants?: string[]; serial?: boolean }>(rows: R[], cell: (row: R, c: Caller, v: string) => Promise<string | undefined>): Promise<{ failures: string[]; cells: number }> {
  const failures: string[] = [];
  let cells = 0;
  const guard = (row: R, c: Caller, v: string) => cell(row, c, v).then((f) => f && failures.push(f), (e: Error) => failures.push(`${JSON.stringify(row).slice(0, 80)} [${c}, ${v}]: threw ${e.message}`));
  // Rows run four at a time and the cells of a row together, except serial rows: those run one at a
  // time, cell by cell, and never alongside another serial row (moving a priority renumbers others).
  const queue = [...rows];
  let serialTurn = Promise.resolve();
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const current = row;
      const pairs = CALLERS.flatMap((c) => (current.variants ?? ['']).map((v) => [c, v] as const));
      cells += pairs.length;
      const started = Date.now();
      if (current.serial) {
        const mine = serialTurn.then(async () => {
          for (const [c, v] of pairs) await guard(current, c, v);
        });
        serialTurn = mine;
        await mine;
      } else await Promise.all(pairs.map(([c, v]) => guard(current, c, v)));
      if (process.env.MATRIX_TIMING) process.stdout.write(`${Date.now() - started}ms ${JSON.stringify(current).slice(0, 60)}\n`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { failures, cells };
}

// ---------------------------------------------------------------- the test

describe('authorization matrix', () => {
  let t: TestApp;
  let x: Ctx;

  beforeAll(async () => {
    t = await startTestApp({
      // Nothing may expire or go stale while the matrix runs, and rate limits are another test's subject.
      RELAY_NODE_TIMEOUT_SECONDS: '3600', TICKET_TTL_SECONDS: '300', CONSENT_TIMEOUT_SECONDS: '600', AGENT_OFFLINE_AFTER_SECONDS: '3600',
      RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000', AUTH_FAILURES_PER_MINUTE: '1000000',
    });
    const base = await t.listen();
    const f = new Fixtures(t);
    let counter = 0;
    await f.site('S01');
    await f.relayNode();
    const scope = await f.collection('Scope', "startswith(name,'IN-SCOPE')");
    const outside = await f.collection('Outside', "startswith(name,'OUT-SCOPE')");
    const agentOnly = await f.collection('Agent C', "name eq 'AGENT-C'");
    const scratch = await f.collection('Scratch');
    // Everyone in RC-Viewers (and admin) may view; no prompt, so sessions are ready at once — except on AGENT-C, which asks its user.
    const settings = await f.settings({ enableRemoteControl: true, promptUserForPermission: false, permittedViewers: ['RC-Viewers', 'admin'] }, 'all-systems', 100);
    await f.settings({ enableRemoteControl: true, promptUserForPermission: true, permittedViewers: ['admin'] }, agentOnly, 50);
    const [a, b, cAgent] = await Promise.all([f.agent('IN-SCOPE-A'), f.agent('OUT-SCOPE-B'), f.agent('AGENT-C')]);
    const names: Record<Role, string> = { fullAdministrator: 'admin', remoteToolsOperator: 'sec-operator', readOnlyAnalyst: 'sec-analyst', infrastructureAdministrator: 'sec-infra' };
    const tokens = { fullAdministrator: t.adminToken } as Record<Role, string>;
    for (const role of ROLES.filter((r) => r !== FA)) tokens[role] = await f.principal(names[role], role, [scope], ['RC-Viewers']);
    const nodeOf = async (id: string) => (await ok<{ nodeId: string }>(t.http().get(`/api/v1/devices/${id}`).set(bearer(t.adminToken)), 'device')).nodeId;
    const [other, strong, wide, admin2] = ['sec-other', 'sec-strong', 'sec-wide', 'sec-admin2'];
    await f.principal(other, 'readOnlyAnalyst', [scope]);
    await f.principal(strong, 'remoteToolsOperator', [scope]);
    await f.principal(wide, 'readOnlyAnalyst', ['all-systems']);
    await f.principal(admin2, FA);
    const tokenIdOf = async (name: string) => ((await ok<{ value: { id: string }[] }>(t.http().get(`/api/v1/principals/${name}/tokens`).set(bearer(t.adminToken)), 'tokens')).value[0].id);
    x = {
      t, http: () => request(base), f, tokens, names, other, strong, wide, admin2, scope,
      standIn: { otherToken: await tokenIdOf(other), admin2Token: await tokenIdOf(admin2), rule: '', key: '', settings: { id: '', etag: '' } }, outside, scratch, settings: settings.id,
      deviceToken: cAgent.deviceToken, deviceA: a.deviceId, deviceB: b.deviceId, deviceC: cAgent.deviceId,
      nodeA: await nodeOf(a.deviceId), nodeB: await nodeOf(b.deviceId),
      sessions: { faA: '', faB: '', opA: '', consentC: '' },
      audit: { opOnA: '', adminOnB: '' },
      n: () => ++counter,
    };
    x.standIn.rule = await fresh.rule(x, scratch);
    x.standIn.key = (await fresh.key(x)).id;
    x.standIn.settings = await fresh.settings(x);
    x.sessions = {
      faA: await fresh.session(x, t.adminToken, a.deviceId),
      faB: await fresh.session(x, t.adminToken, b.deviceId),
      opA: await fresh.session(x, tokens.remoteToolsOperator, a.deviceId),
      consentC: await fresh.session(x, t.adminToken, cAgent.deviceId),
    };
    const seqOf = async (sessionId: string) =>
      ((await t.dataSource.query(`SELECT seq FROM audit_records WHERE session_id = $1 AND type = 'sessionRequested'`, [sessionId])) as { seq: string }[])[0].seq;
    x.audit = { opOnA: await seqOf(x.sessions.opA), adminOnB: await seqOf(x.sessions.faB) };
  }, 120_000);

  afterAll(() => t?.close());

  it('gives every route and GraphQL field, for every caller and scope, the answer roles.ts and the domain call for', async () => {
    const problems: string[] = [];

    // Completeness: a served route or field without a row fails, and so does a row for something no longer served.
    const served = discoverRestRoutes(t.app);
    const rows = REST.map((r) => r.route);
    const duplicates = rows.filter((r, i) => rows.indexOf(r) !== i);
    problems.push(...served.filter((r) => !rows.includes(r)).map((r) => `no matrix row for served route ${r}`));
    problems.push(...rows.filter((r) => !served.includes(r)).map((r) => `matrix row for a route that is not served: ${r}`));
    problems.push(...duplicates.map((r) => `two matrix rows for ${r}`));
    expect(served.filter((r) => r.includes('/api/v1/')).length).toBeGreaterThan(50);
    const fields = discoverGraphQlFields(t.app);
    const gqlRows = GQL.map((r) => `${r.kind} ${r.field}`);
    problems.push(...fields.filter((f) => !gqlRows.includes(f)).map((f) => `no matrix row for GraphQL ${f}`));
    problems.push(...gqlRows.filter((f) => !fields.includes(f)).map((f) => `matrix row for a GraphQL field that is not served: ${f}`));

    const rest = await runRows(REST.filter((r) => served.includes(r.route)), (row, c, v) => runRest(x, row, c, v));
    const gql = await runRows(GQL.filter((r) => fields.includes(`${r.kind} ${r.field}`)), (row, c, v) => runGql(x, row, c, v));
    problems.push(...rest.failures.sort(), ...gql.failures.sort());
    process.stdout.write(`authorization matrix: ${REST.length} routes / ${rest.cells} REST cells, ${GQL.length} GraphQL fields / ${gql.cells} cells, ${CALLERS.length} callers\n`);

    expect(problems).toEqual([]);
  }, 240_000); // generous: the matrix is ~1,000 requests, and shared CI runners are slow
});
