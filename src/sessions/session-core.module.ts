import { Module } from '@nestjs/common';
import { RelayNodesService } from './relay-nodes/relay-nodes.service';
import { SessionLifecycleService } from './session-lifecycle.service';
import { TicketKeyStore } from './tickets/ticket-key.store';

/**
 * What both the API's sessions and the relay need of sessions: state
 * changes, ticket keys, relay nodes. No routes and no ticket signer, so the
 * standalone relay (holding public keys only) imports this and not
 * SessionsModule; with the relay embedded (role `all`) both share one
 * instance of each.
 */
@Module({
  providers: [SessionLifecycleService, TicketKeyStore, RelayNodesService],
  exports: [SessionLifecycleService, TicketKeyStore, RelayNodesService],
})
export class SessionCoreModule {}
