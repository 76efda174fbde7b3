import { ApiTokenEntity } from '../auth/entities/api-token.entity';
import { PrincipalEntity } from '../auth/entities/principal.entity';
import { AuditChainHeadEntity } from '../audit/audit-chain-head.entity';
import { AuditRecordEntity } from '../audit/audit-record.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';

/** Every entity, listed once for the data source and the migration drift test. */
export const ENTITIES = [PrincipalEntity, ApiTokenEntity, AuditRecordEntity, AuditChainHeadEntity, IdempotencyKeyEntity];
