import { Inject, Injectable, Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { CurrentPrincipal } from '../common/authz/current-principal';
import { PrincipalsService } from './principals.service';
import { TokensService } from './tokens.service';

export const SYSTEM_ACTOR: CurrentPrincipal = { id: '00000000-0000-0000-0000-000000000000', name: 'system', role: 'fullAdministrator', groups: [], scopeCollectionIds: [], tokenId: '' };
const BOOTSTRAP_LOCK = 7_245_001;

/** On an empty database, creates principal `admin` and its first token, shown once. */
@Injectable()
export class AdminBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly dataSource: DataSource,
    private readonly principals: PrincipalsService,
    private readonly tokens: TokensService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the new token, or null when principals already exist. */
  async run(): Promise<string | null> {
    const token = await this.dataSource.transaction(async (tx) => {
      // Two nodes starting together must not both bootstrap.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const [{ count }] = (await tx.query('SELECT count(*)::int AS count FROM principals')) as { count: number }[];
      if (count > 0) return null;
      const admin = await this.principals.create(SYSTEM_ACTOR, { name: 'admin', displayName: 'First administrator', role: 'fullAdministrator' }, tx);
      const issued = await this.tokens.issue(tx, admin, 'bootstrap', SYSTEM_ACTOR.name, null, this.config.bootstrapAdminToken);
      return issued.token;
    });
    if (token) this.announce(token);
    return token;
  }

  private announce(token: string): void {
    mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
    const file = join(this.config.dataDir, 'admin-token');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    // `mode` applies only when the file is created; a leftover file keeps its old mode otherwise.
    chmodSync(file, 0o600);
    if (!this.config.bootstrapAdminToken) {
      // Printed once, on purpose, straight to the terminal rather than the log stream.
      process.stdout.write(`\nrcgate: created principal 'admin'. Its API token (shown once, also in ${file}):\n\n  ${token}\n\n`);
    } else {
      this.logger.log(`created principal 'admin' with the token from BOOTSTRAP_ADMIN_TOKEN`);
    }
  }
}
