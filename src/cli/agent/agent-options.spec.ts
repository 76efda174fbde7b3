import { UsageError } from '../client/credentials-store';
import { parseAgentOptions } from './agent-options';

const workgroup = () => ({ joinType: 'workgroup' as const, workgroup: 'WORKGROUP' });
const parse = (flags: Parameters<typeof parseAgentOptions>[0], env: Record<string, string> = {}) =>
  parseAgentOptions(flags, { HOME: '/home/op', ...env }, { hostname: 'desk-042.corp.example', detectJoin: workgroup });

describe('rcgate agent options', () => {
  it('defaults to the host name, the local VNC and RDP ports, prompting for consent and detecting the user', () => {
    const options = parse({ server: 'http://127.0.0.1:8080/api/v1/' });
    expect(options).toMatchObject({
      server: 'http://127.0.0.1:8080',
      name: 'DESK-042',
      vncTarget: { host: '127.0.0.1', port: 5900 },
      rdpTarget: { host: '127.0.0.1', port: 3389 },
      stateDir: '/home/op/.config/rcgate-agent',
      user: undefined,
      consent: { kind: 'prompt' },
      join: { joinType: 'workgroup', workgroup: 'WORKGROUP' },
    });
  });

  it('takes RCGATE_* variables, and flags over them', () => {
    const env = { RCGATE_SERVER: 'http://env:1', RCGATE_ENROLLMENT_KEY: 'k-env', RCGATE_SITE: 's01', RCGATE_TARGET: '10.0.0.5:5901', RCGATE_CONSENT: 'deny', XDG_CONFIG_HOME: '/xdg' };
    expect(parse({}, env)).toMatchObject({ server: 'http://env:1', enrollmentKey: 'k-env', siteCode: 'S01', vncTarget: { host: '10.0.0.5', port: 5901 }, consent: { kind: 'deny' }, stateDir: '/xdg/rcgate-agent' });
    expect(parse({ server: 'http://flag:2', consent: 'grant', target: '5902' }, env)).toMatchObject({ server: 'http://flag:2', consent: { kind: 'grant' }, vncTarget: { host: '127.0.0.1', port: 5902 } });
  });

  it('keeps only the first label of a long host name, 15 characters, upper case', () => {
    const options = parseAgentOptions({}, {}, { hostname: 'a-very-long-workstation-name.example', detectJoin: workgroup });
    expect(options.name).toBe('A-VERY-LONG-WOR');
  });

  it('refuses names that are not NetBIOS names and bad site codes', () => {
    expect(() => parse({ name: 'PC_01' })).toThrow(UsageError);
    expect(() => parse({ name: 'MUCH-TOO-LONG-NAME' })).toThrow(/1-15/);
    expect(() => parse({ site: 'SITE1' })).toThrow(/three-character/);
  });

  it('a domain implies a domain join; a domain join needs a domain', () => {
    expect(parse({ domain: 'CORP.EXAMPLE' }).join).toEqual({ joinType: 'domain', domain: 'CORP.EXAMPLE' });
    expect(() => parse({ joinType: 'domain' })).toThrow(/--domain/);
    expect(parse({ joinType: 'workgroup', workgroup: 'LAB' }).join).toEqual({ joinType: 'workgroup', workgroup: 'LAB' });
    expect(() => parse({ joinType: 'forest' })).toThrow(/domain or workgroup/);
  });

  it('a fixed user, or none at all with --unattended', () => {
    expect(parse({ user: 'alice' }).user).toBe('alice');
    expect(parse({ user: 'alice', unattended: true }).user).toBeNull();
    expect(parse({}, { RCGATE_UNATTENDED: '1' }).user).toBeNull();
  });

  it('parses command consent and refuses unknown modes', () => {
    expect(parse({ consent: 'command:zenity --question' }).consent).toEqual({ kind: 'command', command: 'zenity --question' });
    expect(() => parse({ consent: 'maybe' })).toThrow(/prompt, grant, deny or command/);
    expect(() => parse({ consent: 'command:' })).toThrow(UsageError);
  });

  it('refuses a target that is not host:port and a server that is not http(s)', () => {
    expect(() => parse({ target: 'vnc-host' })).toThrow(/host:port/);
    expect(() => parse({ rdpTarget: '127.0.0.1:99999' })).toThrow(/host:port/);
    expect(() => parse({ server: 'ftp://x' })).toThrow(/http/);
    expect(parse({ target: '[::1]:5900' }).vncTarget).toEqual({ host: '::1', port: 5900 });
  });
});
