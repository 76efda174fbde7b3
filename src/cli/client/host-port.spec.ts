import { formatHostPort, parseHostPort } from './host-port';

describe('host:port arguments (--target, --listen)', () => {
  it.each([
    ['127.0.0.1:5900', { host: '127.0.0.1', port: 5900 }],
    ['vnc.lab.example:5901', { host: 'vnc.lab.example', port: 5901 }],
    ['[::1]:3389', { host: '::1', port: 3389 }],
    ['5902', { host: '127.0.0.1', port: 5902 }],
  ])('reads %s', (raw, expected) => {
    expect(parseHostPort(raw, '--target', { defaultHost: '127.0.0.1' })).toEqual(expected);
  });

  it.each(['vnc-host', 'host:', ':5900', '::1:5900', 'host:70000', 'host:0', 'a b:1'])('refuses %s', (raw) => {
    expect(() => parseHostPort(raw, '--target', { defaultHost: '127.0.0.1' })).toThrow(/--target .* is not host:port/);
  });

  it('port 0 only where a free port is wanted (--listen)', () => {
    expect(parseHostPort('127.0.0.1:0', '--listen', { allowZero: true })).toEqual({ host: '127.0.0.1', port: 0 });
  });

  it('writes IPv6 addresses in brackets', () => {
    expect(formatHostPort({ host: '::1', port: 5900 })).toBe('[::1]:5900');
    expect(formatHostPort({ host: '127.0.0.1', port: 5900 })).toBe('127.0.0.1:5900');
  });
});
