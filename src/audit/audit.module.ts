import { Global, Module } from '@nestjs/common';
import { AuditChain } from './audit-chain';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditVerifier } from './audit-verifier';

/** Global because every feature records decisions; it depends on nothing but common/. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditChain, AuditVerifier, AuditService],
  exports: [AuditService],
})
export class AuditModule {}
