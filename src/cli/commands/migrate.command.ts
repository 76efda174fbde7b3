import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/config.types';
import { withAppContext } from './app-context';

export async function runMigrate(config: AppConfig): Promise<void> {
  // The data source runs pending migrations as it starts.
  await withAppContext(config, async (context) => {
    const ran = await context.get(DataSource).query('SELECT name FROM migrations ORDER BY id');
    process.stdout.write(`rcgate: database schema is current (${(ran as unknown[]).length} migrations applied)\n`);
  });
}
