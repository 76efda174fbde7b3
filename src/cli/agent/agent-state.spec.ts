import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentStateStore } from './agent-state';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the agent state file', () => {
  const identity = { deviceId: '6c7b9a1e-0000-4000-8000-000000000042', deviceToken: 'rcd_secret', server: 'http://127.0.0.1:8080', name: 'DESK-042' };

  it('is created readable by this user only (dir 0700, file 0600) and read back', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rcgate-agent-state-')), 'nested', 'rcgate-agent');
    const store = new AgentStateStore(dir);
    expect(store.load()).toBeUndefined();
    store.save(identity);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(store.path)).toBe(0o600);
    expect(store.load()).toEqual(identity);
  });

  it('tightens a directory that was created too open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcgate-agent-state-'));
    chmodSync(dir, 0o755);
    new AgentStateStore(dir).save(identity);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('ignores a file without an identity and names a corrupt one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcgate-agent-state-'));
    const store = new AgentStateStore(dir);
    writeFileSync(store.path, '{"deviceId": 1}');
    expect(store.load()).toBeUndefined();
    writeFileSync(store.path, '{not json');
    expect(() => store.load()).toThrow(/agent\.json is not valid JSON/);
  });
});
