import { Client } from 'pg';
import { Notifications } from '../../src/database/notifications/notifications.service';
import { SessionEvents } from '../../src/sessions/session-events';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../relay/support/relay-fixture';
import { startRelayNode } from '../../src/relay/start-relay-node';

describe('LISTEN/NOTIFY: one connection per process that comes back by itself', () => {
  let t: TestApp;
  let notifications: Notifications;
  let sql: Client;

  const listenConnections = async () =>
    (await sql.query(`SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' ORDER BY 1`)).rows as { name: string }[];
  const notify = (channel: string, payload: string) => sql.query('SELECT pg_notify($1, $2)', [channel, payload]);

  beforeAll(async () => {
    t = await startTestApp();
    await t.listen();
    await startRelayNode(t.app, t.config);
    notifications = t.app.get(Notifications);
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await t?.close();
  });

  it('serves the relay, GraphQL events and the key watcher (and, once polled, the offer waiter) over a single connection', async () => {
    // The relay's end listener and the key watcher subscribe at start; events and offers on first use.
    await t.app.get(SessionEvents).sessions(new AbortController().signal);
    expect(await notifications.whenListening(5000)).toBe(true);
    await waitFor(async () => (await listenConnections()).length > 0, 5000, 'a LISTEN connection');
    const connections = await sql.query(`SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'rcgate-%' AND application_name <> 'rcgate'`);
    expect(connections.rows).toEqual([{ name: 'rcgate-listen' }]);
  });

  it('re-LISTENs after its connection is killed, calls onReconnect, and delivers again', async () => {
    const received: string[] = [];
    let reconnects = 0;
    const stop = notifications.listen('rcgate_test_channel', (payload) => received.push(payload), { onReconnect: () => void reconnects++ });
    expect(await notifications.whenListening(5000)).toBe(true);
    await waitFor(() => reconnects === 1, 5000, 'the catch-up of a new subscription');
    await notify('rcgate_test_channel', 'before');
    await waitFor(() => received.includes('before'), 5000, 'the first notification');

    await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'rcgate-listen'`);
    await waitFor(() => reconnects === 2, 10_000, 'the reconnect and its catch-up');
    await notify('rcgate_test_channel', 'after');
    await waitFor(() => received.includes('after'), 5000, 'a notification after the reconnect');
    expect(received).toEqual(['before', 'after']);

    stop();
    await notify('rcgate_test_channel', 'unheard');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual(['before', 'after']);
  });

  it('refuses a channel name that is not a plain identifier (LISTEN takes no parameters)', () => {
    expect(() => notifications.listen('x; DROP TABLE sessions', () => undefined)).toThrow(/not a channel name/);
  });
});
