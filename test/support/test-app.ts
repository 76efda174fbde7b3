import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AdminBootstrap } from '../../src/auth/admin-bootstrap';
import { loadConfig } from '../../src/config/config.loader';
import { AppConfig } from '../../src/config/config.types';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  adminToken: string;
  dataSource: DataSource;
  databaseUrl: string;
  config: AppConfig;
  close(): Promise<void>;
  /** Listens on a free loopback port (for WebSockets) and returns the base URL. */
  listen(): Promise<string>;
}

/** A fresh database on the run's PostgreSQL, so test files never see each other's rows. */
export async function createTestDatabase(): Promise<string> {
  const base = process.env.RCGATE_TEST_DATABASE_URL;
  if (!base) throw new Error('RCGATE_TEST_DATABASE_URL is not set (jest global setup did not run)');
  const name = `rcgate_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const template = process.env.RCGATE_TEST_TEMPLATE;
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestAppOptions {
  /** Share another app's database (a second node of the same deployment). */
  databaseUrl?: string;
  adminToken?: string;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const adminToken = options.adminToken ?? `rcg_test_${randomBytes(24).toString('base64url')}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rcgate-data-')),
    BOOTSTRAP_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    // Suites share one address and a few tokens; the limits' own tests set them low.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_ANON_PER_MINUTE: '1000000',
    AUTH_FAILURES_PER_MINUTE: '1000000',
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  await app.get(AdminBootstrap).run();
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    adminToken,
    dataSource: app.get(DataSource),
    databaseUrl,
    config,
    close: () => app.close(),
    listen: async () => {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `${config.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
