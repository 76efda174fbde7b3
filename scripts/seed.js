#!/usr/bin/env node
// Builds a realistic inventory for development and benchmarks:
//   npm run seed -- --devices 100000 [--collections 200] [--reset]
// A central site, 3 primaries, 6 secondaries, devices with domain and
// workgroup joins and logged-on users, query/include/exclude collections,
// then one full membership evaluation. Uses DATABASE_URL, or the embedded
// PostgreSQL in DATA_DIR (as `npm start` does). Writes straight to the
// tables, in bulk, so it records no audit events.
'use strict';
const { randomUUID } = require('node:crypto');
const { DataSource } = require('typeorm');
const { loadConfig } = require('../dist/config/config.loader');
const { resolveDatabase } = require('../dist/server');
const { dataSourceOptions } = require('../dist/database/data-source.options');
const { deviceFields } = require('../dist/devices/device-fields');
const { lockMembership } = require('../dist/collections/membership/membership-lock');
const { loadMembershipState } = require('../dist/collections/membership/membership-state');
const { evaluateCollection } = require('../dist/collections/membership/membership-evaluator');

const ROWS_PER_INSERT = 5000;
const SITES = [
  { code: 'CAS', name: 'Central administration site', type: 'central', parent: null },
  { code: 'P01', name: 'Primary Paris', type: 'primary', parent: 'CAS' },
  { code: 'P02', name: 'Primary London', type: 'primary', parent: 'CAS' },
  { code: 'P03', name: 'Primary New York', type: 'primary', parent: 'CAS' },
  { code: 'S11', name: 'Secondary Lyon', type: 'secondary', parent: 'P01' },
  { code: 'S12', name: 'Secondary Lille', type: 'secondary', parent: 'P01' },
  { code: 'S21', name: 'Secondary Leeds', type: 'secondary', parent: 'P02' },
  { code: 'S22', name: 'Secondary Bristol', type: 'secondary', parent: 'P02' },
  { code: 'S31', name: 'Secondary Boston', type: 'secondary', parent: 'P03' },
  { code: 'S32', name: 'Secondary Newark', type: 'secondary', parent: 'P03' },
];
const DEVICE_SITES = SITES.filter((s) => s.type !== 'central').map((s) => s.code);
const DEPARTMENTS = ['FIN', 'HR', 'ENG', 'OPS', 'SAL', 'LAB', 'KSK', 'SRV'];
const DOMAINS = [{ dns: 'contoso.com', netbios: 'CONTOSO' }, { dns: 'fabrikam.local', netbios: 'FABRIKAM' }];
const SYSTEMS = [
  { osName: 'Microsoft Windows 11 Enterprise', osVersion: '10.0.22631' },
  { osName: 'Microsoft Windows 10 Enterprise', osVersion: '10.0.19045' },
  { osName: 'Microsoft Windows Server 2022 Standard', osVersion: '10.0.20348' },
  { osName: 'Ubuntu 22.04 LTS', osVersion: '22.04' },
];
const CLIENTS = ['5.00.9122.1000', '5.00.9128.1000', '5.00.9132.1000'];

function options(argv) {
  const out = { devices: 10000, collections: 200, reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reset') out.reset = true;
    else if (arg === '--devices' || arg === '--collections') out[arg.slice(2)] = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}; use --devices N, --collections N, --reset`);
  }
  if (!Number.isInteger(out.devices) || out.devices < 1 || out.devices > 5_000_000) throw new Error('--devices must be 1 to 5,000,000');
  if (!Number.isInteger(out.collections) || out.collections < 40 || out.collections > 5000) throw new Error('--collections must be 40 to 5000');
  return out;
}

/** A small seeded PRNG, so the same arguments give the same inventory. */
function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (list) => list[Math.floor(next() * list.length)], chance: (p) => next() < p };
}

function device(i, rnd, now) {
  const department = rnd.pick(DEPARTMENTS);
  const server = department === 'SRV';
  const system = server ? SYSTEMS[2] : rnd.chance(0.06) ? SYSTEMS[3] : rnd.pick(SYSTEMS.slice(0, 2));
  const workgroup = department === 'LAB' || department === 'KSK' ? rnd.chance(0.7) : rnd.chance(0.03);
  const domain = rnd.pick(DOMAINS);
  const online = rnd.chance(0.35);
  const site = rnd.next() * DEVICE_SITES.length;
  const user = !server && rnd.chance(0.6) ? `${workgroup ? 'WORKGROUP' : domain.netbios}\\user${Math.floor(rnd.next() * 5000)}` : null;
  return {
    id: randomUUID(),
    name: `${department}-${server ? 'SV' : 'WS'}-${String(i).padStart(6, '0')}`,
    site_code: DEVICE_SITES[Math.floor(site)],
    join_type: workgroup ? 'workgroup' : 'domain',
    domain: workgroup ? null : domain.dns,
    workgroup: workgroup ? (department === 'LAB' ? 'LAB' : 'WORKGROUP') : null,
    os_name: system.osName,
    os_version: system.osVersion,
    client_version: rnd.pick(CLIENTS),
    client_active: rnd.chance(0.95),
    logged_on_user: user,
    local_administrators: workgroup ? ['BUILTIN\\Administrators'] : [`${domain.netbios}\\Domain Admins`, `${domain.netbios}\\Helpdesk`],
    ip_addresses: [`10.${1 + Math.floor(site)}.${Math.floor(rnd.next() * 256)}.${1 + Math.floor(rnd.next() * 254)}`],
    last_seen_at: new Date(now - (online ? rnd.next() * 60_000 : 120_000 + rnd.next() * 172_800_000)).toISOString(),
  };
}

async function insertDevices(tx, count, rnd) {
  const now = Date.now();
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + ROWS_PER_INSERT); i++) rows.push(device(i, rnd, now));
    await tx.query(
      `INSERT INTO devices (id, name, site_code, join_type, domain, workgroup, os_name, os_version, client_version, client_active,
                            logged_on_user, local_administrators, ip_addresses, last_seen_at, version)
       SELECT id, name, site_code, join_type, domain, workgroup, os_name, os_version, client_version, client_active,
              logged_on_user, local_administrators, ip_addresses, last_seen_at, 1
         FROM json_to_recordset($1::json) AS r(id uuid, name text, site_code text, join_type text, domain text, workgroup text,
              os_name text, os_version text, client_version text, client_active boolean, logged_on_user text,
              local_administrators text[], ip_addresses text[], last_seen_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}

/** Base query collections first, then composites that only reference earlier ones (so no loops). */
function collectionPlan(total, rnd) {
  const base = [
    ...DEVICE_SITES.map((code) => ({ name: `Site ${code}`, rules: [{ type: 'query', filter: `siteCode eq '${code}'` }], site: true })),
    ...DEPARTMENTS.map((d) => ({ name: `Department ${d}`, rules: [{ type: 'query', filter: `startswith(name,'${d}-')` }] })),
    ...SYSTEMS.map((s) => ({ name: s.osName, rules: [{ type: 'query', filter: `osName eq '${s.osName}'` }] })),
    { name: 'Domain joined', rules: [{ type: 'query', filter: "joinType eq 'domain'" }] },
    { name: 'Workgroup', rules: [{ type: 'query', filter: "joinType eq 'workgroup'" }] },
    ...DOMAINS.map((d) => ({ name: `Domain ${d.dns}`, rules: [{ type: 'query', filter: `domain eq '${d.dns}'` }] })),
    { name: 'Unattended', rules: [{ type: 'query', filter: 'currentUser eq null' }] },
    { name: 'Client inactive', rules: [{ type: 'query', filter: 'clientActive eq false' }] },
    ...CLIENTS.map((c) => ({ name: `Client ${c}`, rules: [{ type: 'query', filter: `clientVersion eq '${c}'` }] })),
    { name: 'Helpdesk administered', rules: [{ type: 'query', filter: "localAdministrators eq 'CONTOSO\\Helpdesk'" }] },
  ];
  const plan = base.map((c) => ({ ...c, id: randomUUID(), limiting: 'all-systems' }));
  const sites = plan.filter((c) => c.site);
  const others = plan.filter((c) => !c.site);
  for (let n = plan.length; n < total; n++) {
    const earlier = plan.filter((c) => !c.site);
    const rules = [{ type: 'include', ref: rnd.pick(earlier).id }];
    if (rnd.chance(0.5)) rules.push({ type: 'include', ref: rnd.pick(earlier).id });
    if (rnd.chance(0.6)) rules.push({ type: 'exclude', ref: rnd.pick(others).id });
    if (rnd.chance(0.2)) rules.push({ type: 'query', filter: `startswith(name,'${rnd.pick(DEPARTMENTS)}-WS-00')` });
    const limiting = rnd.chance(0.8) ? rnd.pick(sites).id : 'all-systems';
    const unique = rules.filter((r, i) => !r.ref || rules.findIndex((o) => o.type === r.type && o.ref === r.ref) === i);
    plan.push({ id: randomUUID(), name: `Composite ${String(n).padStart(4, '0')}`, rules: unique, limiting });
  }
  return plan;
}

async function insertCollections(tx, plan) {
  await tx.query(
    `INSERT INTO collections (id, name, description, limiting_collection_id, built_in, member_count, version)
     SELECT id, name, 'Seeded', limiting, false, 0, 1 FROM json_to_recordset($1::json) AS r(id text, name text, limiting text)`,
    [JSON.stringify(plan.map(({ id, name, limiting }) => ({ id, name, limiting })))],
  );
  const rules = plan.flatMap((c) => c.rules.map((r) => ({ collection_id: c.id, type: r.type, ref: r.ref ?? null, filter: r.filter ?? null })));
  await tx.query(
    `INSERT INTO collection_rules (collection_id, type, ref_collection_id, filter)
     SELECT collection_id, type, ref, filter FROM json_to_recordset($1::json) AS r(collection_id text, type text, ref text, filter text)`,
    [JSON.stringify(rules)],
  );
  return rules.length;
}

async function main() {
  const args = options(process.argv.slice(2));
  const config = loadConfig(process.env);
  const { config: resolved, embedded } = await resolveDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(resolved.databaseUrl));
  const rnd = random(20261124);
  const started = Date.now();
  const step = (what) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${what}`);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.transaction(async (tx) => {
      await lockMembership(tx);
      await tx.query("SET LOCAL work_mem = '64MB'");
      const [{ n }] = await tx.query('SELECT count(*)::int AS n FROM sites');
      if (n > 0 && !args.reset) throw new Error('The inventory is not empty; run again with --reset to replace it.');
      if (args.reset) {
        // Foreign keys RESTRICT within one statement: unhook rules and limiting collections first.
        await tx.query('DELETE FROM collection_rules');
        await tx.query("UPDATE collections SET limiting_collection_id = 'all-systems' WHERE NOT built_in");
        await tx.query('DELETE FROM collections WHERE NOT built_in');
        await tx.query('DELETE FROM devices');
        for (const type of ['secondary', 'primary', 'central']) await tx.query('DELETE FROM sites WHERE type = $1', [type]);
        await tx.query('UPDATE collections SET member_count = 0');
      }
      for (const s of SITES) {
        await tx.query('INSERT INTO sites (code, name, type, parent_code, version) VALUES ($1, $2, $3, $4, 1)', [s.code, s.name, s.type, s.parent]);
      }
      step(`${SITES.length} sites`);
      await insertDevices(tx, args.devices, rnd);
      step(`${args.devices} devices`);
      const plan = collectionPlan(args.collections - 1, rnd);
      const rules = await insertCollections(tx, plan);
      step(`${plan.length} collections (+ All Systems), ${rules} rules`);
      await tx.query('ANALYZE devices');
      const state = await loadMembershipState(tx);
      const fields = deviceFields(config.agentOfflineAfterSeconds);
      const now = new Date();
      // A bulk load: build the device-side index once at the end instead of row by row
      // (same definition as the AddInventory migration).
      await tx.query('DROP INDEX "IDX_collection_members_device"');
      for (const id of state.graph.evaluationOrder()) await evaluateCollection(tx, state.definitions.get(id), fields, undefined, now);
      await tx.query('CREATE INDEX "IDX_collection_members_device" ON "collection_members" ("device_id", "collection_id")');
      const [{ m }] = await tx.query('SELECT count(*)::int AS m FROM collection_members');
      step(`membership evaluated: ${m} memberships`);
    });
    await dataSource.query('ANALYZE');
    step('done');
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
