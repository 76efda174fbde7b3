import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { load } from 'js-yaml';
import { renderOpenApi } from '../../src/cli/commands/contracts.command';
import { loadConfig } from '../../src/config/config.loader';
import { schemaDiff } from '../../src/database/schema-diff';
import { RelayNodesService } from '../../src/sessions/relay-nodes/relay-nodes.service';
import { SessionLifecycleService } from '../../src/sessions/session-lifecycle.service';
import { TicketKeyStore } from '../../src/sessions/tickets/ticket-key.store';
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

describe('module wiring (RCGATE_ROLE=all: the API with its relay)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives the relay and the sessions API one instance of each shared session service', () => {
    const modules = [...t.app.get(ModulesContainer).values()];
    for (const service of [SessionLifecycleService, TicketKeyStore, RelayNodesService]) {
      const declaredIn = modules.filter((m) => m.providers.has(service)).map((m) => m.metatype.name);
      expect([service.name, declaredIn]).toEqual([service.name, ['SessionCoreModule']]);
    }
  });
});
