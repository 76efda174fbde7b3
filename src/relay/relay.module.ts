import { Module } from '@nestjs/common';
import { OpsModule } from '../ops/ops.module';
import { SessionCoreModule } from '../sessions/session-core.module';
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
 * Of sessions it imports only SessionCoreModule: SessionsModule brings the
 * REST routes and the ticket signer, which a standalone relay (holding public
 * keys only) must not have.
 */
@Module({
  imports: [OpsModule, SessionCoreModule],
  providers: [
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
