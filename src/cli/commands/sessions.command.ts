import { Command } from 'commander';
import { ApiError } from '../client/api-error';
import { Env, OperatorFlags, resolveOperator } from '../client/credentials-store';
import { OperatorApi } from '../client/operator-api';
import { formatSessionsTable } from '../viewer/sessions-table';

interface SessionsFlags extends OperatorFlags {
  state?: string;
  top?: string;
  json?: boolean;
}

const STATES = ['awaitingConsent', 'ready', 'active', 'ended'];

export function registerSessionsCommand(program: Command, env: Env): void {
  program
    .command('sessions')
    .description('List sessions on devices in your scope, newest first')
    .option('--state <state>', `only sessions in this state (${STATES.join(', ')})`)
    .option('--top <n>', 'at most this many', '50')
    .option('--json', 'print the JSON list instead of a table')
    .option('--server <url>', 'rcgate server URL (RCGATE_SERVER, or the stored login)')
    .option('--token <token>', 'API token (RCGATE_TOKEN, or the stored login)')
    .action(async (flags: SessionsFlags) => {
      process.exit(await sessionsMain(flags, env));
    });
}

export async function sessionsMain(flags: SessionsFlags, env: Env): Promise<number> {
  try {
    if (flags.state !== undefined && !STATES.includes(flags.state)) throw new Error(`--state must be one of ${STATES.join(', ')}`);
    const top = Number(flags.top ?? '50');
    if (!Number.isInteger(top) || top < 1 || top > 1000) throw new Error('--top must be an integer from 1 to 1000');
    const { server, token } = resolveOperator(flags, env);
    const list = await new OperatorApi(server, token).listSessions({ state: flags.state, top });
    process.stdout.write(flags.json ? `${JSON.stringify(list.value, null, 2)}\n` : formatSessionsTable(list.value));
    return 0;
  } catch (error) {
    process.stderr.write(`rcgate: ${describeError(error)}\n`);
    return 1;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.status}${error.code ? ` ${error.code}` : ''})`;
  return (error as Error).message;
}
