import fc from 'fast-check';
import type { Server } from 'node:http';
import { RelayAuditor } from '../../src/relay/relay-auditor';
import { MAX_FRAME_BYTES, RelayGateway } from '../../src/relay/relay-gateway';
import { RelaySessions } from '../../src/relay/relay-sessions';
import { END_REASONS } from '../../src/sessions/session-states';
import { RawClose, RawWsClient, clientFrame, closePayload, Opcode } from '../relay/support/raw-ws-client';
import { auditRecords, createSession, mintTicket, RelayTestApp, sessionRow, startRelayTestApp, verifiedAuditChain, waitFor } from '../relay/support/relay-fixture';

/*
 * Property tests of the relay over real sockets: a viewer and an agent that
 * speak raw WebSocket frames (so they can break the protocol) join in either
 * order, send random sequences of frames — binary of any size from 0 to the
 * relay's maxPayload, fragmented, text (valid and invalid UTF-8), pings,
 * pongs, oversized, reserved bits and opcodes, unmasked, orphan continuations,
 * garbage — and close with random codes at random moments, on either side,
 * before pairing, mid-stream or both at once, or vanish without a close.
 *
 * Whatever happens: no unhandled error in the process; every socket ends
 * within a bound and the relay lets go of it (no socket left open on the
 * server, the session no longer held); a paired session ends with an end
 * reason and byte counts between what arrived and what was sent; what each
 * side receives is exactly a prefix of what the other sent (in order, no
 * duplicates), always in binary frames; close codes and reasons are the
 * relay's own vocabulary, nothing internal. Then the audit chain verifies.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
/** How long a side may take to be let go of once its connection should end. */
const END_BOUND_MS = 5000;

type Side = 'viewer' | 'agent';

type Action =
  | { kind: 'binary'; side: Side; size: number; fragments: number; pingBetween: boolean }
  | { kind: 'text'; side: Side; valid: boolean }
  | { kind: 'ping' | 'pong'; side: Side; size: number }
  | { kind: 'bad'; side: Side; variant: BadFrame }
  | { kind: 'garbage'; side: Side; bytes: Buffer }
  | { kind: 'close'; side: Side; code: number; reason: string }
  | { kind: 'closeBoth'; code: number }
  | { kind: 'destroy'; side: Side }
  | { kind: 'wait'; ms: number };

const BAD_FRAMES = ['reservedBits', 'unmasked', 'reservedOpcode', 'orphanContinuation', 'fragmentedControl', 'controlTooLong', 'badCloseCode', 'oversize', 'newMessageMidFragment'] as const;
type BadFrame = (typeof BAD_FRAMES)[number];

interface Scenario {
  first: Side;
  /** Actions of the first side before the second one connects. */
  before: Action[];
  /** The second side: joins with its ticket, with a forged one, or never. */
  second: 'joins' | 'forgedTicket' | 'never';
  after: Action[];
}

const side = fc.constantFrom<Side>('viewer', 'agent');
const size = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2048 }) },
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 125, 126, 127, 65_535, 65_536, 65_537) },
  { weight: 2, arbitrary: fc.integer({ min: 2049, max: 300_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(MAX_FRAME_BYTES - 1, MAX_FRAME_BYTES) },
);
// Codes a client may send (RFC 6455 §7.4): 1000-1003, 1007-1011, 3000-4999.
const closeCode = fc.oneof(fc.constantFrom(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011), fc.integer({ min: 3000, max: 4999 }));
const reason = fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('x'.repeat(123)));

const action = (sides: fc.Arbitrary<Side>): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('binary' as const), side: sides, size, fragments: fc.integer({ min: 1, max: 4 }), pingBetween: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), side: sides, valid: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('ping' as const, 'pong' as const), side: sides, size: fc.integer({ min: 0, max: 125 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bad' as const), side: sides, variant: fc.constantFrom(...BAD_FRAMES) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), side: sides, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b)) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), side: sides, code: closeCode, reason }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('closeBoth' as const), code: closeCode }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('destroy' as const), side: sides }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 30 }) }) },
  );

const scenario: fc.Arbitrary<Scenario> = side.chain((first) =>
  fc.record({
    first: fc.constant(first),
    before: fc.array(action(fc.constant(first)), { maxLength: 3 }),
    second: fc.oneof({ weight: 8, arbitrary: fc.constant('joins' as const) }, { weight: 1, arbitrary: fc.constantFrom('forgedTicket' as const, 'never' as const) }),
    after: fc.array(action(side), { maxLength: 8 }),
  }),
);

/** Distinct bytes per message and position, so reordering or duplication shows. */
function payloadOf(messageNo: number, length: number): Buffer {
  const payload = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) payload[i] = (messageNo * 31 + i * 7) & 0xff;
  return payload;
}

function badFrame(variant: BadFrame): Buffer {
  const data = Buffer.from('bad');
  switch (variant) {
    case 'reservedBits':
      return clientFrame(Opcode.binary, data, { rsv: 4 });
    case 'unmasked':
      return clientFrame(Opcode.binary, data, { masked: false });
    case 'reservedOpcode':
      return clientFrame(0x3, data);
    case 'orphanContinuation':
      return clientFrame(Opcode.continuation, data);
    case 'fragmentedControl':
      return clientFrame(Opcode.ping, data, { fin: false });
    case 'controlTooLong':
      return clientFrame(Opcode.ping, Buffer.alloc(126));
    case 'badCloseCode':
      return clientFrame(Opcode.close, closePayload(1005));
    case 'oversize': {
      // Only the header (with a zero mask) and a few bytes: the relay must refuse on the declared length.
      const header = Buffer.alloc(14);
      header[0] = 0x82;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(MAX_FRAME_BYTES + 1), 2);
      return Buffer.concat([header, Buffer.alloc(16, 1)]);
    }
    case 'newMessageMidFragment':
      return Buffer.concat([clientFrame(Opcode.binary, data, { fin: false }), clientFrame(Opcode.binary, data)]);
  }
}

/** Close codes the relay may send or pass on, and what ws itself sends on protocol errors. */
const RELAY_CODES = new Set([1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1011, 4000, 4401, 4409]);
const allowedClose = (close: RawClose, own: RawClose | undefined): boolean =>
  // The echo of the client's own close frame, or the relay's vocabulary: short words, no internals.
  (own !== undefined && close.code === own.code && close.reason === own.reason) ||
  ((RELAY_CODES.has(close.code) || (close.code >= 3000 && close.code <= 4999)) && /^[A-Za-z]{0,40}$/.test(close.reason));

describe('relay fuzzing: random frames and close timing against the real relay', () => {
  let t: RelayTestApp;
  const unhandled: unknown[] = [];
  const seen = { paired: 0, bytesDelivered: 0 };
  const onUnhandled = (error: unknown) => unhandled.push(error);

  beforeAll(async () => {
    // Forged tickets are part of the input: the per-address limit must not turn the fuzzer away.
    t = await startRelayTestApp({ TICKET_FAILURES_PER_MINUTE: '1000000' });
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    await t?.close();
  });

  const openServerSockets = () => new Promise<number>((resolve, reject) => (t.app.getHttpServer() as Server).getConnections((error, count) => (error ? reject(error) : resolve(count))));

  async function play(s: Scenario): Promise<void> {
    const session = await createSession(t);
    const tickets = { viewer: await mintTicket(t, session, 'viewer'), agent: await mintTicket(t, session, 'agent') };
    const clients: Partial<Record<Side, RawWsClient>> = {};
    const sent: Record<Side, Buffer[]> = { viewer: [], agent: [] };
    let messageNo = 0;

    const run = async (a: Action): Promise<void> => {
      if (a.kind === 'wait') return void (await new Promise((resolve) => setTimeout(resolve, a.ms)));
      if (a.kind === 'closeBoth') {
        for (const c of Object.values(clients)) if (c?.isOpen) c.sendClose(a.code);
        return;
      }
      const c = clients[a.side];
      if (!c?.isOpen) return;
      switch (a.kind) {
        case 'binary': {
          const payload = payloadOf(messageNo++, a.size);
          const cut = Array.from({ length: a.fragments - 1 }, (_, i) => Math.floor(((i + 1) * a.size) / a.fragments));
          const parts = [0, ...cut, a.size].slice(1).map((end, i, ends) => payload.subarray(i === 0 ? 0 : ends[i - 1], end));
          const frames = parts.map((part, i) => clientFrame(i === 0 ? Opcode.binary : Opcode.continuation, part, { fin: i === parts.length - 1 }));
          c.write(Buffer.concat(a.pingBetween && frames.length > 1 ? [frames[0], clientFrame(Opcode.ping, Buffer.from('p')), ...frames.slice(1)] : frames));
          sent[a.side].push(payload);
          return;
        }
        case 'text':
          return c.write(clientFrame(Opcode.text, a.valid ? Buffer.from('héllo') : Buffer.from([0x68, 0xff, 0xfe, 0xc0])));
        case 'ping':
        case 'pong':
          return c.write(clientFrame(a.kind === 'ping' ? Opcode.ping : Opcode.pong, Buffer.alloc(a.size, 0x70)));
        case 'bad':
          return c.write(badFrame(a.variant));
        case 'garbage':
          return c.write(a.bytes);
        case 'close':
          return c.sendClose(a.code, a.reason);
        case 'destroy':
          return c.destroy();
      }
    };

    const second: Side = s.first === 'viewer' ? 'agent' : 'viewer';
    clients[s.first] = await RawWsClient.connect(t.relayUrl, tickets[s.first]);
    for (const a of s.before) await run(a);
    if (s.second !== 'never') clients[second] = await RawWsClient.connect(t.relayUrl, s.second === 'joins' ? tickets[second] : `${tickets[second].slice(0, -4)}AAAA`);
    for (const a of s.after) await run(a);

    // Whoever is still connected leaves politely; a side that cannot (a frame the relay still
    // waits to complete) is cut off after a while, as a vanished peer would be.
    const all = Object.values(clients).filter((c): c is RawWsClient => c !== undefined);
    for (const c of all) if (c.isOpen) c.sendClose(1000);
    const closes = await Promise.all(
      all.map((c) =>
        Promise.race([
          c.closed,
          new Promise<RawClose>((resolve) =>
            setTimeout(() => {
              c.destroy();
              resolve(c.closed);
            }, 2000),
          ),
        ]),
      ),
    );

    // Let go within the bound: no relay socket, no held session, no server connection left.
    const gateway = t.app.get(RelayGateway);
    const relaySessions = t.app.get(RelaySessions);
    await waitFor(() => gateway.connections().size === 0, END_BOUND_MS, 'relay sockets closed');
    await waitFor(() => !relaySessions.heldIds().includes(session.id), END_BOUND_MS, 'session released by the relay');
    await waitFor(async () => (await openServerSockets()) === 0, END_BOUND_MS, 'server connections back to none');
    await waitFor(() => t.app.get(RelayAuditor).pendingWrites === 0, 10_000, 'audit writes done');

    closes.forEach((close, i) => expect({ close, allowed: allowedClose(close, all[i].ownClose) }).toMatchObject({ allowed: true }));
    for (const c of all) expect([...c.dataOpcodes].every((opcode) => opcode === Opcode.binary || opcode === Opcode.continuation)).toBe(true);

    // Delivered bytes are a prefix of the sent ones, each direction.
    const delivered = { toAgent: Buffer.concat(clients.agent?.received ?? []), toViewer: Buffer.concat(clients.viewer?.received ?? []) };
    const sentBy = { viewer: Buffer.concat(sent.viewer), agent: Buffer.concat(sent.agent) };
    expect(delivered.toAgent.equals(sentBy.viewer.subarray(0, delivered.toAgent.length))).toBe(true);
    expect(delivered.toViewer.equals(sentBy.agent.subarray(0, delivered.toViewer.length))).toBe(true);

    // Never paired: the session waits (for the reaper). Paired: it ended, for a reason, with honest byte counts.
    const row = await sessionRow(t, session.id);
    if (row.state === 'ready') {
      expect(await auditRecords(t, 'sessionStarted', session.id)).toHaveLength(0);
      return;
    }
    expect(row.state).toBe('ended');
    seen.paired++;
    seen.bytesDelivered += delivered.toAgent.length + delivered.toViewer.length;
    expect(END_REASONS).toContain(row.endReason);
    expect(Number(row.bytesFromViewer)).toBeGreaterThanOrEqual(delivered.toAgent.length);
    expect(Number(row.bytesFromViewer)).toBeLessThanOrEqual(sentBy.viewer.length);
    expect(Number(row.bytesFromAgent)).toBeGreaterThanOrEqual(delivered.toViewer.length);
    expect(Number(row.bytesFromAgent)).toBeLessThanOrEqual(sentBy.agent.length);
    expect(await auditRecords(t, 'sessionStarted', session.id)).toHaveLength(1);
    const [ended, ...more] = await auditRecords(t, 'sessionEnded', session.id);
    expect(more).toHaveLength(0);
    expect(ended.details).toMatchObject({ endReason: row.endReason, bytesFromViewer: Number(row.bytesFromViewer), bytesFromAgent: Number(row.bytesFromAgent) });
  }

  it('never crashes, hangs, leaks a socket, duplicates or reorders bytes, or leaks internals', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await play(s);
        expect(unhandled).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: 100_000 },
    );
    // Not vacuous: some runs paired and carried bytes.
    expect(seen.paired).toBeGreaterThan(0);
    expect(seen.bytesDelivered).toBeGreaterThan(0);
    expect(await verifiedAuditChain(t)).toMatchObject({ valid: true, firstBrokenSeq: null });
  }, 150_000);
});
