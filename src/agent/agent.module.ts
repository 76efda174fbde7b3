import { Module } from '@nestjs/common';
import { ClientSettingsModule } from '../client-settings/client-settings.module';
import { DevicesModule } from '../devices/devices.module';
import { HierarchyModule } from '../hierarchy/hierarchy.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AgentController } from './agent.controller';
import { DeviceAuthGuard } from './device-auth.guard';
import { EnrollService } from './enroll.service';
import { EnrollmentKeysController } from './enrollment-keys.controller';
import { EnrollmentKeysService } from './enrollment-keys.service';
import { HeartbeatService } from './heartbeat.service';
import { OfferWaiter } from './offer-waiter';
import { OffersService } from './offers.service';

@Module({
  imports: [HierarchyModule, DevicesModule, ClientSettingsModule, SessionsModule],
  controllers: [EnrollmentKeysController, AgentController],
  providers: [EnrollmentKeysService, EnrollService, HeartbeatService, OfferWaiter, OffersService, DeviceAuthGuard],
})
export class AgentModule {}
