import { DynamicModule, Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { AgentModule } from './agent/agent.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClientSettingsModule } from './client-settings/client-settings.module';
import { CollectionsModule } from './collections/collections.module';
import { CommonModule } from './common/common.module';
import { LoggerModule } from './common/logging/logger.module';
import { ConfigModule } from './config/config.module';
import { AppConfig } from './config/config.types';
import { DatabaseModule } from './database/database.module';
import { DevicesModule } from './devices/devices.module';
import { proxyTrustOf } from './common/http/proxy-trust';
import { graphqlConfig } from './graphql/graphql.config';
import { HierarchyModule } from './hierarchy/hierarchy.module';
import { OpsModule } from './ops/ops.module';
import { ViewerModule } from './viewer/viewer.module';
import { RelayModule } from './relay/relay.module';
import { SessionsModule } from './sessions/sessions.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule,
        CommonModule,
        AuditModule,
        AuthModule,
        HierarchyModule,
        DevicesModule,
        CollectionsModule,
        ClientSettingsModule,
        SessionsModule,
        AgentModule,
        OpsModule,
        ViewerModule,
        RelayModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlConfig(proxyTrustOf(config.trustedProxies)) }),
      ],
    };
  }
}
