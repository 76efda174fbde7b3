import { defaultDeviceName, detectJoin, localAdministrators, loggedOnUser } from './host-facts';

describe('what the agent detects about its host', () => {
  it('names the device after the host: first label, upper case, NetBIOS characters, 15 at most', () => {
    expect(defaultDeviceName('desk-042.corp.example')).toBe('DESK-042');
    expect(defaultDeviceName('build_box_number_seven')).toBe('BUILD-BOX-NUMBE');
  });

  it('is domain-joined when SSSD or Kerberos names a domain, else in the Samba workgroup or WORKGROUP', () => {
    const files = (map: Record<string, string>) => (path: string) => map[path];
    expect(detectJoin(files({ '/etc/sssd/sssd.conf': '[sssd]\ndomains = corp.example\n' }))).toEqual({ joinType: 'domain', domain: 'CORP.EXAMPLE' });
    expect(detectJoin(files({ '/etc/krb5.conf': '[libdefaults]\n  default_realm = CONTOSO.COM\n' }))).toEqual({ joinType: 'domain', domain: 'CONTOSO.COM' });
    expect(detectJoin(files({ '/etc/samba/smb.conf': '[global]\n   workgroup = lab\n' }))).toEqual({ joinType: 'workgroup', workgroup: 'LAB' });
    expect(detectJoin(files({}))).toEqual({ joinType: 'workgroup', workgroup: 'WORKGROUP' });
  });

  it('takes the console user from `who`, else the first session, else nobody (unattended)', () => {
    const who = 'bob      pts/0        2026-11-24 09:00 (10.0.0.9)\nalice    tty1         2026-11-24 08:00\n';
    expect(loggedOnUser(() => who)).toBe('alice');
    expect(loggedOnUser(() => 'carol    pts/3        2026-11-24 09:00 (:0)\n')).toBe('carol');
    expect(loggedOnUser(() => 'bob      pts/0        2026-11-24 09:00 (10.0.0.9)\n')).toBe('bob');
    expect(loggedOnUser(() => '')).toBeNull();
    expect(
      loggedOnUser(() => {
        throw new Error('who: not found');
      }),
    ).toBeNull();
  });

  it('reports root and the members of sudo, wheel and admin as local administrators', () => {
    const group = 'root:x:0:\nsudo:x:27:alice,bob\nwheel:x:10:carol\nusers:x:100:dave\n';
    expect(localAdministrators(group).sort()).toEqual(['alice', 'bob', 'carol', 'root']);
  });
});
