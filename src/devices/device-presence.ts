import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/config.types';
import { deviceFields } from './device-fields';
import { FieldMap } from '../common/filter/filter-fields';

/** Whether a device is online: a heartbeat within AGENT_OFFLINE_AFTER_SECONDS. */
@Injectable()
export class DevicePresence {
  /** The device field map, with `online` computed for the configured window. */
  readonly fields: FieldMap;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly clock: Clock) {
    this.fields = deviceFields(config.agentOfflineAfterSeconds);
  }

  isOnline(lastSeenAt: Date | null): boolean {
    return lastSeenAt !== null && this.clock.now().getTime() - lastSeenAt.getTime() < this.config.agentOfflineAfterSeconds * 1000;
  }
}
