import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}

describe('deployment files (checked statically: no Docker engine here)', () => {
  const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };

  it('runs PostgreSQL and the API, the API on DATABASE_URL once PostgreSQL is healthy', () => {
    const { postgres, api } = compose.services;
    expect(postgres.image).toMatch(/^postgres:(1[5-9]|[2-9]\d)/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(api.build).toBe('.');
    expect(api.depends_on?.postgres.condition).toBe('service_healthy');
    const url = new URL(api.environment?.DATABASE_URL.replace(/\$\{[^}]+\}/g, 'x') ?? '');
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.pathname).toBe(`/${(compose.services.postgres as { environment: Record<string, string> }).environment.POSTGRES_DB}`);
    expect(api.ports?.[0]).toMatch(/^127\.0\.0\.1:8080:8080$/);
  });

  it('builds in stages and runs as a non-root user', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const stages = dockerfile.match(/^FROM\s+\S+\s+AS\s+\S+/gim) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER\s+(?!root\b|0\b)\S+/m);
    expect(runtime).toContain('COPY --from=build');
    expect(dockerfile).toMatch(/npm ci/);
  });
});
