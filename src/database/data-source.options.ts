import type { ClientBase } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: 20,
      // A request waiting for a connection to a database that is gone gets 503 after this long, not a hang.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      application_name: 'rcgate',
      onConnect: keepErrorsFromCrashing,
    },
    ...extra,
  } as DataSourceOptions;
}

/**
 * When PostgreSQL stops it sends FATAL 57P01 to every connection, and a pg
 * client with no 'error' listener at that moment throws it as an uncaught
 * exception, which kills the process. pg-pool listens while a client is idle
 * and TypeORM while a query runner holds it; once, under load, the outage test
 * still died of such an unhandled 'error' (the gap was not pinned down). This
 * listener stays for the client's whole life: the error still reaches the
 * query that was running, and the pool drops the client as unusable.
 */
function keepErrorsFromCrashing(client: ClientBase): void {
  client.on('error', () => undefined);
}
