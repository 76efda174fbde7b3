import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export const TEMPLATE_DATABASE = 'rcgate_test_template';

/**
 * Starts one embedded PostgreSQL for the whole run (unless DATABASE_URL is
 * set) and migrates a template database once; each test file then gets a
 * fresh copy of it, which is much faster than migrating every time.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  let url = process.env.DATABASE_URL;
  if (!url) {
    const db = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'rcgate-test-pg-')) });
    (globalThis as Record<string, unknown>).__RCGATE_PG__ = db;
    url = db.url;
  }
  process.env.RCGATE_TEST_DATABASE_URL = url;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const dataSource = new DataSource(dataSourceOptions(templateUrl.toString()));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  process.env.RCGATE_TEST_TEMPLATE = TEMPLATE_DATABASE;
}
