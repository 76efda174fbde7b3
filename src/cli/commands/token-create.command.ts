import { DataSource } from 'typeorm';
import { PrincipalsService } from '../../auth/principals.service';
import { TokensService } from '../../auth/tokens.service';
import { PrincipalEntity } from '../../auth/entities/principal.entity';
import { AppConfig } from '../../config/config.types';
import { withAppContext } from './app-context';

export async function runTokenCreate(config: AppConfig, options: { principal: string; name: string; expiresInDays: string }): Promise<void> {
  const days = Number(options.expiresInDays);
  if (!Number.isInteger(days) || days < 1 || days > 730) throw new Error('--expires-in-days must be an integer from 1 to 730');
  await withAppContext(config, async (context) => {
    const dataSource = context.get(DataSource);
    const principal = await dataSource.getRepository(PrincipalEntity).findOneBy({ nameKey: options.principal.toLowerCase() });
    if (!principal) throw new Error(`no principal named '${options.principal}'`);
    void context.get(PrincipalsService);
    const issued = await dataSource.transaction((tx) =>
      context.get(TokensService).issue(tx, principal, options.name, 'cli', new Date(Date.now() + days * 86_400_000)),
    );
    process.stdout.write(`${issued.token}\n`);
  });
}
