import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { CommonModule } from '../../common/common.module';
import { ConfigModule } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { DatabaseModule } from '../../database/database.module';
import { resolveDatabase } from '../../server';

/** A headless context (database, audit, auth) for commands that act on the database directly. */
export async function withAppContext<T>(initial: AppConfig, work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
  const { config, embedded } = await resolveDatabase(initial);
  @Module({ imports: [ConfigModule.forRoot(config), DatabaseModule, CommonModule, AuditModule, AuthModule] })
  class CliModule {}
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    return await work(context);
  } finally {
    await context.close();
    await embedded?.stop();
  }
}
