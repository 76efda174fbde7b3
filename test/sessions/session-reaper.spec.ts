import { SessionReaper } from '../../src/sessions/session-reaper';
import { PAIRED_START_GRACE_SECONDS } from '../../src/sessions/sessions.repository';
import { createSession, mintTicket, RelayTestApp, sessionRow, startRelayTestApp } from '../relay/support/relay-fixture';

/**
 * The join deadline ends sessions nobody (or only one side) joined. Once both
 * tickets are used the relay has paired the sides and records the start in
 * the background; under load that record can land after the deadline, and the
 * reaper must not end a live stream `ticketExpired` in between.
 */
describe('session reaper: join deadline', () => {
  let t: RelayTestApp;

  beforeAll(async () => {
    t = await startRelayTestApp();
  });
  afterAll(() => t.close());

  // Sessions are made with a deadline ahead (the app's own periodic sweep must not reach them while they are set
  // up), then the deadline is moved into the past right before the sweep under test.
  const futureDeadline = () => ({ joinDeadline: new Date(Date.now() + 60_000) });
  const deadlinePassed = (ids: string[]) =>
    t.dataSource.query(`UPDATE sessions SET join_deadline = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [ids]);
  const consume = (sessionId: string, roles: string[]) =>
    t.dataSource.query('UPDATE session_tickets SET consumed_at = now() WHERE session_id = $1 AND role = ANY($2::text[])', [sessionId, roles]);

  it('ends a ready session past its join deadline ticketExpired when a side never joined, and leaves one both sides joined', async () => {
    const lonely = await createSession(t, futureDeadline());
    await mintTicket(t, lonely, 'viewer');
    await mintTicket(t, lonely, 'agent');
    await consume(lonely.id, ['viewer']);
    const paired = await createSession(t, futureDeadline());
    await mintTicket(t, paired, 'viewer');
    await mintTicket(t, paired, 'agent');
    await consume(paired.id, ['viewer', 'agent']);
    await deadlinePassed([lonely.id, paired.id]);

    // Both joined but never paired (the viewer left before the agent came): reaped once the grace is over too.
    const neverPaired = await createSession(t, { joinDeadline: new Date(Date.now() - (PAIRED_START_GRACE_SECONDS + 5) * 1000) });
    await mintTicket(t, neverPaired, 'viewer');
    await mintTicket(t, neverPaired, 'agent');
    await consume(neverPaired.id, ['viewer', 'agent']);

    await t.app.get(SessionReaper).sweep();

    expect(await sessionRow(t, lonely.id)).toMatchObject({ state: 'ended', endReason: 'ticketExpired' });
    expect(await sessionRow(t, paired.id)).toMatchObject({ state: 'ready', endReason: null });
    expect(await sessionRow(t, neverPaired.id)).toMatchObject({ state: 'ended', endReason: 'ticketExpired' });
  });
});
