#!/usr/bin/env node
// The embedded PostgreSQL of `npm run cluster`, as a process of its own (so the cluster can stop,
// kill or restart it by PID like any other node):
//   node scripts/cluster-database.js DATA_DIR PORT
// Prints "database ready <url>"; SIGTERM or SIGINT stops PostgreSQL cleanly, then exits.
'use strict';
const { chmodSync, mkdirSync } = require('node:fs');
const { resolve } = require('node:path');
const { startEmbeddedPostgres } = require('../dist/database/embedded-postgres');

async function main() {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !/^\d+$/.test(port ?? '')) throw new Error('usage: cluster-database.js DATA_DIR PORT');
  const dataDir = resolve(dir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // As root, PostgreSQL runs as 'postgres' and must pass through (not list) this directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, 0o711);
  const database = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  // embedded-postgres stops the server on these signals by itself; one clean stop, ours, is enough.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    database.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`database ready ${database.url}\n`);
}

main().catch((error) => {
  process.stderr.write(`cluster-database: ${error.message}\n`);
  process.exit(1);
});
