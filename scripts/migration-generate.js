#!/usr/bin/env node
// Generates a migration from the difference between the entities and the
// migrated schema, on a throwaway embedded PostgreSQL (or DATABASE_URL).
'use strict';
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { DataSource } = require('typeorm');
const { startEmbeddedPostgres } = require('../dist/database/embedded-postgres');
const { dataSourceOptions } = require('../dist/database/data-source.options');
const { schemaDiff } = require('../dist/database/schema-diff');

async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('usage: npm run migration:generate -- PascalCaseName');
    process.exit(1);
  }
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'rcgate-gen-')) });
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL || embedded.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const diff = await schemaDiff(dataSource);
    if (diff.up.length === 0) {
      console.log('No changes: the entities match the migrations.');
      return;
    }
    const stamp = Date.now();
    const cls = `${name}${stamp}`;
    const q = (s) => `    await queryRunner.query(${JSON.stringify(s)});`;
    const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${cls} implements MigrationInterface {
  name = '${cls}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(q).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.reverse().map(q).join('\n')}
  }
}
`;
    const file = join(__dirname, '..', 'src', 'database', 'migrations', `${stamp}-${name}.ts`);
    writeFileSync(file, body);
    console.log(`Wrote ${file}\nReview it, then add ${cls} to src/database/migrations.ts.`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
