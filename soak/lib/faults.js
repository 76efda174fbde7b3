'use strict';
// Injected faults, each of which must be refused cleanly: a replayed viewer ticket, a garbage
// ticket, an expired ticket (a real session whose viewer comes too late), a bad API token and a
// bad device token. Counted as expected when refused exactly as specified.
const { randomBytes } = require('node:crypto');
const { openRelay } = require('./relay-socket');
const { sleep, within } = require('./sessions');

const KINDS = [
  ['replayedTicket', 0.3],
  ['garbageTicket', 0.25],
  ['badToken', 0.2],
  ['badDeviceToken', 0.15],
  ['expiredTicket', 0.1],
];

class FaultInjector {
  constructor({ api, driver, pool, ledger, params, rand, relayUrl }) {
    Object.assign(this, { api, driver, pool, ledger, params, rand, relayUrl });
    this.running = new Set();
  }

  async loop(stop) {
    while (!stop.aborted) {
      await sleep(this.params.faultEveryMs * (0.5 + this.rand()), stop);
      if (stop.aborted) break;
      let r = this.rand();
      let kind = KINDS[0][0];
      for (const [k, w] of KINDS) { if ((r -= w) <= 0) { kind = k; break; } }
      const p = this[kind]().catch((error) => this.ledger.error(`fault.${kind}.exception`, error.stack ?? error));
      this.running.add(p);
      void p.finally(() => this.running.delete(p));
    }
    await Promise.allSettled([...this.running]);
  }

  /** A refused ticket: the handshake completes, then the relay closes with 4401 and the reason. */
  async ticketRefused(kind, relayUrl, ticket, reasons) {
    let outcome;
    try {
      const { closed } = await openRelay(relayUrl, ticket);
      const c = await within(closed, this.params.closeTimeoutMs);
      outcome = c ? `${c.code} ${c.reason}` : 'left open';
      this.ledger.fault(kind, c?.code === 4401 && reasons.includes(c.reason), outcome);
    } catch (error) {
      this.ledger.fault(kind, false, `connect failed: ${error.message}`);
    }
  }

  async replayedTicket() {
    const used = this.driver.usedTickets[Math.floor(this.rand() * this.driver.usedTickets.length)];
    if (!used) return;
    // 'replayed' while its session lives, 'sessionEnded' once it has ended, 'expired' past its TTL: each refuses a second use.
    await this.ticketRefused('replayedTicket', used.relayUrl, used.ticket, ['replayed', 'sessionEnded', 'expired']);
  }

  async garbageTicket() {
    const part = () => randomBytes(8 + Math.floor(this.rand() * 40)).toString('base64url');
    const used = this.driver.usedTickets.at(-1);
    const r = this.rand();
    let ticket;
    if (r < 0.4 && used) {
      // A real ticket with its signature replaced: well formed, signed by nobody.
      ticket = `${used.ticket.split('.').slice(0, 2).join('.')}.${randomBytes(64).toString('base64url')}`;
    } else {
      ticket = r < 0.7 ? `${part()}.${part()}.${part()}` : part();
    }
    await this.ticketRefused('garbageTicket', this.relayUrl, ticket, ['malformed', 'badSignature']);
  }

  async badToken() {
    const res = await this.api.call('GET', '/api/v1/sessions?top=1', { token: `rcg_${randomBytes(32).toString('base64url')}` });
    const ok = res.status === 401 && res.body?.code === 'invalidToken' && /problem\+json/.test(res.headers.get('content-type') ?? '');
    this.ledger.fault('badToken', ok, `${res.status} ${res.body?.code}`);
  }

  async badDeviceToken() {
    const res = await this.api.call('GET', '/api/v1/agent/offers?wait=0', { token: `rcd_${randomBytes(32).toString('base64url')}` });
    const ok = res.status === 401 && /problem\+json/.test(res.headers.get('content-type') ?? '');
    this.ledger.fault('badDeviceToken', ok, `${res.status} ${res.body?.code}`);
  }

  /** A real session whose viewer arrives after its ticket expired: refused 'expired'; the session ends 'ticketExpired'. */
  async expiredTicket() {
    const agent = this.pool.tryTake();
    if (!agent) return;
    try {
      await this.driver.setups.acquire();
      let created;
      let agentSide;
      const record = { mode: 'expiredTicketFault', expectedEnd: 'ticketExpired', paired: false };
      try {
        created = await this.driver.create(agent);
        if (!created) return;
        this.driver.sessions.set(created.id, record);
        agentSide = await within(agent.expect(created.id), this.params.joinTimeoutMs);
      } finally {
        this.driver.setups.release();
      }
      if (!agentSide) { agent.forget(created.id); this.ledger.error('session.stuck', 'expired-ticket fault: the agent never got its offer'); }
      await sleep(this.params.ticketTtlSeconds * 1000 + 2500);
      await this.ticketRefused('expiredTicket', created.relayUrl, created.viewerTicket, ['expired']);
      if (agentSide && !agentSide.failed) {
        const c = await within(agentSide.closed, this.params.settleTimeoutMs);
        if (!c || c.code !== 4000 || c.reason !== 'ticketExpired') this.ledger.error('close.unexpectedCode', `expired-ticket fault: agent ${c ? `${c.code} '${c.reason}'` : 'still open'}, expected 4000 'ticketExpired'`);
        agentSide.ws.terminate();
      }
      await this.driver.settle(created.id, record, null);
      if (record.endReason && record.endReason !== 'ticketExpired') this.ledger.error('session.wrongEndReason', `expired-ticket fault: ${record.endReason}`);
    } finally {
      this.pool.give(agent);
    }
  }
}

module.exports = { FaultInjector };
