import { Module } from '@nestjs/common';
import { ClientSettingsModule } from '../client-settings/client-settings.module';
import { DevicesModule } from '../devices/devices.module';
import { DeviceDeletionHook } from './device-deletion.hook';
import { DeviceSessionsResolver } from './graphql/device-sessions.resolver';
import { SessionsResolver } from './graphql/sessions.resolver';
import { SubscriptionsResolver } from './graphql/subscriptions.resolver';
import { SessionEvents } from './session-events';
import { SessionActionsService } from './session-actions.service';
import { SessionCoreModule } from './session-core.module';
import { SessionPolicyService } from './session-policy.service';
import { SessionReaper } from './session-reaper';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { TicketsService } from './tickets/tickets.service';

@Module({
  imports: [DevicesModule, ClientSettingsModule, SessionCoreModule],
  controllers: [SessionsController],
  providers: [
    SessionsRepository,
    SessionPolicyService,
    SessionsService,
    SessionActionsService,
    SessionReaper,
    DeviceDeletionHook,
    TicketsService,
    SessionEvents,
    SessionsResolver,
    DeviceSessionsResolver,
    SubscriptionsResolver,
  ],
  exports: [SessionCoreModule, SessionsService, SessionActionsService, SessionsRepository, TicketsService],
})
export class SessionsModule {}
