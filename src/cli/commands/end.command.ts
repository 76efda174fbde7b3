import { Command } from 'commander';
import { Env, OperatorFlags, resolveOperator } from '../client/credentials-store';
import { OperatorApi } from '../client/operator-api';
import { describeError } from './sessions.command';

export function registerEndCommand(program: Command, env: Env): void {
  program
    .command('end')
    .description('End a session now (both sides are disconnected)')
    .argument('<session>', 'session id')
    .option('--server <url>', 'rcgate server URL (RCGATE_SERVER, or the stored login)')
    .option('--token <token>', 'API token (RCGATE_TOKEN, or the stored login)')
    .action(async (sessionId: string, flags: OperatorFlags) => {
      process.exit(await endMain(sessionId, flags, env));
    });
}

export async function endMain(sessionId: string, flags: OperatorFlags, env: Env): Promise<number> {
  try {
    const { server, token } = resolveOperator(flags, env);
    const session = await new OperatorApi(server, token).endSession(sessionId);
    process.stderr.write(`rcgate: session ${session.id} ${session.state}${session.endReason ? ` (${session.endReason})` : ''}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`rcgate: ${describeError(error)}\n`);
    return 1;
  }
}
