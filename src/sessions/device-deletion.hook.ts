import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeviceChangeHooks } from '../devices/device-change-hooks';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionsRepository } from './sessions.repository';

/** A deleted device's unfinished sessions end `deviceDeleted`, in the deleting transaction. */
@Injectable()
export class DeviceDeletionHook implements OnModuleInit {
  constructor(private readonly hooks: DeviceChangeHooks, private readonly repository: SessionsRepository, private readonly lifecycle: SessionLifecycleService) {}

  onModuleInit(): void {
    this.hooks.register({
      beforeWrite: async () => undefined,
      written: async () => undefined,
      deleting: async (manager: EntityManager, deviceIds: string[]) => {
        for (const id of await this.repository.openSessionIdsOfDevices(manager, deviceIds)) {
          await this.lifecycle.end(id, 'deviceDeleted', 'system', undefined, manager);
        }
      },
    });
  }
}
