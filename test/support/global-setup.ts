import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/** Starts one embedded PostgreSQL for the whole run, unless DATABASE_URL is set. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  if (process.env.DATABASE_URL) {
    process.env.RCGATE_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rcgate-test-pg-'));
  const db = await startEmbeddedPostgres({ dataDir: dir });
  process.env.RCGATE_TEST_DATABASE_URL = db.url;
  (globalThis as Record<string, unknown>).__RCGATE_PG__ = db;
}
