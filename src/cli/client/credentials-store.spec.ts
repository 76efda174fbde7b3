import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { credentialsPath, loadCredentials, resolveOperator, saveCredentials, UsageError } from './credentials-store';

describe('stored login (rcgate login)', () => {
  const home = () => mkdtempSync(join(tmpdir(), 'rcgate-home-'));

  it('lives in $XDG_CONFIG_HOME/rcgate, else ~/.config/rcgate', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/xdg', HOME: '/home/op' })).toBe('/xdg/rcgate/credentials.json');
    expect(credentialsPath({ HOME: '/home/op' })).toBe('/home/op/.config/rcgate/credentials.json');
  });

  it('is written 0600 in a 0700 directory and read back', () => {
    const env = { HOME: home() };
    const path = saveCredentials({ server: 'http://127.0.0.1:8080', token: 'rcg_secret' }, env);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
    expect(loadCredentials(env)).toEqual({ server: 'http://127.0.0.1:8080', token: 'rcg_secret' });
  });

  it('flags win over RCGATE_SERVER/RCGATE_TOKEN, which win over the stored login', () => {
    const env = { HOME: home() };
    saveCredentials({ server: 'http://stored', token: 'stored-token' }, env);
    expect(resolveOperator({}, env)).toEqual({ server: 'http://stored', token: 'stored-token' });
    expect(resolveOperator({}, { ...env, RCGATE_SERVER: 'http://env', RCGATE_TOKEN: 'env-token' })).toEqual({ server: 'http://env', token: 'env-token' });
    expect(resolveOperator({ token: 'flag-token' }, { ...env, RCGATE_TOKEN: 'env-token' })).toEqual({ server: 'http://stored', token: 'flag-token' });
  });

  it('without any source it is a usage error that says how to log in', () => {
    expect(() => resolveOperator({}, { HOME: home() })).toThrow(UsageError);
    expect(() => resolveOperator({ server: 'http://x' }, { HOME: home() })).toThrow(/rcgate login/);
  });
});
