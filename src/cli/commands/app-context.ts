import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { CommonModule } from '../../common/common.module';
import { ConfigModule } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { DatabaseModule } from '../../database/database.module';
import { resolveDatabase } from '../../server';

export interface AppContextOptions {
  /** Only the database (migrated), without audit and auth: for commands that need nothing else. */
  databaseOnly?: boolean;
}

/** A headless context (database, audit, auth) for commands that act on the database directly. */
export async function withAppContext<T>(initial: AppConfig, work: (context: INestApplicationContext) => Promise<T>, options: AppContextOptions = {}): Promise<T> {
  const { config, embedded } = await resolveDatabase(initial);
  const features = options.databaseOnly ? [] : [CommonModule, AuditModule, AuthModule];
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, ...features] })
  class CliModule {}
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    return await work(context);
  } finally {
    await context.close();
    await embedded?.stop();
  }
}
