import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditChain } from '../../audit/audit-chain';
import { AuditService } from '../../audit/audit.service';
import { AuditVerifier } from '../../audit/audit-verifier';
import { Clock } from '../../common/clock/clock';
import { ProblemFilter } from '../../common/http/problem.filter';
import { LimitsModule } from '../../common/limits/limits.module';
import { LoggerModule } from '../../common/logging/logger.module';
import { ConfigModule } from '../../config/config.module';
import { AppConfig } from '../../config/config.types';
import { DatabaseModule } from '../../database/database.module';
import { OpsModule } from '../../ops/ops.module';
import { RelayModule } from '../relay.module';

/**
 * What a relay needs from the platform: the clock, problem responses, and the
 * audit writer without AuditModule's REST routes (there is no authentication
 * on a relay node to guard them).
 */
@Global()
@Module({
  providers: [Clock, AuditChain, AuditVerifier, AuditService, { provide: APP_FILTER, useClass: ProblemFilter }],
  exports: [Clock, AuditService],
})
class RelayPlatformModule {}

/**
 * The standalone relay (`rcgate relay`, RCGATE_ROLE=relay): /relay/v1/connect,
 * /healthz, /readyz and /metrics, nothing else. No API routes, no ticket
 * signer, no private key.
 */
@Module({})
export class RelayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RelayAppModule,
      imports: [ConfigModule.forRoot(config), LoggerModule, DatabaseModule, RelayPlatformModule, LimitsModule, OpsModule, RelayModule],
    };
  }
}
