import { DeviceTokenEntity } from '../agent/device-token.entity';
import { EnrollmentKeyEntity } from '../agent/enrollment-key.entity';
import { ApiTokenEntity } from '../auth/entities/api-token.entity';
import { PrincipalEntity } from '../auth/entities/principal.entity';
import { AuditChainHeadEntity } from '../audit/audit-chain-head.entity';
import { AuditRecordEntity } from '../audit/audit-record.entity';
import { CollectionMemberEntity } from '../collections/collection-member.entity';
import { CollectionRuleEntity } from '../collections/collection-rule.entity';
import { CollectionEntity } from '../collections/collection.entity';
import { ClientSettingsDeploymentEntity } from '../client-settings/client-settings-deployment.entity';
import { ClientSettingsEntity } from '../client-settings/client-settings.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';
import { RelayNodeEntity } from '../sessions/relay-nodes/relay-node.entity';
import { SessionTicketEntity } from '../sessions/session-ticket.entity';
import { SessionEntity } from '../sessions/session.entity';
import { TicketKeyEntity } from '../sessions/tickets/ticket-key.entity';
import { DeviceEntity } from '../devices/device.entity';
import { SiteEntity } from '../hierarchy/site.entity';

/** Every entity, listed once for the data source and the migration drift test. */
export const ENTITIES = [
  PrincipalEntity,
  ApiTokenEntity,
  AuditRecordEntity,
  AuditChainHeadEntity,
  IdempotencyKeyEntity,
  SiteEntity,
  DeviceEntity,
  CollectionEntity,
  CollectionRuleEntity,
  CollectionMemberEntity,
  ClientSettingsEntity,
  ClientSettingsDeploymentEntity,
  SessionEntity,
  SessionTicketEntity,
  TicketKeyEntity,
  RelayNodeEntity,
  EnrollmentKeyEntity,
  DeviceTokenEntity,
];
