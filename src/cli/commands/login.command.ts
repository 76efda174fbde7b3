import { Command } from 'commander';
import { isAuthenticationError } from '../client/api-error';
import { Env, saveCredentials } from '../client/credentials-store';
import { normalizeServerUrl } from '../client/http-client';
import { OperatorApi } from '../client/operator-api';
import { readSecretLine } from '../client/secret-input';

export function registerLoginCommand(program: Command, env: Env): void {
  program
    .command('login')
    .description('Verify an API token and store it (with the server) for connect, sessions and end')
    .requiredOption('--server <url>', 'rcgate server URL')
    .option('--token <token>', 'API token; read from stdin (or asked for on a terminal) when omitted')
    .action(async (flags: { server: string; token?: string }) => {
      process.exit(await loginMain(flags, env));
    });
}

export async function loginMain(flags: { server: string; token?: string }, env: Env): Promise<number> {
  try {
    const server = normalizeServerUrl(flags.server);
    const token = (flags.token ?? (await readSecretLine('API token: '))).trim();
    if (!token) throw new Error('no token given');
    const me = await new OperatorApi(server, token).me();
    const path = saveCredentials({ server, token }, env);
    process.stderr.write(`rcgate: logged in to ${server} as ${me.name} (${me.role}); credentials in ${path}\n`);
    return 0;
  } catch (error) {
    const message = isAuthenticationError(error) ? 'the server refused the token (invalid, expired or revoked)' : (error as Error).message;
    process.stderr.write(`rcgate: login failed: ${message}\n`);
    return 1;
  }
}
