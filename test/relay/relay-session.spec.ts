import { AuditChain } from '../../src/audit/audit-chain';
import { Metrics } from '../../src/ops/metrics';
import { RelayGateway } from '../../src/relay/relay-gateway';
import { expectedHandshakeOutput, HANDSHAKES } from '../../src/relay/rfb/testing/rfb-conversations';
import { clientMessage } from '../../src/relay/rfb/testing/rfb-stream-builders';
import { SessionEntity } from '../../src/sessions/session.entity';
import { auditRecords, connect, createSession, mintTicket, RelayClient, RelayTestApp, sessionRow, startRelayTestApp, verifiedAuditChain, waitFor } from './support/relay-fixture';

const MiB = 1024 * 1024;

describe('a session through the relay', () => {
  let t: RelayTestApp;

  beforeAll(async () => {
    t = await startRelayTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const endedSession = async (id: string) => {
    await waitFor(async () => (await sessionRow(t, id)).state === 'ended', 5000, 'session ended');
    return sessionRow(t, id);
  };

  /**
   * The agent joins first (as it does after its offer), then the viewer.
   * Resolves once they are paired (the session is active): before that, a
   * side may send only a handshake's worth.
   */
  async function pairedSession(values: Partial<SessionEntity> = {}, agentFirstBytes?: Buffer, pairedStates: readonly string[] = ['active']) {
    const session = await createSession(t, values);
    const agent = await connect(t.relayUrl, await mintTicket(t, session, 'agent'), { via: 'query', role: 'agent' });
    if (agentFirstBytes) agent.ws.send(agentFirstBytes);
    const viewer = await connect(t.relayUrl, await mintTicket(t, session, 'viewer'));
    await waitFor(async () => pairedStates.includes((await sessionRow(t, session.id)).state), 15_000, 'session active');
    return { session, agent, viewer };
  }

  it('pairs viewer and agent, carries bytes both ways, and records start and end with the bytes sent', async () => {
    const { session, agent, viewer } = await pairedSession({}, Buffer.from('RFB 003.008\n'));
    expect(viewer.ws.protocol).toBe('rcgate.v1');
    await waitFor(() => viewer.bytesReceived() === 12, 5000, 'early agent bytes at the viewer');

    for (const size of [1000, 70_000]) viewer.ws.send(Buffer.alloc(size, 7));
    agent.ws.send(Buffer.alloc(300_000, 9));
    await waitFor(() => agent.bytesReceived() === 71_000 && viewer.bytesReceived() === 300_012, 5000, 'bytes both ways');
    expect(Buffer.concat(agent.received).equals(Buffer.alloc(71_000, 7))).toBe(true);

    expect(await auditRecords(t, 'sessionStarted', session.id)).toEqual([expect.objectContaining({ actor: 'admin', deviceId: session.deviceId })]);

    viewer.ws.close(1000);
    expect(await agent.closed).toEqual({ code: 1000, reason: 'viewerClosed' });
    expect(await endedSession(session.id)).toMatchObject({ endReason: 'viewerClosed', bytesFromViewer: '71000', bytesFromAgent: '300012' });
    const [ended] = await auditRecords(t, 'sessionEnded', session.id);
    expect(ended).toMatchObject({ actor: 'admin', details: { endReason: 'viewerClosed', bytesFromViewer: 71_000, bytesFromAgent: 300_012, previousState: 'active' } });
  });

  it('ends the session agentClosed when the agent goes, and tells the viewer', async () => {
    const { session, agent, viewer } = await pairedSession();
    agent.ws.send(Buffer.from('hello'));
    await waitFor(() => viewer.bytesReceived() === 5);
    agent.ws.close(1000);
    expect(await viewer.closed).toEqual({ code: 1000, reason: 'agentClosed' });
    expect(await endedSession(session.id)).toMatchObject({ endReason: 'agentClosed', bytesFromAgent: '5' });
    expect((await auditRecords(t, 'sessionEnded', session.id))[0].actor).toBe(`agent:${session.deviceId}`);
  });

  it('keeps streaming while the audit trail cannot be written, counts the failures, and records once it can', async () => {
    const session = await createSession(t);
    const [agentTicket, viewerTicket] = [await mintTicket(t, session, 'agent'), await mintTicket(t, session, 'viewer')];
    const failures = async () => (await t.app.get(Metrics).auditWriteFailures.get()).values.find((v) => v.labels.event === 'sessionStarted')?.value ?? 0;
    const before = await failures();
    const outage = jest.spyOn(t.app.get(AuditChain), 'append').mockRejectedValue(new Error('audit storage unavailable'));
    try {
      const agent = await connect(t.relayUrl, agentTicket);
      const viewer = await connect(t.relayUrl, viewerTicket);
      await waitFor(async () => (await failures()) >= before + 2, 5000, 'failed sessionStarted writes');
      viewer.ws.send(Buffer.from('keys'));
      agent.ws.send(Buffer.from('pixels'));
      await waitFor(() => agent.bytesReceived() === 4 && viewer.bytesReceived() === 6, 5000, 'bytes during the outage');
      expect((await sessionRow(t, session.id)).state).toBe('ready');
    } finally {
      outage.mockRestore();
    }
    await waitFor(async () => (await sessionRow(t, session.id)).state === 'active', 5000, 'sessionStarted once the trail is back');
    expect(await auditRecords(t, 'sessionStarted', session.id)).toHaveLength(1);
  });

  describe('RFB through a remote-control session', () => {
    const turns = HANDSHAKES['RFB 3.8 with no authentication'];
    const agentTurns = turns.filter((turn) => turn.from === 'agent');
    const viewerTurns = turns.filter((turn) => turn.from === 'viewer');

    /** A tiny VNC server on the agent side: speaks first, answers each handshake step, then only listens. */
    function scriptedRfbServer(agent: RelayClient): void {
      let next = 0;
      agent.ws.send(agentTurns[next++].bytes);
      agent.ws.on('message', () => {
        if (next < agentTurns.length) agent.ws.send(agentTurns[next++].bytes);
      });
    }

    async function afterHandshake(accessLevel: 'viewOnly' | 'fullControl') {
      const session = await createSession(t, { accessLevel });
      const agent = await connect(t.relayUrl, await mintTicket(t, session, 'agent'));
      scriptedRfbServer(agent);
      const viewer = await connect(t.relayUrl, await mintTicket(t, session, 'viewer'));
      for (const [index, turn] of viewerTurns.entries()) {
        await waitFor(() => viewer.received.length > index, 5000, `handshake step ${index}`);
        viewer.ws.send(turn.bytes);
      }
      await waitFor(() => viewer.received.length === agentTurns.length, 5000, 'ServerInit');
      return { agent, viewer, handshake: Buffer.concat(agent.received) };
    }

    const input = () => [clientMessage.keyEvent(0xff0d), clientMessage.pointerEvent(1, 10, 20)];
    const request = clientMessage.framebufferUpdateRequest();

    it('keeps the viewer’s keys and clicks from the agent in a view-only session', async () => {
      const { agent, viewer, handshake } = await afterHandshake('viewOnly');
      expect(handshake).toEqual(expectedHandshakeOutput(turns));
      for (const message of [...input(), request]) viewer.ws.send(message);
      await waitFor(() => agent.bytesReceived() > handshake.length);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(Buffer.concat(agent.received).subarray(handshake.length)).toEqual(request);
    });

    it('lets them through in a full-control session', async () => {
      const { agent, viewer, handshake } = await afterHandshake('fullControl');
      const sent = [...input(), request];
      for (const message of sent) viewer.ws.send(message);
      await waitFor(() => agent.bytesReceived() === handshake.length + Buffer.concat(sent).length);
      expect(Buffer.concat(agent.received).subarray(handshake.length)).toEqual(Buffer.concat(sent));
    });
  });

  it('closes a side that sends a frame over 16 MiB with 1009 and ends the session', async () => {
    const { session, agent, viewer } = await pairedSession();
    viewer.ws.send(Buffer.alloc(16 * MiB + 1));
    expect((await viewer.closed).code).toBe(1009);
    expect(await agent.closed).toEqual({ code: 1000, reason: 'viewerClosed' });
    expect((await endedSession(session.id)).endReason).toBe('viewerClosed');
  });

  it('stops reading the agent while the viewer does not read, so relay memory stays bounded', async () => {
    const { agent, viewer } = await pairedSession();
    viewer.ws.pause();
    const total = 64 * MiB;
    for (let sent = 0; sent < total; sent += MiB) agent.ws.send(Buffer.alloc(MiB, 1));
    const relaySockets = () => [...t.app.get(RelayGateway).connections()];
    let settled = -1;
    await waitFor(() => {
      const settledNow = agent.ws.bufferedAmount === settled;
      settled = agent.ws.bufferedAmount;
      return settledNow;
    }, 10_000, 'the agent’s queue to stop draining');
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const ws of relaySockets()) expect(ws.bufferedAmount).toBeLessThanOrEqual(2 * MiB);
    // What the relay would not take waits at the sender.
    expect(agent.ws.bufferedAmount).toBeGreaterThan(16 * MiB);
    viewer.ws.resume();
    await waitFor(() => viewer.bytesReceived() === total, 20_000, 'every byte delivered');
  });

  it('ends a session that reaches its maximum duration with 4000 maxDurationReached', async () => {
    // On a slow machine the deadline may pass before the pairing is seen: ended is a paired state here.
    const { session, agent, viewer } = await pairedSession({ maxEndAt: new Date(Date.now() + 1500) }, undefined, ['active', 'ended']);
    expect(await Promise.all([viewer.closed, agent.closed])).toEqual([
      { code: 4000, reason: 'maxDurationReached' },
      { code: 4000, reason: 'maxDurationReached' },
    ]);
    expect((await endedSession(session.id)).endReason).toBe('maxDurationReached');
  });

  it('leaves an audit chain that verifies', async () => {
    expect(await verifiedAuditChain(t)).toMatchObject({ valid: true, firstBrokenSeq: null });
  });
});
