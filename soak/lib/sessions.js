'use strict';
// The viewer side and the life of one session: POST /sessions → viewer and agent join the relay →
// bytes echoed both ways → ended by the viewer, the agent (close or drop) or an administrator →
// the session row must say `ended` with the matching endReason and byte counts.
const { createHash } = require('node:crypto');
const { openRelay } = require('./relay-socket');
const { HELLO } = require('./agent');

const END_MODES = [
  ['viewerClose', 0.35, 'viewerClosed'],
  ['agentClose', 0.2, 'agentClosed'],
  ['agentDrop', 0.15, 'agentClosed'],
  ['adminEnd', 0.3, 'endedByAdministrator'],
];

// Resolves after `ms`, or at once when `signal` aborts, removing its listener either way: every live
// session sleeps on the one run-wide signal about once a second (a hand-written copy that left its
// listener behind starved this process after a few minutes). `npm run soak` builds dist/ first.
const { sleep } = require('../../dist/cli/agent/backoff');

const within = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(undefined), ms))]);

/** At most `n` holders at once; the rest wait in line (FIFO). */
class Semaphore {
  constructor(n) {
    this.free = n;
    this.queue = [];
  }

  async acquire() {
    if (this.free > 0) { this.free--; return; }
    await new Promise((resolve) => this.queue.push(resolve));
  }

  release() {
    const next = this.queue.shift();
    if (next) next(); else this.free++;
  }
}

/** Idle agents to take a device from; a taken agent is reserved until given back. */
class AgentPool {
  constructor(agents, rand) {
    this.idle = [...agents];
    this.rand = rand;
  }

  async take(signal) {
    while (!this.idle.length) {
      if (signal?.aborted) return undefined;
      await sleep(20);
    }
    const agent = this.idle.splice(Math.floor(this.rand() * this.idle.length), 1)[0];
    agent.reserved = true;
    return agent;
  }

  tryTake() {
    if (!this.idle.length) return undefined;
    const agent = this.idle.splice(Math.floor(this.rand() * this.idle.length), 1)[0];
    agent.reserved = true;
    return agent;
  }

  give(agent) {
    agent.reserved = false;
    this.idle.push(agent);
  }
}

class SessionDriver {
  constructor({ api, pool, ledger, params, rand, payload }) {
    Object.assign(this, { api, pool, ledger, params, rand, payload });
    /** sessionId → { mode, expectedEnd, paired } for the final audit check. */
    this.sessions = new Map();
    /** Viewer tickets already used (for the replay fault); kept in memory only. */
    this.usedTickets = [];
    this.live = 0;
    this.peakLive = 0;
    /** Set by the runner when the ramp is over. */
    this.rampDone = false;
    /**
     * Sessions being set up (POST → both sides joined) at once. Closed-loop admission: when the
     * server is slow, new sessions wait here instead of piling up on its connection pool.
     */
    this.setups = new Semaphore(params.setupConcurrency);
  }

  pickMode() {
    let r = this.rand();
    for (const [mode, weight, reason] of END_MODES) { if ((r -= weight) <= 0) return { mode, reason }; }
    return { mode: 'viewerClose', reason: 'viewerClosed' };
  }

  async slot(stop) {
    while (!stop.aborted) {
      const agent = await this.pool.take(stop);
      if (!agent) return;
      try {
        await this.runOne(agent, stop);
      } catch (error) {
        this.ledger.error('session.exception', error.stack ?? error);
      } finally {
        this.pool.give(agent);
      }
    }
  }

  async create(agent) {
    const created = await this.api.must('POST', '/api/v1/sessions', { body: { deviceId: agent.deviceId, type: 'remoteControl', accessLevel: 'fullControl', reason: 'soak' } }, [201]);
    if (created) this.ledger.count('sessions.created');
    return created;
  }

  async runOne(agent, stop) {
    const { mode, reason: expectedEnd } = this.pickMode();
    await this.setups.acquire();
    let settingUp = true;
    const setUp = () => { if (settingUp) { settingUp = false; this.setups.release(); } };
    if (stop.aborted) return setUp();
    const created = await this.create(agent);
    if (!created) return setUp();
    const id = created.id;
    const record = { mode, expectedEnd, paired: false };
    this.sessions.set(id, record);
    this.live++;
    this.peakLive = Math.max(this.peakLive, this.live);
    try {
      // The viewer joins at once, as the CLI and the browser viewer do; the agent when its long poll answers.
      const [agentSide, viewer] = await Promise.all([
        within(agent.expect(id), this.params.joinTimeoutMs),
        openRelay(created.relayUrl, created.viewerTicket).catch((error) => ({ error })),
      ]);
      if (!agentSide || agentSide.failed || viewer.error) {
        agent.forget(id);
        if (!agentSide) this.ledger.error('session.stuck', `the agent never got its offer within ${this.params.joinTimeoutMs} ms`);
        if (viewer.error) this.ledger.error('viewer.relayConnect', viewer.error.message);
        viewer.ws?.terminate();
        agentSide?.ws?.terminate();
        return this.settle(id, record, null);
      }
      this.usedTickets.push({ relayUrl: created.relayUrl, ticket: created.viewerTicket });
      if (this.usedTickets.length > 50) this.usedTickets.shift();
      const stream = this.viewerStream(viewer.ws);
      if (!(await within(stream.hello, this.params.joinTimeoutMs))) {
        this.ledger.error('session.stuck', 'no first byte from the agent through the relay');
        viewer.ws.terminate();
        agentSide.ws.terminate();
        return this.settle(id, record, null);
      }
      record.paired = true;
      setUp();
      // Traffic: random chunks from the viewer, echoed by the agent. Sessions opened by the ramp hold on
      // until it is done, so the run starts at full concurrency; then each lasts holdMs.
      const hold = this.params.holdMs[0] + this.rand() * (this.params.holdMs[1] - this.params.holdMs[0]);
      let until = Date.now() + hold;
      while ((!this.rampDone || Date.now() < until) && !stop.aborted && viewer.ws.readyState === 1) {
        if (!this.rampDone) until = Date.now() + hold;
        const size = 64 + Math.floor(this.rand() * this.params.maxChunk);
        const off = Math.floor(this.rand() * (this.payload.length - size));
        stream.send(this.payload.subarray(off, off + size));
        await sleep(this.params.sendEveryMs * (0.5 + this.rand()), stop);
      }
      // Everything sent must come back before the end.
      const drained = await within(stream.drained(), this.params.drainTimeoutMs);
      if (!drained) this.ledger.error('bytes.lost', `viewer sent ${stream.sent}, got back ${stream.echoed} within ${this.params.drainTimeoutMs} ms`);
      else if (!stream.sameBytes()) this.ledger.error('bytes.corrupted', `${stream.sent} bytes echoed with a different digest`);
      this.ledger.count('bytes.viewerToAgent', stream.sent);
      this.ledger.count('bytes.agentToViewer', stream.echoed + HELLO.length);
      await this.end(id, mode, viewer, agentSide);
      return this.settle(id, record, { fromViewer: stream.sent, fromAgent: agentSide.sent });
    } finally {
      setUp();
      this.live--;
    }
  }

  viewerStream(ws) {
    const sentHash = createHash('sha256');
    const gotHash = createHash('sha256');
    const s = { sent: 0, echoed: 0, skip: HELLO.length, drainWaiters: [] };
    let helloSeen;
    s.hello = new Promise((resolve) => (helloSeen = resolve));
    ws.on('message', (data) => {
      let chunk = data;
      if (s.skip > 0) {
        const n = Math.min(s.skip, chunk.length);
        s.skip -= n;
        chunk = chunk.subarray(n);
        if (s.skip === 0) helloSeen(true);
      }
      if (!chunk.length) return;
      s.echoed += chunk.length;
      gotHash.update(chunk);
      if (s.echoed >= s.sent) for (const w of s.drainWaiters.splice(0)) w(true);
    });
    s.send = (buf) => { s.sent += buf.length; sentHash.update(buf); ws.send(buf); };
    s.drained = () => (s.echoed >= s.sent ? Promise.resolve(true) : new Promise((resolve) => s.drainWaiters.push(resolve)));
    s.sameBytes = () => s.echoed === s.sent && sentHash.copy().digest('hex') === gotHash.copy().digest('hex');
    return s;
  }

  async end(id, mode, viewer, agent) {
    // The side that did not end the session must see the relay close it with these codes.
    let expected;
    if (mode === 'viewerClose') {
      viewer.ws.close(1000);
      expected = [['agent', agent.closed, [1000]]];
    } else if (mode === 'agentClose') {
      agent.ws.close(1000);
      expected = [['viewer', viewer.closed, [1000]]];
    } else if (mode === 'agentDrop') {
      agent.ws.terminate();
      expected = [['viewer', viewer.closed, [1000]]];
    } else {
      const ended = await this.api.must('POST', `/api/v1/sessions/${id}/end`, {}, [200]);
      if (ended) this.ledger.count('sessions.endedByAdmin');
      expected = [['viewer', viewer.closed, [4000], 'endedByAdministrator'], ['agent', agent.closed, [4000], 'endedByAdministrator']];
    }
    for (const [side, closed, codes, reason] of expected) {
      const c = await within(closed, this.params.closeTimeoutMs);
      if (!c) {
        this.ledger.error('close.timeout', `${mode}: the ${side} socket was not closed within ${this.params.closeTimeoutMs} ms`);
        continue;
      }
      if (!codes.includes(c.code) || (reason && c.reason !== reason)) this.ledger.error('close.unexpectedCode', `${mode}: ${side} closed ${c.code} '${c.reason}', expected ${codes.join('/')}${reason ? ` '${reason}'` : ''}`);
    }
    viewer.ws.terminate();
    agent.ws.terminate();
  }

  /** Waits for the row to be ended with the expected endReason (and byte counts, when given). */
  async settle(id, record, bytes) {
    const deadline = Date.now() + this.params.settleTimeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await this.api.must('GET', `/api/v1/sessions/${id}`, {}, [200]);
      if (last?.state === 'ended' && (!bytes || (last.bytesFromViewer === bytes.fromViewer && last.bytesFromAgent === bytes.fromAgent))) break;
      await sleep(500);
    }
    if (!last || last.state !== 'ended') {
      this.ledger.error('session.stuck', `${record.mode}: still ${last?.state} after ${this.params.settleTimeoutMs} ms`);
      return;
    }
    if (!last.endReason) this.ledger.error('session.noEndReason', record.mode);
    else if (bytes && last.endReason !== record.expectedEnd) this.ledger.error('session.wrongEndReason', `${record.mode}: ${last.endReason}, expected ${record.expectedEnd}`);
    if (bytes && (last.bytesFromViewer !== bytes.fromViewer || last.bytesFromAgent !== bytes.fromAgent)) {
      this.ledger.error('session.byteCounts', `${record.mode}: row says ${last.bytesFromViewer}/${last.bytesFromAgent}, sent ${bytes.fromViewer}/${bytes.fromAgent}`);
    }
    record.endReason = last.endReason;
    this.ledger.count(`sessions.ended.${last.endReason}`);
    this.ledger.count('sessions.completed');
  }
}

module.exports = { SessionDriver, AgentPool, Semaphore, sleep, within };
