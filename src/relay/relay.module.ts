import { Module } from '@nestjs/common';
import { OpsModule } from '../ops/ops.module';
import { RelayNodesService } from '../sessions/relay-nodes/relay-nodes.service';
import { SessionLifecycleService } from '../sessions/session-lifecycle.service';
import { TicketKeyStore } from '../sessions/tickets/ticket-key.store';
import { DeadRelaySweeper } from './dead-relay-sweeper';
import { RelayAuditor } from './relay-auditor';
import { RelayGateway } from './relay-gateway';
import { RelayKeyRing } from './relay-key-ring';
import { RelayNode } from './relay-node.service';
import { RelaySessions } from './relay-sessions';
import { RelaySessionsRepository } from './relay-sessions.repository';
import { SessionEndListener } from './session-end-listener';
import { TicketAdmission } from './ticket-admission';

/**
 * The WebSocket relay. The same module runs embedded in the API (role `all`)
 * and in the standalone relay (role `relay`); under role `api` only the
 * sweeper of dead relay nodes runs.
 *
 * It provides the three session services it needs itself rather than
 * importing SessionsModule: they are stateless, and SessionsModule brings
 * the REST routes and the ticket signer, which a standalone relay (holding
 * public keys only) must not have.
 */
@Module({
  imports: [OpsModule],
  providers: [
    SessionLifecycleService,
    TicketKeyStore,
    RelayNodesService,
    RelaySessionsRepository,
    RelayKeyRing,
    TicketAdmission,
    RelayAuditor,
    RelaySessions,
    RelayGateway,
    SessionEndListener,
    RelayNode,
    DeadRelaySweeper,
  ],
  exports: [RelayNode],
})
export class RelayModule {}
