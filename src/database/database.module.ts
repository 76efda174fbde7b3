import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { dataSourceOptions } from './data-source.options';
import { NotificationsModule } from './notifications/notifications.module';

/** The TypeORM data source (migrations run before the app serves, see app factory) and LISTEN/NOTIFY. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl as string),
        migrationsRun: true,
        retryAttempts: 0,
      }),
    }),
    NotificationsModule,
  ],
})
export class DatabaseModule {}
