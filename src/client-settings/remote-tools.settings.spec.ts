import { mergeRemoteTools, REMOTE_TOOLS_DEFAULTS, REMOTE_TOOLS_SETTING_NAMES } from './remote-tools.settings';

describe('Remote Tools settings', () => {
  it('has every setting of the Configuration Manager page with its documented default', () => {
    expect(REMOTE_TOOLS_SETTING_NAMES).toHaveLength(18);
    expect(REMOTE_TOOLS_DEFAULTS).toMatchObject({ enableRemoteControl: false, promptUserForPermission: true, accessLevel: 'fullControl', remoteAssistanceAccessLevel: 'none', playSound: 'beginningAndEnd' });
  });

  it('changes only the settings a partial update sends', () => {
    const merged = mergeRemoteTools({ ...REMOTE_TOOLS_DEFAULTS }, { enableRemoteControl: true });
    expect(merged).toEqual({ ...REMOTE_TOOLS_DEFAULTS, enableRemoteControl: true });
  });

  it('keeps permitted viewers unique regardless of case and firewall profiles as a sorted set', () => {
    const merged = mergeRemoteTools({ ...REMOTE_TOOLS_DEFAULTS }, { permittedViewers: ['CONTOSO\\Helpdesk', 'contoso\\helpdesk', 'bob@contoso.com'], firewallExceptionProfiles: ['public', 'domain'] });
    expect(merged.permittedViewers).toEqual(['CONTOSO\\Helpdesk', 'bob@contoso.com']);
    expect(merged.firewallExceptionProfiles).toEqual(['domain', 'public']);
  });
});
