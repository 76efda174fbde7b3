#!/usr/bin/env node
// `npm run cluster`: the multi-node topology of docker-compose.yml as processes on 127.0.0.1 —
// PostgreSQL (embedded, or DATABASE_URL), two API nodes (RCGATE_ROLE=api), two standalone relay
// nodes (RCGATE_ROLE=relay) and Caddy with deploy/Caddyfile in front of them. Prints the proxy URL
// and the admin token; Ctrl-C (or SIGTERM) stops everything, by PID.
//
//   npm run cluster [-- --port 18080] [--data-dir DIR] [--relay-node-timeout 15]
//
// Also a small programmatic API (startCluster) for test/cluster/cluster.spec.ts; see cluster.d.ts.
'use strict';
/* global fetch, AbortSignal, setTimeout, clearTimeout, setInterval, clearInterval */
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'rcgate.js');
const CADDYFILE = join(ROOT, 'deploy', 'Caddyfile');
const HOST = '127.0.0.1';
const STOP_GRACE_MS = 15_000;

class ClusterError extends Error {}

/** Children still running; killed (by PID) if this process exits without stopping them. */
const liveChildren = new Set();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

function freePort() {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it returns true; throws `what` after `timeoutMs`. */
async function eventually(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new ClusterError(`${what} not within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(200);
  }
}

async function status(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  await response.arrayBuffer();
  return response.status;
}

function findCaddy(binary) {
  const probe = spawnSync(binary, ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new ClusterError(
      `the reverse proxy, Caddy, is not installed (\`${binary} version\` failed): install it with \`apt-get install -y caddy\` ` +
        '(Debian/Ubuntu), or put a caddy binary on PATH',
    );
  }
  return probe.stdout.trim();
}

/**
 * One child process of the cluster: its output goes to logs/<name>.log (and is kept in memory
 * until `ready` matched); it is stopped by its PID.
 */
class Node {
  constructor({ name, role, command, args, env, cwd, port, url, logDir, ready }) {
    Object.assign(this, { name, role, command, args, env, cwd: cwd ?? ROOT, port, url, logFile: join(logDir, `${name}.log`), readyPattern: ready });
    this.process = undefined;
  }

  get pid() {
    return this.process?.pid;
  }

  get running() {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Spawns the process and resolves once its output matches the ready pattern. */
  start(timeoutMs = 120_000) {
    // A process group of its own: a terminal's Ctrl-C reaches only this script, which then stops
    // each node once, in order (a second signal would make an rcgate node exit at once).
    const child = spawn(this.command, this.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], cwd: this.cwd, detached: true });
    liveChildren.add(child);
    child.once('exit', () => liveChildren.delete(child));
    this.process = child;
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    const log = createWriteStream(this.logFile, { flags: 'a' });
    let head = '';
    this.output = () => head;
    const onData = (chunk) => {
      log.write(chunk);
      if (head.length < 64 * 1024) head += chunk.toString();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => log.end());
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new ClusterError(`${this.name} did not start within ${timeoutMs / 1000} s; see ${this.logFile}:\n${head.slice(-2000)}`)), timeoutMs);
      const poll = setInterval(() => {
        if (!this.readyPattern.test(head)) return;
        clearInterval(poll);
        clearTimeout(timer);
        done(this);
      }, 50);
      child.once('exit', (code, signal) => {
        clearInterval(poll);
        clearTimeout(timer);
        fail(new ClusterError(`${this.name} exited (${signal ?? code}) while starting; see ${this.logFile}:\n${head.slice(-2000)}`));
      });
      child.once('error', (error) => {
        clearInterval(poll);
        clearTimeout(timer);
        fail(new ClusterError(`${this.name} could not start: ${error.message}`));
      });
    });
  }

  /** Sends `signal` to this node's PID and resolves when it has exited. */
  async kill(signal = 'SIGKILL') {
    if (!this.running) return this.exited;
    this.process.kill(signal);
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = STOP_GRACE_MS) {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const killer = setTimeout(() => this.running && this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(killer);
  }
}

/**
 * Starts the cluster. Options (all optional):
 *   databaseUrl   use this PostgreSQL database (else DATABASE_URL, else an embedded PostgreSQL in dataDir)
 *   dataDir       where node data, logs and the embedded database live (default: a new temp dir)
 *   proxyPort     the proxy's port on 127.0.0.1 (default: a free one)
 *   env           extra environment for every rcgate node (RELAY_NODE_TIMEOUT_SECONDS, limits, …)
 *   caddy         the Caddy binary (default: caddy on PATH)
 *   log           progress lines (default: none)
 */
async function startCluster(options = {}) {
  const log = options.log ?? (() => undefined);
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new ClusterError('dist/ is missing: run `npm run build` first (`npm run cluster` does)');
  const caddyVersion = findCaddy(options.caddy ?? 'caddy');
  const dataDir = resolve(options.dataDir ?? mkdtempSync(join(tmpdir(), 'rcgate-cluster-')));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // As root, the embedded PostgreSQL runs as 'postgres' and must pass through (not list) this directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true, mode: 0o700 });
  const cluster = { dataDir, logDir, nodes: {}, embedded: false };

  const stop = async () => {
    // Nodes first (relays end their sessions, API nodes finish requests), then the proxy, then the database.
    await Promise.all(['relay1', 'relay2', 'api1', 'api2'].map((name) => cluster.nodes[name]?.stop()));
    await cluster.nodes.proxy?.stop();
    await cluster.nodes.database?.stop(60_000);
  };
  cluster.stop = stop;

  try {
    let databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
    if (!databaseUrl) {
      const port = await freePort();
      const database = new Node({
        name: 'database',
        role: 'database',
        command: process.execPath,
        args: [join(__dirname, 'cluster-database.js'), join(dataDir, 'database'), String(port)],
        env: { PATH: process.env.PATH ?? '' },
        port,
        url: `postgres://${HOST}:${port}`,
        logDir,
        ready: /database ready postgres/,
      });
      cluster.nodes.database = database;
      log('starting the embedded PostgreSQL');
      await database.start(180_000);
      databaseUrl = /database ready (postgres\S+)/.exec(database.output())[1];
      cluster.embedded = true;
    }
    cluster.databaseUrl = databaseUrl;
    const tokenFile = join(dataDir, 'admin-token');
    const adminToken = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : `rcg_cluster_${randomBytes(32).toString('base64url')}`;
    writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
    cluster.adminToken = adminToken;

    const proxyPort = options.proxyPort ?? (await freePort());
    const url = `http://${HOST}:${proxyPort}`;
    cluster.url = url;
    const ports = { api1: await freePort(), api2: await freePort(), relay1: await freePort(), relay2: await freePort() };
    const common = {
      PATH: process.env.PATH ?? '',
      HOST,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      // The proxy runs on loopback: X-Forwarded-For from it is believed (the default, said out loud).
      TRUSTED_PROXIES: 'loopback',
      ...(options.env ?? {}),
    };
    const rcgate = (name, role, port, env, ready) =>
      new Node({ name, role, command: process.execPath, args: [BIN, role === 'relay' ? 'relay' : 'serve'], env: { ...common, DATA_DIR: join(dataDir, name), ...env }, port, url: `http://${HOST}:${port}`, logDir, ready });

    log('migrating the database (rcgate migrate)');
    const migrate = spawnSync(process.execPath, [BIN, 'migrate'], { env: { ...common, DATA_DIR: join(dataDir, 'migrate') }, encoding: 'utf8', timeout: 180_000 });
    if (migrate.status !== 0) throw new ClusterError(`rcgate migrate failed (${migrate.status ?? migrate.signal}): ${migrate.stderr || migrate.stdout}`);

    // The proxy first, so every relay URL the API hands out works from the moment the relay registers.
    const caddyHome = join(dataDir, 'caddy');
    mkdirSync(caddyHome, { recursive: true, mode: 0o700 });
    const proxy = new Node({
      name: 'proxy',
      role: 'proxy',
      command: options.caddy ?? 'caddy',
      args: ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'],
      cwd: caddyHome,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: caddyHome,
        XDG_DATA_HOME: caddyHome,
        XDG_CONFIG_HOME: caddyHome,
        RCGATE_SITE_ADDRESS: `http://:${proxyPort}`,
        RCGATE_BIND: HOST,
        RCGATE_API_UPSTREAMS: `${HOST}:${ports.api1} ${HOST}:${ports.api2}`,
        RCGATE_RELAY1: `${HOST}:${ports.relay1}`,
        RCGATE_RELAY2: `${HOST}:${ports.relay2}`,
        CADDY_ADMIN: 'off',
      },
      port: proxyPort,
      url,
      logDir,
      ready: /serving initial configuration/,
    });
    cluster.nodes.proxy = proxy;
    log(`starting the proxy (${caddyVersion.split(' ')[0]}) on ${url}`);
    await proxy.start(30_000);

    const api = ['api1', 'api2'].map((name) =>
      rcgate(name, 'api', ports[name], { RCGATE_ROLE: 'api', PORT: String(ports[name]), PUBLIC_URL: url, BOOTSTRAP_ADMIN_TOKEN: adminToken }, /listening on http/),
    );
    const relays = ['relay1', 'relay2'].map((name, i) =>
      rcgate(name, 'relay', ports[name], { RCGATE_ROLE: 'relay', RELAY_PORT: String(ports[name]), RELAY_PUBLIC_URL: `ws://${HOST}:${proxyPort}/relays/r${i + 1}` }, /relay listening on http/),
    );
    for (const node of [...api, ...relays]) {
      cluster.nodes[node.name] = node;
    }
    log('starting api1, api2 (RCGATE_ROLE=api) and relay1, relay2 (RCGATE_ROLE=relay)');
    // API nodes before relays: the first API node to start publishes the ticket keys relays verify with.
    await Promise.all(api.map((node) => node.start()));
    await Promise.all(relays.map((node) => node.start()));

    log('waiting until every node is ready behind the proxy');
    await eventually(async () => (await Promise.all([...api, ...relays].map((node) => status(`${node.url}/readyz`)))).every((s) => s === 200), 60_000, 'every node ready');
    await eventually(async () => (await status(`${url}/readyz`)) === 200, 30_000, 'the API ready through the proxy');
    for (const n of [1, 2]) await eventually(async () => (await status(`${url}/relays/r${n}/readyz`)) === 200, 30_000, `relay ${n} ready through the proxy`);
    return cluster;
  } catch (error) {
    await stop();
    throw error;
  }
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') options.proxyPort = Number(value());
    else if (flag === '--data-dir') options.dataDir = value();
    else if (flag === '--relay-node-timeout') options.env = { ...options.env, RELAY_NODE_TIMEOUT_SECONDS: value() };
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new ClusterError(`unknown option ${argv[i]} (try --help)`);
  }
  if (options.proxyPort !== undefined && !(Number.isInteger(options.proxyPort) && options.proxyPort > 0 && options.proxyPort < 65536)) throw new ClusterError('--port expects a port number');
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write('usage: npm run cluster [-- --port 18080] [--data-dir DIR] [--relay-node-timeout SECONDS]\n');
    return;
  }
  const started = Date.now();
  const cluster = await startCluster({ ...options, log: (line) => process.stderr.write(`cluster: ${line}\n`) });
  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`cluster: ${signal}: stopping every node (by PID)\n`);
    cluster.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // On a database that already had principals, BOOTSTRAP_ADMIN_TOKEN created nothing.
  const me = await fetch(`${cluster.url}/api/v1/me`, { headers: { Authorization: `Bearer ${cluster.adminToken}` } }).catch(() => undefined);
  const tokenNote = me?.status === 200 ? '' : '   (NOT valid here: this database already had principals; use one of its tokens)';
  const rows = Object.values(cluster.nodes).map((node) => `  ${node.name.padEnd(7)} ${node.role.padEnd(6)} pid ${String(node.pid).padEnd(8)} ${node.url.padEnd(24)} ${node.logFile}`);
  process.stdout.write(
    [
      '',
      `rcgate cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      '',
      `  proxy URL    ${cluster.url}   (REST ${cluster.url}/api/v1, GraphQL ${cluster.url}/graphql, docs ${cluster.url}/docs)`,
      `  admin token  ${cluster.adminToken}   (also in ${join(cluster.dataDir, 'admin-token')})${tokenNote}`,
      `  database     ${cluster.embedded ? 'embedded PostgreSQL in ' + join(cluster.dataDir, 'database') : 'DATABASE_URL'}`,
      '',
      ...rows,
      '',
      '  try:  curl -H "Authorization: Bearer <admin token>" ' + cluster.url + '/api/v1/me',
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  for (const node of Object.values(cluster.nodes)) {
    node.exited.then(({ code, signal }) => !stopping && process.stderr.write(`cluster: ${node.name} (pid ${node.pid}) exited (${signal ?? code}); see ${node.logFile}\n`));
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`cluster: ${error instanceof ClusterError ? error.message : error.stack}\n`);
    process.exit(1);
  });
}

module.exports = { startCluster, ClusterError };
