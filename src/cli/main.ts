import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.loader';
import { runMigrate } from './commands/migrate.command';
import { runServe } from './commands/serve.command';
import { runTokenCreate } from './commands/token-create.command';
import { runOpenApi, runSchema } from './commands/contracts.command';

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

function fail(error: unknown): never {
  process.stderr.write(`rcgate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const program = new Command('rcgate').description('Remote-control broker for managed fleets').showHelpAfterError();

program.command('serve', { isDefault: true }).description('Run the API (and the embedded relay)').action(() => runServe(config()).catch(fail));
program.command('migrate').description('Run pending database migrations and exit').action(() => runMigrate(config()).catch(fail));
program
  .command('token')
  .description('Manage API tokens with direct database access (recovery)')
  .command('create')
  .requiredOption('--principal <name>', 'the principal that gets the token')
  .option('--name <name>', 'a label for the token', 'cli')
  .option('--expires-in-days <days>', 'days until the token expires', '90')
  .action((options: { principal: string; name: string; expiresInDays: string }) => runTokenCreate(config(), options).catch(fail));
program.command('openapi').description('Print the OpenAPI document (YAML)').action(() => runOpenApi(config()).catch(fail));
program.command('schema').description('Print the GraphQL schema (SDL)').action(() => runSchema(config()).catch(fail));

program.parseAsync(process.argv).catch(fail);
