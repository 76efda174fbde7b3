import { Module, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { HierarchyModule } from '../hierarchy/hierarchy.module';
import { SiteUsageChecks } from '../hierarchy/site-usage';
import { DeviceChangeHooks } from './device-change-hooks';
import { DeviceFieldsResolver } from './device-fields.resolver';
import { DeviceImportController } from './device-import.controller';
import { DeviceImportService } from './device-import.service';
import { DevicePresence } from './device-presence';
import { DeviceScope } from './device-scope';
import { DevicesController } from './devices.controller';
import { DevicesRepository } from './devices.repository';
import { DevicesResolver } from './devices.resolver';
import { DevicesService } from './devices.service';
import { SiteDevicesResolver } from './site-devices.resolver';

/** Devices. Depends on hierarchy; collections react to device changes through DeviceChangeHooks. */
@Module({
  imports: [HierarchyModule],
  controllers: [DeviceImportController, DevicesController],
  providers: [
    DevicesRepository,
    DevicesService,
    DeviceImportService,
    DevicePresence,
    DeviceScope,
    DeviceChangeHooks,
    DevicesResolver,
    DeviceFieldsResolver,
    SiteDevicesResolver,
  ],
  exports: [DevicesService, DevicesRepository, DevicePresence, DeviceScope, DeviceChangeHooks],
})
export class DevicesModule implements OnModuleInit {
  constructor(private readonly siteUsage: SiteUsageChecks, private readonly devices: DevicesRepository, private readonly audit: AuditService, private readonly scope: DeviceScope) {}

  onModuleInit(): void {
    this.siteUsage.register((manager, code) => this.devices.devicesOfSite(manager, code));
    this.audit.restrictToVisibleDevices((caller, deviceIdSql) => this.scope.conditionFor(caller, deviceIdSql));
  }
}
