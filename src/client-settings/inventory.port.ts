import type { CurrentPrincipal } from '../common/authz/current-principal';

/**
 * What client settings needs from inventory, bound in the module to the
 * inventory features' exported services (client-settings depends on them, never the reverse).
 */
export interface InventoryPort {
  /** Throws NotFoundError when the collection does not exist or is out of the caller's view. */
  assertCollectionVisible(caller: CurrentPrincipal, collectionId: string): Promise<void>;
  /** Throws NotFoundError when the device does not exist or is out of the caller's scope. */
  assertDeviceVisible(caller: CurrentPrincipal, deviceId: string): Promise<void>;
}

export const INVENTORY_PORT = Symbol('INVENTORY_PORT');
