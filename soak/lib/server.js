'use strict';
// `rcgate serve` as a child process on 127.0.0.1: embedded PostgreSQL in a temporary DATA_DIR
// (or DATABASE_URL when set). Resolves once it printed its URL and /readyz answers 200.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Starts the server; `onLogLine` sees every stderr/stdout line (pino JSON at LOG_LEVEL).
 * Returns { pid, url, databaseUrl, stop() }.
 */
async function startServer({ env, onLogLine }) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'rcgate-soak-'));
  const pgPort = await freePort();
  const childEnv = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', EMBEDDED_POSTGRES_PORT: String(pgPort), ...env };
  const databaseUrl = process.env.DATABASE_URL || `postgres://rcgate:rcgate-embedded@127.0.0.1:${pgPort}/postgres`;
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rcgate.js'), 'serve'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let url;
  const ready = new Promise((resolve, reject) => {
    const lines = (stream) => {
      let buf = '';
      stream.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          const m = /^rcgate: listening on (\S+)/.exec(line);
          if (m && !url) { url = m[1]; resolve(); }
          onLogLine?.(line);
        }
      });
    };
    lines(child.stdout);
    lines(child.stderr);
    exited.then(({ code, signal }) => reject(new Error(`rcgate serve exited (${code ?? signal}) before it was ready`)));
  });
  await ready;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${url}/readyz`)).status === 200) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  let stopped;
  return {
    pid: child.pid,
    url,
    databaseUrl,
    dataDir,
    exited,
    /** SIGTERM (graceful: sessions, pool, embedded PostgreSQL last); SIGKILL after 20 s. Removes DATA_DIR. */
    stop: () => (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const result = await exited;
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
        return result;
      }
      rmSync(dataDir, { recursive: true, force: true });
      return exited;
    })()),
  };
}

module.exports = { startServer, freePort };
