import type { IncomingMessage } from 'node:http';
import { sourceAddressOf } from '../limits/source-address';
import { forwardedClientAddress, proxyTrustOf } from './proxy-trust';

const upgrade = (peer: string, forwardedFor?: string) =>
  ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('the client address behind trusted proxies (WebSocket upgrades)', () => {
  const loopback = proxyTrustOf(['loopback']);

  it('believes X-Forwarded-For from a trusted peer', () => {
    expect(forwardedClientAddress(upgrade('127.0.0.1', '203.0.113.9'), loopback)).toBe('203.0.113.9');
    expect(forwardedClientAddress(upgrade('::1', '2001:db8::7'), loopback)).toBe('2001:db8::7');
  });

  it('ignores X-Forwarded-For from an untrusted peer: a client cannot choose its own address', () => {
    expect(forwardedClientAddress(upgrade('198.51.100.4', '203.0.113.9'), loopback)).toBe('198.51.100.4');
    expect(forwardedClientAddress(upgrade('127.0.0.1', '203.0.113.9'), proxyTrustOf([]))).toBe('127.0.0.1');
  });

  it('walks the chain only through trusted hops: the first untrusted address from the right is the client', () => {
    const trust = proxyTrustOf(['10.0.0.0/8', 'loopback']);
    // The client forged "1.2.3.4"; the edge proxy 10.0.0.2 appended the real peer 203.0.113.9.
    expect(forwardedClientAddress(upgrade('127.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2'), trust)).toBe('203.0.113.9');
  });

  it('falls back to the peer when there is no header, and to nothing without a socket address', () => {
    expect(forwardedClientAddress(upgrade('127.0.0.1'), loopback)).toBe('127.0.0.1');
    expect(forwardedClientAddress({ headers: {}, socket: {} } as unknown as IncomingMessage, loopback)).toBeUndefined();
  });

  it('keys limits by that address, folding IPv4-mapped IPv6', () => {
    const req = upgrade('::ffff:198.51.100.4', '203.0.113.9');
    expect(sourceAddressOf({ ip: forwardedClientAddress(req, loopback), socket: req.socket })).toBe('198.51.100.4');
  });
});

describe('computed once', () => {
  it('compiles the same TRUSTED_PROXIES once, and a different list apart', () => {
    expect(proxyTrustOf(['10.0.0.0/8', 'loopback'])).toBe(proxyTrustOf(['10.0.0.0/8', 'loopback']));
    expect(proxyTrustOf(['10.0.0.0/8'])).not.toBe(proxyTrustOf(['10.0.0.0/8', 'loopback']));
  });

  it('works out an upgrade’s client address once per request and trust', () => {
    const req = upgrade('127.0.0.1', '203.0.113.9');
    const loopback = proxyTrustOf(['loopback']);
    expect(forwardedClientAddress(req, loopback)).toBe('203.0.113.9');
    // Headers are not read again for the same request (the WebSocket limit asked first, the relay asks next)…
    req.headers['x-forwarded-for'] = '198.51.100.77';
    expect(forwardedClientAddress(req, loopback)).toBe('203.0.113.9');
    // …but another trust is another question.
    expect(forwardedClientAddress(req, proxyTrustOf([]))).toBe('127.0.0.1');
  });
});
