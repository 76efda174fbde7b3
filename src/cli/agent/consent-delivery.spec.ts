import { ApiError, ServerUnreachableError } from '../client/api-error';
import { ConsentResult } from '../client/api.types';
import { Backoff } from './backoff';
import { deliverConsent } from './consent-delivery';

const granted = { sessionId: 's1', state: 'ready', agentTicket: 't' } as unknown as ConsentResult;
const unreachable = () => new ServerUnreachableError('http://rcgate.test', Object.assign(new Error('fetch failed'), { cause: new Error('other side closed') }));
const problem = (status: number, code: string) => new ApiError(status, { status, code });
const fastBackoff = () => new Backoff({ initialMs: 1, maxMs: 2, jitter: 0 });
const inAMinute = () => new Date(Date.now() + 60_000);

/** A send() that fails with `failures` in turn, then answers; records the key of every attempt. */
function flakySend(failures: Error[]) {
  const keys: string[] = [];
  const send = async (key: string) => {
    keys.push(key);
    const failure = failures.shift();
    if (failure) throw failure;
    return granted;
  };
  return { send, keys };
}

describe('delivering the user’s consent answer', () => {
  it('retries while the server is unreachable or unavailable, with one idempotency key throughout', async () => {
    const { send, keys } = flakySend([unreachable(), problem(503, 'databaseUnavailable'), problem(502, 'badGateway'), problem(504, 'gatewayTimeout')]);
    const retried: string[] = [];
    await expect(deliverConsent({ send, deadline: inAMinute(), backoff: fastBackoff(), onRetry: (e) => retried.push(e.name) })).resolves.toBe(granted);
    expect(keys).toHaveLength(5);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(retried).toEqual(['ServerUnreachableError', 'ApiError', 'ApiError', 'ApiError']);
  });

  it('gives up at once on an answer that is final (409 too late, 404, 400)', async () => {
    for (const final of [problem(409, 'consentAlreadyAnswered'), problem(404, 'notFound'), problem(400, 'validationFailed')]) {
      const { send, keys } = flakySend([final]);
      await expect(deliverConsent({ send, deadline: inAMinute(), backoff: fastBackoff() })).rejects.toBe(final);
      expect(keys).toHaveLength(1);
    }
  });

  it('stops retrying when the next attempt would come after the consent deadline', async () => {
    let clock = 0;
    const { send, keys } = flakySend(Array.from({ length: 50 }, unreachable));
    // Delays of 1, 2, 4, 8 … s on a fake clock.
    const backoff = new Backoff({ initialMs: 1000, maxMs: 60_000, jitter: 0 });
    const sleep = async (ms: number) => { clock += ms; };
    await expect(deliverConsent({ send, deadline: new Date(10_000), backoff, now: () => clock, sleep })).rejects.toBeInstanceOf(ServerUnreachableError);
    // 1 + 2 + 4 = 7 s of waiting fit before 10 s; the fourth delay (8 s) would not.
    expect(keys).toHaveLength(4);
  });
});
