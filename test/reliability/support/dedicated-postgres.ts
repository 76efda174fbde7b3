import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/database/data-source.options';
import { freePort } from '../../../src/database/embedded-postgres';

const START_TIMEOUT_MS = 60_000;

/**
 * An embedded PostgreSQL of a test's own (never jest's shared one), on a
 * fixed data dir and port, so the test can stop it and start it again where
 * the app expects it. It runs startEmbeddedPostgres in a child process
 * (postgres-process.js).
 */
export class DedicatedPostgres {
  private child: ChildProcess | undefined;
  private serverUrl: string | undefined;
  private constructor(readonly dataDir: string, readonly port: number) {}

  static async start(dataDir = mkdtempSync(join(tmpdir(), 'rcgate-faults-pg-'))): Promise<DedicatedPostgres> {
    const pg = new DedicatedPostgres(dataDir, await freePort());
    await pg.start();
    return pg;
  }

  /** postgres://… of the server's maintenance database (also while it is stopped). */
  get url(): string {
    if (!this.serverUrl) throw new Error('PostgreSQL was never started');
    return this.serverUrl;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(process.execPath, [join(__dirname, 'postgres-process.js'), this.dataDir, String(this.port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    this.serverUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start: ${out}${err}`)), START_TIMEOUT_MS);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /ready (\S+)/.exec(out);
        if (!ready) return;
        clearTimeout(timer);
        resolve(ready[1]);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited with ${code}: ${out}${err}`));
      });
    }).catch((error: unknown) => {
      this.child = undefined;
      throw error;
    });
  }

  /** A fast shutdown, as an operator's `pg_ctl stop` or a failover does: sessions are terminated (57P01). */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** A new database on this server with every migration applied; returns its URL. */
  async migratedDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    const dataSource = new DataSource(dataSourceOptions(url.toString()));
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    return url.toString();
  }
}
