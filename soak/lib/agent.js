'use strict';
// A simulated agent: heart-beats, long-polls GET /agent/offers, joins the relay with the agent
// ticket of each offer and echoes whatever the viewer sends. While it holds no session it drops
// its long poll now and then (aborts the request) and polls again, as agents on bad networks do.
const { openRelay } = require('./relay-socket');

const HELLO = Buffer.from('helo');

class SimAgent {
  constructor({ api, deviceId, deviceToken, ledger, params, rand }) {
    Object.assign(this, { api, deviceId, deviceToken, ledger, params, rand });
    /** Set by the driver while a session is requested for this device: no poll drops then. */
    this.reserved = false;
    this.running = false;
    this.waiting = new Map(); // sessionId → resolve(connection)
    this.arrived = new Map(); // sessionId → connection (offer came before the driver asked)
    this.controller = undefined;
  }

  start() {
    this.running = true;
    this.pollLoop = this.poll();
    this.beatLoop = this.beat();
  }

  async stop() {
    this.running = false;
    this.controller?.abort();
    clearTimeout(this.beatTimer);
    this.wakeBeat?.();
    await Promise.allSettled([this.pollLoop, this.beatLoop]);
  }

  /** Resolves with the agent side of `sessionId` once its offer arrived and the socket is open. */
  expect(sessionId) {
    const already = this.arrived.get(sessionId);
    if (already) { this.arrived.delete(sessionId); return Promise.resolve(already); }
    return new Promise((resolve) => this.waiting.set(sessionId, resolve));
  }

  /** The driver gave up on `sessionId`: an offer for it arriving later is joined and dropped at once. */
  forget(sessionId) {
    this.waiting.delete(sessionId);
    this.arrived.get(sessionId)?.ws?.terminate();
    this.arrived.delete(sessionId);
    (this.forgotten ??= new Set()).add(sessionId);
  }

  async beat() {
    while (this.running) {
      await this.api.must('POST', '/api/v1/agent/heartbeat', { token: this.deviceToken, body: { currentUser: 'CONTOSO\\bob', ipAddresses: ['10.0.0.5'] }, retryOnReset: true }, [200]);
      this.ledger.count('agent.heartbeats');
      const ms = this.params.heartbeatMs * (0.75 + this.rand() * 0.5);
      await new Promise((resolve) => { this.wakeBeat = resolve; this.beatTimer = setTimeout(resolve, ms); });
    }
  }

  async poll() {
    while (this.running) {
      const controller = (this.controller = new AbortController());
      let drop;
      if (!this.reserved && this.rand() < this.params.pollDropChance) {
        drop = setTimeout(() => { if (!this.reserved) { this.ledger.count('agent.pollDrops'); controller.abort(); } }, 200 + this.rand() * 3000);
      }
      try {
        const res = await this.api.call('GET', '/api/v1/agent/offers?wait=25', { token: this.deviceToken, signal: controller.signal, retryOnReset: true });
        clearTimeout(drop);
        this.ledger.count('agent.polls');
        if (res.status !== 200) {
          if (res.status < 500) this.ledger.error(`agent.poll.${res.status}`, JSON.stringify(res.body).slice(0, 200));
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        for (const offer of res.body.value) void this.join(offer);
      } catch (error) {
        clearTimeout(drop);
        if (controller.signal.aborted) continue;
        this.ledger.error('agent.poll.network', error.cause?.code ?? error.message);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async join(offer) {
    if (!offer.agentTicket) {
      this.ledger.error('agent.offerWithoutTicket', `state ${offer.state}`);
      return;
    }
    // A session is offered again when its ticket went unused for a while (an answer lost with a dropped poll);
    // an agent that did get the first offer joins once, as rcgate's own agent does.
    if ((this.joined ??= new Set()).has(offer.sessionId)) { this.ledger.count('agent.repeatedOffers'); return; }
    this.joined.add(offer.sessionId);
    if (!this.reserved) this.ledger.error('agent.unexpectedOffer', `session offered to an agent nobody asked (${offer.state})`);
    let conn;
    try {
      const { ws, closed } = await openRelay(offer.relayUrl, offer.agentTicket);
      conn = { ws, closed, received: 0, sent: HELLO.length };
      ws.on('message', (data) => {
        conn.received += data.length;
        conn.sent += data.length;
        ws.send(data); // echo
      });
      ws.send(HELLO);
    } catch (error) {
      this.ledger.error('agent.relayConnect', error.message);
      conn = { failed: true };
    }
    const waiter = this.waiting.get(offer.sessionId);
    if (waiter) { this.waiting.delete(offer.sessionId); waiter(conn); } else if (this.forgotten?.delete(offer.sessionId)) conn.ws?.terminate(); else this.arrived.set(offer.sessionId, conn);
  }
}

module.exports = { SimAgent, HELLO };
