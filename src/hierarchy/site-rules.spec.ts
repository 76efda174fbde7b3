import { SiteEntity } from './site.entity';
import { parentForMove, parentForNewSite } from './site-rules';

const site = (code: string, type: SiteEntity['type'], parentCode: string | null = null) => ({ code, type, parentCode }) as SiteEntity;
const cas = site('CAS', 'central');
const ps1 = site('PS1', 'primary', 'CAS');

describe('site hierarchy rules', () => {
  it('allows one central site, without a parent', () => {
    expect(parentForNewSite('central', undefined, { central: null, requestedParent: null })).toBeNull();
    expect(() => parentForNewSite('central', undefined, { central: cas, requestedParent: null })).toThrow(/only one/);
    expect(() => parentForNewSite('central', 'PS1', { central: null, requestedParent: ps1 })).toThrow(/no parent/);
  });

  it('puts a primary under the central site, or makes it standalone when there is none', () => {
    expect(parentForNewSite('primary', undefined, { central: cas, requestedParent: null })).toBe('CAS');
    expect(parentForNewSite('primary', 'CAS', { central: cas, requestedParent: cas })).toBe('CAS');
    expect(parentForNewSite('primary', undefined, { central: null, requestedParent: null })).toBeNull();
    expect(() => parentForNewSite('primary', 'PS1', { central: cas, requestedParent: ps1 })).toThrow(/central site 'CAS'/);
    expect(() => parentForNewSite('primary', 'PS1', { central: null, requestedParent: ps1 })).toThrow(/standalone/);
  });

  it('needs an existing primary as the parent of a secondary', () => {
    expect(parentForNewSite('secondary', 'PS1', { central: cas, requestedParent: ps1 })).toBe('PS1');
    expect(() => parentForNewSite('secondary', undefined, { central: cas, requestedParent: null })).toThrow(/needs a primary/);
    expect(() => parentForNewSite('secondary', 'CAS', { central: cas, requestedParent: cas })).toThrow(/is central/);
    expect(() => parentForNewSite('secondary', 'PS9', { central: cas, requestedParent: null })).toThrow(/does not exist/);
  });

  it('lets only a secondary move, and only under a primary', () => {
    expect(parentForMove(site('S01', 'secondary', 'PS1'), 'PS2', { central: cas, requestedParent: site('PS2', 'primary', 'CAS') })).toBe('PS2');
    expect(parentForMove(ps1, 'CAS', { central: cas, requestedParent: cas })).toBe('CAS');
    expect(() => parentForMove(ps1, null, { central: cas, requestedParent: null })).toThrow(/Only a secondary/);
  });
});
