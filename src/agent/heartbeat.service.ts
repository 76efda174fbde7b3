import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResultantSettingsService } from '../client-settings/resultant-settings.service';
import type { RemoteToolsSettings } from '../client-settings/remote-tools.settings';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError } from '../common/errors/domain-error';
import { DeviceEntity } from '../devices/device.entity';
import { DevicesService } from '../devices/devices.service';
import { HeartbeatDto } from './dto/agent.dto';

export const HEARTBEAT_INTERVAL_SECONDS = 30;

export interface HeartbeatAnswer {
  resultantSettings: RemoteToolsSettings;
  sourceClientSettingsId: string;
  etag: string;
  heartbeatIntervalSeconds: number;
}

const agentActor = (deviceId: string): CurrentPrincipal => ({ id: deviceId, name: `device:${deviceId}`, role: 'fullAdministrator', groups: [], scopeCollectionIds: [], tokenId: '' });

/**
 * A heartbeat marks the device seen (a cheap update) and, only when what the
 * agent reports has changed, updates the device through DevicesService so
 * collections re-evaluate and the change is audited.
 */
@Injectable()
export class HeartbeatService {
  constructor(private readonly dataSource: DataSource, private readonly devices: DevicesService, private readonly resultant: ResultantSettingsService) {}

  async beat(deviceId: string, report: HeartbeatDto): Promise<HeartbeatAnswer> {
    const actor = agentActor(deviceId);
    const device = await this.devices.get(actor, deviceId);
    const changes = reportedChanges(device, report);
    if (Object.keys(changes).length) await this.devices.update(actor, deviceId, changes);
    await this.dataSource.query('UPDATE devices SET last_seen_at = now(), client_active = true WHERE id = $1', [deviceId]);
    const [settings] = await this.resultant.forDevicesUnchecked([deviceId]);
    if (!settings) throw new NotFoundError('Device', deviceId);
    return { resultantSettings: settings.remoteTools, sourceClientSettingsId: settings.sourceClientSettingsId, etag: settings.etag, heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS };
  }
}

function reportedChanges(device: DeviceEntity, report: HeartbeatDto): Partial<Pick<DeviceEntity, 'currentUser' | 'ipAddresses' | 'localAdministrators' | 'osVersion' | 'clientVersion'>> {
  const changes: Partial<Pick<DeviceEntity, 'currentUser' | 'ipAddresses' | 'localAdministrators' | 'osVersion' | 'clientVersion'>> = {};
  if (report.currentUser !== device.currentUser) changes.currentUser = report.currentUser;
  if (report.ipAddresses && JSON.stringify(report.ipAddresses) !== JSON.stringify(device.ipAddresses)) changes.ipAddresses = report.ipAddresses;
  if (report.localAdministrators && JSON.stringify(report.localAdministrators) !== JSON.stringify(device.localAdministrators)) changes.localAdministrators = report.localAdministrators;
  if (report.osVersion !== undefined && report.osVersion !== device.osVersion) changes.osVersion = report.osVersion;
  if (report.clientVersion !== undefined && report.clientVersion !== device.clientVersion) changes.clientVersion = report.clientVersion;
  return changes;
}
