import { Injectable } from '@nestjs/common';
import { CollectionsService } from '../collections/collections.service';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { DevicesService } from '../devices/devices.service';
import { InventoryPort } from './inventory.port';

/** Binds InventoryPort to the inventory features' exported services. */
@Injectable()
export class InventoryAdapter implements InventoryPort {
  constructor(private readonly devices: DevicesService, private readonly collections: CollectionsService) {}

  async assertCollectionVisible(caller: CurrentPrincipal, collectionId: string): Promise<void> {
    await this.collections.get(caller, collectionId);
  }

  assertDeviceVisible(caller: CurrentPrincipal, deviceId: string): Promise<void> {
    return this.devices.assertVisible(caller, deviceId);
  }
}
