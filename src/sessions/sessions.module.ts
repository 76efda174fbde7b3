import { Module } from '@nestjs/common';
import { ClientSettingsModule } from '../client-settings/client-settings.module';
import { DevicesModule } from '../devices/devices.module';
import { DeviceDeletionHook } from './device-deletion.hook';
import { DeviceSessionsResolver } from './graphql/device-sessions.resolver';
import { SessionsResolver } from './graphql/sessions.resolver';
import { SubscriptionsResolver } from './graphql/subscriptions.resolver';
import { SessionEvents } from './session-events';
import { RelayNodesService } from './relay-nodes/relay-nodes.service';
import { SessionActionsService } from './session-actions.service';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionPolicyService } from './session-policy.service';
import { SessionReaper } from './session-reaper';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { TicketKeyStore } from './tickets/ticket-key.store';
import { TicketsService } from './tickets/tickets.service';

@Module({
  imports: [DevicesModule, ClientSettingsModule],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    SessionPolicyService,
    SessionsService,
    SessionActionsService,
    SessionLifecycleService,
    SessionReaper,
    DeviceDeletionHook,
    RelayNodesService,
    TicketKeyStore,
    TicketsService,
    SessionEvents,
    SessionsResolver,
    DeviceSessionsResolver,
    SubscriptionsResolver,
  ],
  exports: [SessionsService, SessionActionsService, SessionLifecycleService, SessionsRepository, RelayNodesService, TicketKeyStore, TicketsService],
})
export class SessionsModule {}
