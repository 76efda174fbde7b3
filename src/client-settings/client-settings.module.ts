import { Module } from '@nestjs/common';
import { CollectionsModule } from '../collections/collections.module';
import { DevicesModule } from '../devices/devices.module';
import { ClientSettingsController } from './client-settings.controller';
import { ClientSettingsRepository } from './client-settings.repository';
import { ClientSettingsResolver } from './client-settings.resolver';
import { ClientSettingsService } from './client-settings.service';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';
import { DeploymentUsageCheck } from './deployment-usage.check';
import { DeviceResultantSettingsResolver } from './device-resultant-settings.resolver';
import { InventoryAdapter } from './inventory.adapter';
import { INVENTORY_PORT } from './inventory.port';
import { ResultantSettingsController } from './resultant-settings.controller';
import { ResultantSettingsRepository } from './resultant-settings.repository';
import { ResultantSettingsService } from './resultant-settings.service';

@Module({
  imports: [DevicesModule, CollectionsModule],
  controllers: [ClientSettingsController, DeploymentsController, ResultantSettingsController],
  providers: [
    ClientSettingsRepository,
    ClientSettingsService,
    DeploymentsService,
    ResultantSettingsRepository,
    ResultantSettingsService,
    ClientSettingsResolver,
    DeviceResultantSettingsResolver,
    DeploymentUsageCheck,
    { provide: INVENTORY_PORT, useClass: InventoryAdapter },
  ],
  exports: [ResultantSettingsService, ClientSettingsService],
})
export class ClientSettingsModule {}
