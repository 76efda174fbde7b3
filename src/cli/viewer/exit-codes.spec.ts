import { ApiError, ServerUnreachableError } from '../client/api-error';
import { UsageError } from '../client/credentials-store';
import { ExitCode, exitCodeForEndReason, exitCodeForError } from './exit-codes';

describe('rcgate connect exit codes', () => {
  it.each([
    ['viewerClosed', 0],
    ['agentClosed', 0],
    ['endedByAdministrator', 0],
    ['maxDurationReached', 0],
    ['consentDenied', 3],
    ['consentTimeout', 3],
    ['relayLost', 5],
    ['ticketExpired', 5],
    ['deviceDeleted', 5],
  ])('a session that ended %s exits %i', (reason, code) => {
    expect(exitCodeForEndReason(reason)).toBe(code);
  });

  it('a session whose end is unknown lost its connection', () => {
    expect(exitCodeForEndReason(null)).toBe(ExitCode.ConnectionLost);
    expect(exitCodeForEndReason('somethingNew')).toBe(ExitCode.ConnectionLost);
  });

  const problem = (status: number, code: string, reason?: string) => new ApiError(status, { status, code, reason });

  it('maps problems: policy denial 2, offline or busy 4, bad token or unknown device 1', () => {
    expect(exitCodeForError(problem(403, 'sessionDenied', 'viewerNotPermitted'))).toBe(ExitCode.Denied);
    expect(exitCodeForError(problem(403, 'forbidden'))).toBe(ExitCode.Denied);
    expect(exitCodeForError(problem(409, 'sessionDenied', 'deviceOffline'))).toBe(ExitCode.Unavailable);
    expect(exitCodeForError(problem(409, 'sessionDenied', 'deviceBusy'))).toBe(ExitCode.Unavailable);
    expect(exitCodeForError(problem(401, 'invalidToken'))).toBe(ExitCode.Usage);
    expect(exitCodeForError(problem(404, 'notFound'))).toBe(ExitCode.Usage);
    expect(exitCodeForError(problem(400, 'validationFailed'))).toBe(ExitCode.Usage);
  });

  it('usage mistakes exit 1; an unreachable server or a server error exits 5', () => {
    expect(exitCodeForError(new UsageError('no server'))).toBe(ExitCode.Usage);
    expect(exitCodeForError(new ServerUnreachableError('http://127.0.0.1:1', new Error('ECONNREFUSED')))).toBe(ExitCode.ConnectionLost);
    expect(exitCodeForError(problem(503, 'serviceUnavailable'))).toBe(ExitCode.ConnectionLost);
  });
});
