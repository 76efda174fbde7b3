import { Command } from 'commander';
import { ApiError } from '../client/api-error';
import { Env } from '../client/credentials-store';
import { ConnectFlags, parseConnectOptions } from '../viewer/connect-options';
import { runConnect } from '../viewer/connect';
import { ExitCode, exitCodeForError, exitCodeForEndReason } from '../viewer/exit-codes';
import { Progress } from '../viewer/progress';
import { formatRuleTrace } from '../viewer/rule-trace';
import { PolicyDeniedError, SessionEndedEarlyError } from '../viewer/session-request';

const EXIT_CODES_HELP = `
Exit codes:
  0  the session ended normally (viewerClosed, agentClosed, endedByAdministrator, maxDurationReached)
  1  usage or authentication error (bad flags, unknown device, token refused)
  2  denied by policy (the reason and the rule trace are printed)
  3  the user denied consent or did not answer in time
  4  the device is offline or busy
  5  connection lost (relayLost, ticketExpired, deviceDeleted, socket error, server unreachable)`;

export function registerConnectCommand(program: Command, env: Env): void {
  program
    .command('connect')
    .description('Start a session with a device and tunnel it to a local port for a VNC or RDP client')
    .argument('<device>', 'device name, SITE\\NAME, or device id')
    .option('--type <type>', 'remoteControl | remoteAssistance | remoteDesktop', 'remoteControl')
    .option('--view-only', 'ask for view-only access (default full control)')
    .option('--reason <text>', 'why you connect (kept in the audit trail)')
    .option('--listen <host:port>', 'local address for the client', '127.0.0.1:0')
    .option('--exec <command>', 'run a client once listening; {host} and {port} are substituted, e.g. "vncviewer {host}::{port}"')
    .option('--server <url>', 'rcgate server URL (RCGATE_SERVER, or the stored login)')
    .option('--token <token>', 'API token (RCGATE_TOKEN, or the stored login)')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (device: string, flags: ConnectFlags) => {
      process.exit(await connectMain(device, flags, env));
    });
}

export async function connectMain(device: string, flags: ConnectFlags, env: Env, progress = new Progress()): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const options = parseConnectOptions(device, flags, env);
    return await runConnect(options, { progress, stdout: process.stdout }, controller.signal);
  } catch (error) {
    return reportFailure(error, progress);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function reportFailure(error: unknown, progress: Progress): number {
  if (error instanceof PolicyDeniedError) {
    progress.step(formatRuleTrace(error.reason, error.detail, error.rules));
    return ExitCode.Denied;
  }
  if (error instanceof SessionEndedEarlyError) {
    progress.step(`session ended: ${error.endReason ?? 'unknown reason'}`);
    return exitCodeForEndReason(error.endReason);
  }
  const code = exitCodeForError(error);
  const detail = error instanceof ApiError ? ` (${error.status} ${error.reason ?? ''})`.replace(/ \)$/, ')') : '';
  progress.step(`${code === ExitCode.Unavailable ? 'unavailable: ' : ''}${(error as Error).message}${detail}`);
  return code;
}
