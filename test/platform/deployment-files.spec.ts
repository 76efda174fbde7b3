import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { loadConfig } from '../../src/config/config.loader';

const root = join(__dirname, '..', '..');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
}

/** `${NAME:-default}` → default, `${NAME:?…}` → `<NAME>`: what compose would substitute, with secrets left as names. */
function substituted(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_all, name: string, fallback?: string) => fallback ?? `<${name}>`);
}

/** The Caddyfile's `handle_path <prefix>/* { reverse_proxy {$VAR:default} … }` routes: prefix → upstream variable. */
function relayRoutes(caddyfile: string): Map<string, string> {
  const routes = new Map<string, string>();
  for (const match of caddyfile.matchAll(/handle_path\s+(\S+)\/\*\s*\{\s*reverse_proxy\s+\{\$([A-Z0-9_]+)(?::[^}]*)?\}/g)) routes.set(match[1], match[2]);
  return routes;
}

describe('deployment files (checked statically: no Docker engine here)', () => {
  const compose = load(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
    services: Record<string, ComposeService>;
    networks: Record<string, { ipam: { config: { subnet: string; ip_range?: string }[] } }>;
  };
  const { services } = compose;
  const caddyfile = readFileSync(join(root, 'deploy', 'Caddyfile'), 'utf8');
  const envExample = readFileSync(join(root, 'deploy', 'compose.env.example'), 'utf8');
  const env = (name: string) => services[name].environment ?? {};
  const apis = ['api1', 'api2'];
  const relays = ['relay1', 'relay2'];
  const nodes = [...apis, ...relays];

  it('runs PostgreSQL, a one-shot migration, two API nodes, two relay nodes and the proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api1', 'api2', 'migrate', 'postgres', 'proxy', 'relay1', 'relay2']);
    expect(services.postgres.image).toMatch(/^postgres:(1[5-9]|[2-9]\d)/);
    expect(services.proxy.image).toMatch(/^caddy:2/);
    for (const name of [...nodes, 'migrate']) expect(services[name].build).toBe('.');
    expect(services.migrate.command).toEqual(['migrate']);
    for (const name of apis) expect(env(name).RCGATE_ROLE).toBe('api');
    for (const name of relays) {
      expect(env(name).RCGATE_ROLE).toBe('relay');
      expect(services[name].command).toEqual(['relay']);
    }
  });

  it('points every node at the compose PostgreSQL, and each environment is a valid rcgate configuration', () => {
    for (const name of [...nodes, 'migrate']) {
      const url = new URL(substituted(env(name).DATABASE_URL));
      expect(url.protocol).toBe('postgres:');
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe(`/${env('postgres').POSTGRES_DB}`);
      // Secrets stay variables; with made-up values the loader accepts everything else as written.
      const values = Object.fromEntries(Object.entries(env(name)).map(([key, value]) => [key, substituted(value)]));
      const fake = { TICKET_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\\nx\\n-----END PRIVATE KEY-----', TICKET_VERIFY_KEY: '-----BEGIN PUBLIC KEY-----\\nx\\n-----END PUBLIC KEY-----', BOOTSTRAP_ADMIN_TOKEN: 'x'.repeat(40) };
      const config = loadConfig({ ...values, ...Object.fromEntries(Object.entries(fake).filter(([key]) => key in values)) });
      expect(config.databaseUrl).toBeDefined();
    }
  });

  it('waits for what each service needs: PostgreSQL healthy, migrations done, every node healthy before the proxy', () => {
    expect(services.postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of nodes) {
      expect(services[name].depends_on).toEqual({ postgres: { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } });
    }
    expect(services.proxy.depends_on).toEqual(Object.fromEntries(nodes.map((name) => [name, { condition: 'service_healthy' }])));
  });

  it('health-checks every long-running service, each node on /readyz of the port it listens on', () => {
    for (const name of ['postgres', 'proxy', ...nodes]) expect(services[name].healthcheck?.test.length).toBeGreaterThan(1);
    for (const name of apis) expect(services[name].healthcheck?.test.join(' ')).toContain(`127.0.0.1:${env(name).PORT}/readyz`);
    for (const name of relays) expect(services[name].healthcheck?.test.join(' ')).toContain(`127.0.0.1:${env(name).RELAY_PORT}/readyz`);
  });

  it('keeps the ticket signing key on the API nodes: relays get only the public key', () => {
    for (const name of apis) {
      expect(env(name).TICKET_SIGNING_KEY).toMatch(/^\$\{TICKET_SIGNING_KEY:\?/);
      expect(env(name).TICKET_VERIFY_KEY).toBeUndefined();
    }
    for (const name of relays) {
      expect(env(name).TICKET_SIGNING_KEY).toBeUndefined();
      expect(env(name).TICKET_VERIFY_KEY).toMatch(/^\$\{TICKET_VERIFY_KEY:\?/);
    }
    for (const name of ['proxy', 'postgres', 'migrate']) expect(env(name).TICKET_SIGNING_KEY).toBeUndefined();
  });

  it('bakes in no secret: each is a required variable, listed (empty) in deploy/compose.env.example', () => {
    const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    expect(text).not.toMatch(/BEGIN [A-Z ]*KEY|rcg_[A-Za-z0-9]/);
    const required = [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]))].sort();
    expect(required).toEqual(['BOOTSTRAP_ADMIN_TOKEN', 'POSTGRES_PASSWORD', 'TICKET_SIGNING_KEY', 'TICKET_VERIFY_KEY']);
    for (const name of required) expect(envExample).toMatch(new RegExp(`^${name}=$`, 'm'));
    expect(env('postgres').POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });

  it('gives each relay a public URL through its own proxy route, which proxies to that relay', () => {
    const routes = relayRoutes(caddyfile);
    const publicBase = substituted('${RCGATE_PUBLIC_WS_URL:-ws://localhost:8080}');
    expect(routes.size).toBe(relays.length);
    for (const name of relays) {
      const publicUrl = substituted(env(name).RELAY_PUBLIC_URL);
      expect(publicUrl.startsWith(`${publicBase}/relays/`)).toBe(true);
      const prefix = new URL(publicUrl.replace(/^ws/, 'http')).pathname;
      const variable = routes.get(prefix);
      expect(variable).toBeDefined();
      expect(env('proxy')[variable as string]).toBe(`${name}:${env(name).RELAY_PORT}`);
    }
    // Distinct nodes, distinct routes.
    expect(new Set(relays.map((name) => env(name).RELAY_PUBLIC_URL)).size).toBe(relays.length);
  });

  it('load-balances everything else over both API nodes, with /readyz health checks and retries', () => {
    const upstreams = env('proxy').RCGATE_API_UPSTREAMS.split(/\s+/).sort();
    expect(upstreams).toEqual(apis.map((name) => `${name}:${env(name).PORT}`).sort());
    expect(caddyfile).toMatch(/reverse_proxy \{\$RCGATE_API_UPSTREAMS(:[^}]*)?\}/);
    for (const directive of [/health_uri \/readyz/, /lb_try_duration \d+s/, /fail_duration \d+s/, /lb_policy \S+/]) expect(caddyfile).toMatch(directive);
    // With no node to answer, the proxy's own 503 looks like rcgate's: problem+json with Retry-After.
    const unavailable = /handle_errors \{[\s\S]*?respond `([^`]+)` 503/.exec(caddyfile);
    expect(JSON.parse(unavailable?.[1] ?? '{}')).toMatchObject({ status: 503, code: 'serviceUnavailable' });
    expect(caddyfile).toMatch(/header Retry-After \d+/);
    // The API's public base and the relays' share the proxy's address.
    expect(new URL(substituted(env('api1').PUBLIC_URL)).host).toBe(new URL(substituted('${RCGATE_PUBLIC_WS_URL:-ws://localhost:8080}').replace(/^ws/, 'http')).host);
  });

  it('trusts X-Forwarded-For from the proxy only, at its fixed address, outside the dynamic range', () => {
    const proxyAddress = (services.proxy.networks as Record<string, { ipv4_address: string }>).rcgate.ipv4_address;
    for (const name of nodes) expect(env(name).TRUSTED_PROXIES).toBe(proxyAddress);
    const [network] = compose.networks.rcgate.ipam.config;
    const lastOctet = Number(proxyAddress.split('.').pop());
    expect(proxyAddress.startsWith(network.subnet.split('.').slice(0, 3).join('.'))).toBe(true);
    expect(network.ip_range).toBeDefined();
    expect(lastOctet).toBeLessThan(Number((network.ip_range as string).split('/')[0].split('.').pop()));
  });

  it('publishes only the proxy, on loopback unless told otherwise, and keeps relay node ids in volumes', () => {
    for (const name of Object.keys(services).filter((n) => n !== 'proxy')) expect(services[name].ports).toBeUndefined();
    for (const port of services.proxy.ports ?? []) expect(substituted(port)).toMatch(/^127\.0\.0\.1:\d+:(80|443)$/);
    expect(services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    for (const name of relays) expect(services[name].volumes?.some((v) => v.endsWith(`:${env(name).DATA_DIR}`))).toBe(true);
  });

  it('is a Caddyfile that Caddy itself reads as intended, with the proxy environment compose gives it (caddy adapt)', () => {
    const home = mkdtempSync(join(tmpdir(), 'rcgate-caddy-'));
    const adapted = spawnSync('caddy', ['adapt', '--config', join(root, 'deploy', 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home, ...Object.fromEntries(Object.entries(env('proxy')).map(([key, value]) => [key, substituted(value)])) },
      encoding: 'utf8',
    });
    if (adapted.error) throw new Error(`caddy is needed for this check (apt-get install -y caddy): ${adapted.error.message}`);
    expect(adapted.status).toBe(0);
    const json = adapted.stdout;
    const config = JSON.parse(json) as { apps: { http: { servers: Record<string, { listen: string[] }> } } };
    expect(Object.values(config.apps.http.servers).flatMap((server) => server.listen)).toEqual(['0.0.0.0:80']);
    for (const dial of ['api1:8080', 'api2:8080', 'relay1:8081', 'relay2:8081']) expect(json).toContain(`"dial":"${dial}"`);
    for (const prefix of ['/relays/r1', '/relays/r2']) expect(json).toContain(`"strip_path_prefix":"${prefix}"`);
    expect(json).toContain('"uri":"/readyz"');
  });

  it('keeps tickets out of the proxy\'s logs and metrics off its public side', () => {
    expect(caddyfile).not.toMatch(/^\s*log\s*\{/m);
    expect(caddyfile).toMatch(/request>headers>Sec-Websocket-Protocol delete/);
    expect(caddyfile).toMatch(/request>uri query \{\s*delete ticket\s*\}/);
    expect(caddyfile).toMatch(/handle \/metrics \{\s*respond 404\s*\}/);
  });

  it('builds in stages, runs as a non-root user, and health-checks whichever role the container runs', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const stages = dockerfile.match(/^FROM\s+\S+\s+AS\s+\S+/gim) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER\s+(?!root\b|0\b)\S+/m);
    expect(runtime).toContain('COPY --from=build');
    expect(runtime).toMatch(/^COPY bin \.\/bin$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*bin\/healthcheck\.js/m);
    expect(runtime).toMatch(/^EXPOSE 8080 8081$/m);
    expect(dockerfile).toMatch(/npm ci/);
    const healthcheck = readFileSync(join(root, 'bin', 'healthcheck.js'), 'utf8');
    expect(healthcheck).toContain("RCGATE_ROLE === 'relay'");
    expect(healthcheck).toContain('RELAY_PORT');
  });
});
