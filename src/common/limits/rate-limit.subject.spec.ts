import type { Request } from 'express';
import { rateLimitSubjectOf } from './rate-limit.subject';

const request = (values: Partial<Request> & { user?: unknown }) => ({ headers: {}, socket: { remoteAddress: '203.0.113.9' }, ...values }) as unknown as Request & { user?: unknown };

describe('rateLimitSubjectOf', () => {
  it('charges an authenticated principal to its token id, whatever address it calls from', () => {
    const a = rateLimitSubjectOf(request({ user: { tokenId: 't-1' }, ip: '10.0.0.1' }), false);
    const b = rateLimitSubjectOf(request({ user: { tokenId: 't-1' }, ip: '10.0.0.2' }), false);
    expect(a).toEqual({ kind: 'token', key: 'token:t-1' });
    expect(b).toEqual(a);
  });

  it('charges an agent route to a hash of the device token, never the token itself', () => {
    const subject = rateLimitSubjectOf(request({ headers: { authorization: 'Bearer rcd_secretvalue1234567890' } }), true);
    expect(subject.kind).toBe('device');
    expect(subject.key).toMatch(/^device:[0-9a-f]{32}$/);
    expect(subject.key).not.toContain('secretvalue');
  });

  it('charges anonymous callers, and agent routes without a token, to the source address', () => {
    expect(rateLimitSubjectOf(request({ ip: '::ffff:192.0.2.7' }), false)).toEqual({ kind: 'address', key: 'address:192.0.2.7' });
    expect(rateLimitSubjectOf(request({}), true)).toEqual({ kind: 'address', key: 'address:203.0.113.9' });
  });

  it('folds an IPv6 host into its /64, so walking the prefix does not reset the budget', () => {
    const a = rateLimitSubjectOf(request({ ip: '2001:db8:1:2::1' }), false);
    const b = rateLimitSubjectOf(request({ ip: '2001:db8:1:2:ffff::9' }), false);
    expect(a.key).toBe(b.key);
  });
});
