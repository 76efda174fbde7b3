'use strict';
/**
 * Runs the embedded PostgreSQL (src/database/embedded-postgres.ts, compiled
 * to dist/ by `npm run build`, as `rcgate serve` runs it) in a process of its
 * own, so a test can stop it and start it again: jest's module loader cannot
 * load the ES-module `embedded-postgres` package in a test file.
 *
 * Usage: node postgres-process.js <dataDir> <port>; prints "ready <url>",
 * stops PostgreSQL on SIGTERM/SIGINT or when its stdin closes (the test died).
 */
const { startEmbeddedPostgres } = require('../../../dist/database/embedded-postgres.js');

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port) }).then(
  (db) => {
    let stopping;
    const stop = () => {
      stopping ??= db.stop().then(
        () => process.exit(0),
        (error) => {
          process.stderr.write(`${error}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.stdin.on('end', stop);
    process.stdin.resume();
    process.stdout.write(`ready ${db.url}\n`);
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
