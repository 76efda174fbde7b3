import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { CurrentPrincipal } from '../common/authz/current-principal';
import { NotFoundError } from '../common/errors/domain-error';
import { UUID } from '../common/validation/uuid';
import { INVENTORY_PORT, InventoryPort } from './inventory.port';
import type { RemoteToolsSettings } from './remote-tools.settings';
import { ResultantSettingsRepository } from './resultant-settings.repository';

export interface ResultantSettings {
  deviceId: string;
  sourceClientSettingsId: string;
  remoteTools: RemoteToolsSettings;
  etag: string;
  evaluatedAt: Date;
}

/** The Remote Tools group in force for a device, computed from current memberships and deployments. */
@Injectable()
export class ResultantSettingsService {
  constructor(
    private readonly repository: ResultantSettingsRepository,
    private readonly clock: Clock,
    @Inject(INVENTORY_PORT) private readonly inventory: InventoryPort,
  ) {}

  async forDevice(caller: CurrentPrincipal, deviceId: string): Promise<ResultantSettings> {
    // Both reads at once (the result is dropped unless the device is visible): one round trip of latency, not two.
    // Not a UUID: assertDeviceVisible says 404, and the uuid[] query would fail, so it does not run.
    const lookup = UUID.test(deviceId) ? this.forDevicesUnchecked([deviceId.toLowerCase()]) : Promise.resolve([]);
    const [, [result]] = await Promise.all([this.inventory.assertDeviceVisible(caller, deviceId), lookup]);
    if (!result) throw new NotFoundError('Device', deviceId);
    return result;
  }

  /** For callers that already checked scope (DataLoader batches, the policy engine, agents). */
  async forDevicesUnchecked(deviceIds: readonly string[], manager?: EntityManager): Promise<(ResultantSettings | undefined)[]> {
    const rows = await this.repository.forDevices(deviceIds, manager);
    const evaluatedAt = this.clock.now();
    return deviceIds.map((id) => {
      const row = rows.get(id);
      if (!row) return undefined;
      const etag = `"${createHash('sha256').update(`${row.sourceClientSettingsId}:${row.sourceVersion}`).digest('base64url').slice(0, 22)}"`;
      return { deviceId: id, sourceClientSettingsId: row.sourceClientSettingsId, remoteTools: row.remoteTools, etag, evaluatedAt };
    });
  }
}
