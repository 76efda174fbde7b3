import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { load } from 'js-yaml';
import { renderOpenApi } from '../../src/cli/commands/contracts.command';
import { loadConfig } from '../../src/config/config.loader';
import { schemaDiff } from '../../src/database/schema-diff';
import { startTestApp, TestApp } from '../support/test-app';

const root = join(__dirname, '..', '..');

describe('checked-in contracts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('openapi.yaml is exactly what the code generates (run `npm run openapi`)', async () => {
    const generated = await renderOpenApi(loadConfig({ LOG_LEVEL: 'silent' }));
    expect(readFileSync(join(root, 'openapi.yaml'), 'utf8')).toBe(generated);
  });

  it('names every operation verb-first and documents problem responses', () => {
    const document = load(readFileSync(join(root, 'openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      expect(op.operationId).toMatch(/^(list|get|create|update|delete|revoke|verify|export|import|add|remove|evaluate|start|end|check|set|deploy|undeploy|enroll|send|issue|report|poll|rotate|connect)[A-Z]/);
      expect(op.responses['500']).toBeDefined();
    }
  });

  it('schema.graphql is exactly the schema the server serves (run `npm run schema:graphql`)', () => {
    const served = `${printSchema(t.app.get(GraphQLSchemaHost).schema)}\n`;
    expect(readFileSync(join(root, 'schema.graphql'), 'utf8')).toBe(served);
  });

  it('the migrations build exactly the schema the entities describe (run `npm run migration:generate`)', async () => {
    const diff = await schemaDiff(t.dataSource);
    expect(diff.up).toEqual([]);
  });
});
