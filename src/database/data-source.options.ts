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
    },
    ...extra,
  } as DataSourceOptions;
}
