import { readFileSync, unlinkSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { consentStrategy, ConsentRequest, runConsentCommand } from './consent';

const request = (overrides: Partial<ConsentRequest> = {}): ConsentRequest => ({
  sessionId: '3f1c1d2e-0000-4000-8000-000000000001',
  viewer: 'CONTOSO\\alice',
  type: 'remoteControl',
  accessLevel: 'fullControl',
  reason: 'ticket 4711',
  deadline: new Date(Date.now() + 30_000),
  ...overrides,
});

function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { io: { input, output }, input, written: () => written };
}

/** A process's state letter from /proc (Z: exited, not yet reaped), or 'gone'. */
function processState(pid: number): string {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? 'gone';
  } catch {
    return 'gone';
  }
}

describe('consent strategies', () => {
  it('grant and deny answer without asking', async () => {
    await expect(consentStrategy({ kind: 'grant' })(request())).resolves.toBe('granted');
    await expect(consentStrategy({ kind: 'deny' })(request())).resolves.toBe('denied');
  });

  it('a command grants by exiting 0 and sees who asks for what', async () => {
    const check = 'test "$RCGATE_VIEWER" = "CONTOSO\\alice" && test "$RCGATE_SESSION_TYPE" = remoteAssistance && test "$RCGATE_ACCESS_LEVEL" = viewOnly';
    const env = { PATH: process.env.PATH };
    await expect(runConsentCommand(check, request({ type: 'remoteAssistance', accessLevel: 'viewOnly' }), env)).resolves.toBe('granted');
    await expect(runConsentCommand(check, request(), env)).resolves.toBe('denied');
    await expect(runConsentCommand('exit 1', request(), env)).resolves.toBe('denied');
    await expect(runConsentCommand('test -z "$RCGATE_ENROLLMENT_KEY"', request(), { ...env, RCGATE_ENROLLMENT_KEY: 'secret' })).resolves.toBe('granted');
  });

  it('a command that does not answer before the deadline is stopped and leaves the request unanswered (consentTimeout)', async () => {
    const started = Date.now();
    const marker = `rcgate-consent-${process.pid}-${Date.now()}`;
    const command = `sleep 30 & echo $! > /tmp/${marker}; wait`;
    await expect(runConsentCommand(command, request({ deadline: new Date(Date.now() + 1500) }), { PATH: process.env.PATH })).resolves.toBe('unanswered');
    expect(Date.now() - started).toBeLessThan(5000);
    // What it started (a dialog, here a sleep) is stopped with it.
    const pid = Number(readFileSync(`/tmp/${marker}`, 'utf8'));
    unlinkSync(`/tmp/${marker}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(['gone', 'Z']).toContain(processState(pid));
  });

  it('the prompt names the operator, the session type and the access level, and takes yes', async () => {
    const tty = terminal();
    const answer = consentStrategy({ kind: 'prompt' }, { io: tty.io })(request({ accessLevel: 'viewOnly' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tty.written()).toMatch(/CONTOSO\\alice requests Remote Control of this computer \(view only\)/);
    expect(tty.written()).toMatch(/Reason: ticket 4711/);
    expect(tty.written()).toMatch(/\[y\/N\]/);
    tty.input.write('y\n');
    await expect(answer).resolves.toBe('granted');
  });

  it('the prompt defaults to no: an empty line or anything but yes denies; silence until the deadline is no answer', async () => {
    for (const line of ['\n', 'n\n', 'sure\n']) {
      const tty = terminal();
      const answer = consentStrategy({ kind: 'prompt' }, { io: tty.io })(request());
      tty.input.write(line);
      await expect(answer).resolves.toBe('denied');
    }
    const silent = terminal();
    const started = Date.now();
    await expect(consentStrategy({ kind: 'prompt' }, { io: silent.io })(request({ deadline: new Date(Date.now() + 1300) }))).resolves.toBe('unanswered');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(silent.written()).toMatch(/no answer in time/);
  });

  it('a prompt whose deadline already passed is not asked', async () => {
    const tty = terminal();
    await expect(consentStrategy({ kind: 'prompt' }, { io: tty.io })(request({ deadline: new Date(Date.now() - 1) }))).resolves.toBe('unanswered');
    expect(tty.written()).toBe('');
  });

  it('asks one question at a time when two sessions want consent', async () => {
    const tty = terminal();
    const ask = consentStrategy({ kind: 'prompt' }, { io: tty.io });
    const first = ask(request({ viewer: 'alice' }));
    const second = ask(request({ viewer: 'bob' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tty.written()).toMatch(/alice/);
    expect(tty.written()).not.toMatch(/bob/);
    tty.input.write('yes\n');
    await expect(first).resolves.toBe('granted');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tty.written()).toMatch(/bob/);
    tty.input.write('no\n');
    await expect(second).resolves.toBe('denied');
  });
});
