import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeviceChangeHook, DevicesWritten } from '../../devices/device-change-hooks';
import { lockMembership } from './membership-lock';
import { MembershipService } from './membership.service';

/** What collections do when devices change: keep stored membership current, in the same transaction. */
@Injectable()
export class DeviceMembershipHook implements DeviceChangeHook {
  constructor(private readonly membership: MembershipService) {}

  beforeWrite(manager: EntityManager): Promise<void> {
    return lockMembership(manager);
  }

  written(manager: EntityManager, change: DevicesWritten): Promise<void> {
    return this.membership.devicesWritten(manager, change);
  }

  deleting(manager: EntityManager, deviceIds: string[]): Promise<void> {
    return this.membership.devicesDeleting(manager, deviceIds);
  }
}
