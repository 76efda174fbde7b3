'use strict';
// The system under test, in its own process so its CPU and RSS can be read on their own.
// Does what startServer (dist/server.js) does — database, app, first administrator, listen,
// embedded relay node — but keeps the Nest app so the benchmark can ask it, over IPC, for
// its CPU/RSS and (for the many-session figures only) to create `ready` sessions and mint
// their tickets in-process, exactly as test/relay/support/relay-fixture.ts does.
const { randomUUID } = require('node:crypto');
const { loadConfig } = require('../dist/config/config.loader');
const { resolveDatabase } = require('../dist/server');
const { createApp } = require('../dist/app.factory');
const { AdminBootstrap } = require('../dist/auth/admin-bootstrap');
const { startRelayNode } = require('../dist/relay/start-relay-node');
const { RelayNode } = require('../dist/relay/relay-node.service');
const { SessionEntity } = require('../dist/sessions/session.entity');
const { TicketKeyStore } = require('../dist/sessions/tickets/ticket-key.store');
const { TicketsService } = require('../dist/sessions/tickets/tickets.service');
const { AuditService } = require('../dist/audit/audit.service');
const { Clock } = require('../dist/common/clock/clock');
const { DataSource } = require('typeorm');

async function main() {
  const { config, embedded } = await resolveDatabase(loadConfig(process.env));
  const app = await createApp(config);
  await app.init();
  await app.get(AdminBootstrap).run();
  await app.listen(config.port, config.host);
  await startRelayNode(app, config);
  const port = app.getHttpServer().address().port;
  const url = `http://127.0.0.1:${port}`;
  const relayUrl = `ws://127.0.0.1:${port}/relay/v1/connect`;
  const nodeId = app.get(RelayNode).id;
  const dataSource = app.get(DataSource);
  const tickets = new TicketsService(app.get(TicketKeyStore), app.get(AuditService), app.get(Clock), config);

  async function mint(n) {
    const repository = dataSource.getRepository(SessionEntity);
    const out = [];
    for (let i = 0; i < n; i += 200) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + 200); j++) {
        batch.push(repository.create({
          deviceId: randomUUID(), type: 'remoteControl', accessLevel: 'fullControl', viewer: 'admin', viewerPrincipalId: randomUUID(),
          state: 'ready', endReason: null, reason: null, consentRequired: false, consentDeadline: null, joinDeadline: null,
          maxEndAt: new Date(Date.now() + 3_600_000), relayNodeId: nodeId, relayUrl,
        }));
      }
      const saved = await repository.save(batch);
      await dataSource.transaction(async (tx) => {
        for (const s of saved) {
          const v = await tickets.mint(tx, s, 'viewer', s.viewer);
          const a = await tickets.mint(tx, s, 'agent', 'system');
          out.push({ id: s.id, viewer: v.ticket, agent: a.ticket });
        }
      });
    }
    return out;
  }

  process.on('message', async (msg) => {
    try {
      if (msg.cmd === 'stats') {
        if (msg.gc && global.gc) { global.gc(); global.gc(); }
        process.send({ id: msg.id, cpu: process.cpuUsage(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed });
      } else if (msg.cmd === 'heapsnapshot') {
        // Diagnostics for the idle-memory figure: where the per-session bytes are.
        if (global.gc) { global.gc(); global.gc(); }
        process.send({ id: msg.id, path: require('node:v8').writeHeapSnapshot(msg.path) });
      } else if (msg.cmd === 'mint') {
        process.send({ id: msg.id, sessions: await mint(msg.n) });
      } else if (msg.cmd === 'stop') {
        await app.close();
        await embedded?.stop();
        process.send({ id: msg.id, stopped: true });
        setTimeout(() => process.exit(0), 50);
      }
    } catch (error) {
      process.send({ id: msg.id, error: String(error && error.stack || error) });
    }
  });
  process.send({ ready: true, url, relayUrl, nodeId, databaseUrl: config.databaseUrl, pid: process.pid });
}

main().catch((error) => {
  console.error('server-child failed:', error);
  process.exit(1);
});
