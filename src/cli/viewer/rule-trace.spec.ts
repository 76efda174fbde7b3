import { formatRuleTrace } from './rule-trace';
import { formatSessionsTable } from './sessions-table';

describe('what rcgate connect and rcgate sessions print', () => {
  it('a denial names the reason and every rule in order, failed ones marked', () => {
    const text = formatRuleTrace('viewerNotPermitted', 'You are not a permitted viewer.', [
      { rule: 'remoteControlEnabled', passed: true, detail: 'enableRemoteControl is true' },
      { rule: 'permittedViewer', passed: false, detail: "'ops' is not in permittedViewers" },
    ]);
    expect(text.split('\n')).toEqual([
      'denied by policy: viewerNotPermitted — You are not a permitted viewer.',
      '  policy rules, in order:',
      '    pass  remoteControlEnabled: enableRemoteControl is true',
      "    FAIL  permittedViewer: 'ops' is not in permittedViewers",
    ]);
  });

  it('sessions as an aligned table', () => {
    const row = { id: 's-1', deviceId: 'd-1', type: 'remoteControl' as const, accessLevel: 'viewOnly' as const, viewer: 'admin', state: 'ended' as const, endReason: 'viewerClosed', reason: null, consentDeadline: null, relayUrl: null, createdAt: '2026-11-24T10:00:00.000Z', bytesFromViewer: 0, bytesFromAgent: 0 };
    const lines = formatSessionsTable([row, { ...row, id: 's-22', state: 'active', endReason: null }]).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+DEVICE\s+TYPE\s+ACCESS\s+VIEWER\s+STATE\s+END REASON\s+CREATED$/);
    expect(lines[1]).toMatch(/^s-1 {3}d-1 .*viewOnly .*ended .*viewerClosed .*2026-11-24 10:00:00Z$/);
    expect(lines).toHaveLength(3);
    expect(formatSessionsTable([])).toBe('no sessions\n');
  });
});
