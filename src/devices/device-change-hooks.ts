import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface DevicesWritten {
  kind: 'created' | 'updated';
  deviceIds: string[];
  /** For updates: the wire names of the fields that changed. */
  changedFields?: string[];
}

/**
 * What another feature does when devices change, inside the same transaction.
 * `beforeWrite` runs first in every device-writing transaction, before any
 * device row is locked, so hooks can take their locks in a fixed order.
 */
export interface DeviceChangeHook {
  beforeWrite(manager: EntityManager): Promise<void>;
  written(manager: EntityManager, change: DevicesWritten): Promise<void>;
  /** Runs before the rows are deleted. */
  deleting(manager: EntityManager, deviceIds: string[]): Promise<void>;
}

/**
 * Registry that lets features react to device changes (collections keep
 * their stored membership current) without devices importing them.
 */
@Injectable()
export class DeviceChangeHooks {
  private readonly hooks: DeviceChangeHook[] = [];

  register(hook: DeviceChangeHook): void {
    this.hooks.push(hook);
  }

  async beforeWrite(manager: EntityManager): Promise<void> {
    for (const hook of this.hooks) await hook.beforeWrite(manager);
  }

  async written(manager: EntityManager, change: DevicesWritten): Promise<void> {
    if (change.deviceIds.length === 0) return;
    for (const hook of this.hooks) await hook.written(manager, change);
  }

  async deleting(manager: EntityManager, deviceIds: string[]): Promise<void> {
    if (deviceIds.length === 0) return;
    for (const hook of this.hooks) await hook.deleting(manager, deviceIds);
  }
}
