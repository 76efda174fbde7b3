import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.loader';
import type { AppConfig } from '../config/config.types';
import { registerAgentCommand } from './commands/agent.command';
import { registerConnectCommand } from './commands/connect.command';
import { registerLoginCommand } from './commands/login.command';
import { registerSessionsCommand } from './commands/sessions.command';
import { registerEndCommand } from './commands/end.command';

function config() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rcgate: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

// Server commands load the whole server; the agent and viewer commands must start fast, so those load lazily.
const runServe = async (c: AppConfig) => (await import('./commands/serve.command')).runServe(c);
const runRelay = async (c: AppConfig) => (await import('./commands/relay.command')).runRelay(c);
const runMigrate = async (c: AppConfig) => (await import('./commands/migrate.command')).runMigrate(c);
const runTokenCreate = async (c: AppConfig, o: { principal: string; name: string; expiresInDays: string }) => (await import('./commands/token-create.command')).runTokenCreate(c, o);
const runKeysRotate = async (c: AppConfig) => (await import('./commands/keys-rotate.command')).runKeysRotate(c);
const runOpenApi = async (c: AppConfig) => (await import('./commands/contracts.command')).runOpenApi(c);
const runSchema = async (c: AppConfig) => (await import('./commands/contracts.command')).runSchema(c);

function fail(error: unknown): never {
  process.stderr.write(`rcgate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const program = new Command('rcgate').description('Remote-control broker for managed fleets').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('Run the API (and the embedded relay); with RCGATE_ROLE=relay, only the relay')
  .action(() => {
    const loaded = config();
    return (loaded.role === 'relay' ? runRelay(loaded) : runServe(loaded)).catch(fail);
  });
program.command('relay').description('Run only the relay, on RELAY_PORT (needs DATABASE_URL; holds public keys only)').action(() => runRelay(config()).catch(fail));
program.command('migrate').description('Run pending database migrations and exit').action(() => runMigrate(config()).catch(fail));
program
  .command('token')
  .description('Manage API tokens with direct database access (recovery)')
  .command('create')
  .requiredOption('--principal <name>', 'the principal that gets the token')
  .option('--name <name>', 'a label for the token', 'cli')
  .option('--expires-in-days <days>', 'days until the token expires', '90')
  .action((options: { principal: string; name: string; expiresInDays: string }) => runTokenCreate(config(), options).catch(fail));
program
  .command('keys')
  .description('Manage the ticket signing key with direct database access')
  .command('rotate')
  .description('Generate a new ticket signing key; the previous one keeps verifying for TICKET_TTL_SECONDS (refused when TICKET_SIGNING_KEY is set)')
  .action(() => runKeysRotate(config()).then(() => undefined, fail));
program.command('openapi').description('Print the OpenAPI document (YAML)').action(() => runOpenApi(config()).catch(fail));
program.command('schema').description('Print the GraphQL schema (SDL)').action(() => runSchema(config()).catch(fail));
registerAgentCommand(program, process.env);
registerConnectCommand(program, process.env);
registerLoginCommand(program, process.env);
registerSessionsCommand(program, process.env);
registerEndCommand(program, process.env);

program.parseAsync(process.argv).catch(fail);
